import { createHash } from 'node:crypto';
import type { HandbookEntry } from '../content/parse-entry.ts';
import type { Lang, Topic } from '../content/topics.ts';

/** What the index keeps of one entry: enough to rank it, cite it and link it without the Markdown files. */
export interface StoredEntry {
  /** `lang:id`, unique across languages. */
  key: string;
  id: string;
  lang: Lang;
  topic: Topic;
  title: string;
  url: string;
  aliases: string[];
  /** Everyday wordings people type: matched like aliases, never shown. */
  searchPhrases: string[];
  tags: string[];
  sections: { heading: string; text: string }[];
  /** sha256 of everything above: an unchanged hash means unchanged vectors. */
  hash: string;
}

/** One embedded passage of an entry. */
export interface Chunk {
  /** Index of the entry in the store's entry list. */
  entry: number;
  /** `question`, `alias` or `section`: questions are embedded as queries, sections as passages. */
  kind: 'question' | 'alias' | 'section';
  /** Section index for `section` chunks, index in aliases then search phrases for `alias`, 0 for the question. */
  part: number;
  text: string;
}

/** Turns a parsed handbook entry into the record the index stores. */
export function toStoredEntry(e: HandbookEntry): StoredEntry {
  const base = {
    key: `${e.lang}:${e.data.id}`,
    id: e.data.id,
    lang: e.lang,
    topic: e.topic,
    title: e.data.question,
    url: e.url,
    aliases: e.data.aliases,
    searchPhrases: e.data.searchPhrases,
    tags: e.data.tags,
    sections: e.sections,
  };
  return { ...base, hash: createHash('sha256').update(JSON.stringify(base)).digest('hex') };
}

/** The passages of an entry, in a fixed order: question, aliases and search phrases, then answer sections. */
export function chunksOf(entry: StoredEntry, index: number): Chunk[] {
  return [
    // Some sources have answers only (no question text); an empty passage would match nothing.
    ...(entry.title.trim() ? [{ entry: index, kind: 'question' as const, part: 0, text: entry.title }] : []),
    ...[...entry.aliases, ...entry.searchPhrases].map((text, part) => ({ entry: index, kind: 'alias' as const, part, text })),
    ...entry.sections.map((s, part) => ({
      entry: index,
      kind: 'section' as const,
      part,
      // The question gives a section its context ("Hồ sơ" alone says nothing).
      text: `${entry.title}\n${s.heading}\n${s.text}`.trim(),
    })),
  ];
}
