import type { Lang } from '../content/topics.ts';
import type { StoredEntry } from '../indexing/handbook-documents.ts';
import type { KeywordDoc } from './keyword-index.ts';

/** The answer as plain text, for keyword matching. */
export function answerText(entry: Pick<StoredEntry, 'sections'>): string {
  return entry.sections.map((s) => `${s.heading}\n${s.text}`).join('\n\n');
}

/**
 * The keyword documents of one language's half, in entry order: what the keyword index is built from. Search
 * phrases weigh as aliases: both are other ways of asking the entry's question.
 */
export function keywordDocs(entries: StoredEntry[], lang: Lang): KeywordDoc[] {
  return entries
    .filter((e) => e.lang === lang)
    .map((e) => ({ question: e.title, aliases: [...e.aliases, ...e.searchPhrases], tags: e.tags, body: answerText(e) }));
}
