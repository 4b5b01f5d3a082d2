import type { EntryProblem } from '../content/entry-error.ts';
import type { GlossaryTerm } from '../content/glossary.ts';
import type { HandbookEntry } from '../content/parse-entry.ts';
import { foldWord, words } from '../text/fold.ts';

/** ` a b c ` of a text's folded words, so a phrase is found only as whole words. */
const folded = (text: string) => ` ${words(text).map(foldWord).join(' ')} `;

/**
 * A published entry whose question names a procedure the glossary marks `notCovered` would never be answered: Ask
 * caps every question naming that term at "not sure". Written when the IOC team adds the entry and forgets the
 * glossary; `npm run check` fails on it. An alias or search phrase naming such a term is refused too: the questions
 * it stands for would never be answered either, so the term's everyday words are too broad or the wording is wrong.
 */
export function notCoveredProblems(entries: HandbookEntry[], glossary: GlossaryTerm[]): EntryProblem[] {
  const terms = glossary.filter((t) => t.notCovered).map((t) => ({ term: t, names: [t.term, ...t.says].map(folded) }));
  return entries.flatMap((entry) => {
    if (entry.data.status !== 'published') return [];
    const named = (text: string) => {
      const wording = folded(text);
      return terms.find((t) => t.term.lang === entry.lang && t.names.some((name) => wording.includes(name)))?.term;
    };
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
