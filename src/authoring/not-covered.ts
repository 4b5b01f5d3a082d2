import type { EntryProblem } from '../content/entry-error.ts';
import type { GlossaryTerm } from '../content/glossary.ts';
import type { HandbookEntry } from '../content/parse-entry.ts';
import { LANGS } from '../content/topics.ts';
import { GlossaryExpander } from '../retrieval/glossary-expansion.ts';

/**
 * A published entry whose question names a procedure the glossary marks `notCovered` would never be answered: Ask
 * caps every question naming that term at "not sure". Written when the IOC team adds the entry and forgets the
 * glossary; `npm run check` fails on it. An alias or search phrase naming such a term is refused too: the questions
 * it stands for would never be answered either, so the term's everyday words are too broad or the wording is wrong.
 */
export function notCoveredProblems(entries: HandbookEntry[], glossary: GlossaryTerm[]): EntryProblem[] {
  // The glossary matching Ask itself does (longest phrase first), so the check and the service agree.
  const expanders = new Map(LANGS.map((lang) => [lang, new GlossaryExpander(glossary, lang)]));
  return entries.flatMap((entry) => {
    if (entry.data.status !== 'published') return [];
    const named = (text: string) =>
      expanders
        .get(entry.lang)!
        .match(text)
        .find((m) => m.notCovered);
    const problems: EntryProblem[] = [];
    const term = named(entry.data.question);
    if (term)
      problems.push({
        file: entry.file,
        line: entry.fieldLines['question'] ?? 1,
        field: 'question',
        message: `it names "${term.term}", which handbook/glossary.yaml marks notCovered, so Ask would never answer it; remove notCovered from that term and list this entry in its entries`,
      });
    for (const field of ['aliases', 'searchPhrases'] as const) {
      entry.data[field].forEach((wording, i) => {
        const t = named(wording);
        if (!t) return;
        problems.push({
          file: entry.file,
          line: entry.fieldLines[field] ?? 1,
          field: `${field}.${i}`,
          message: `"${wording}" names "${t.term}", which handbook/glossary.yaml marks notCovered, so Ask would never answer it; reword it, or narrow that term's everyday words in the glossary`,
        });
      });
    }
    return problems;
  });
}
