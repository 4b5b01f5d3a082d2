import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { readEvalDataset } from '../../src/evaluation/eval-dataset.ts';
import { bestSection, questionTermsIn } from '../../src/retrieval/best-section.ts';
import { lexicalTerms } from '../../src/retrieval/lexical-terms.ts';
import { handbookEntries } from '../../src/service/question-index.ts';
import { REAL_HANDBOOK, ROOT } from '../support/paths.ts';

/** The plain definition: the distinct terms a section and the question share, from both full term lists. */
const sharedTerms = (text: string, question: string, lang: 'vi' | 'en') => {
  const asked = new Set(lexicalTerms(question, lang));
  return new Set(lexicalTerms(text, lang).filter((t) => asked.has(t))).size;
};

describe('bestSection', () => {
  it('counts the terms a section shares with the question exactly as the full term lists do, on the whole handbook', async () => {
    const config = loadConfig({ HANDBOOK_DIR: REAL_HANDBOOK, HANDBOOK_MODEL: 'off' }, ROOT);
    const entries = await handbookEntries(config);
    const questions = (await readEvalDataset(`${ROOT}/eval/officer-questions.json`)).queries
      .filter((q) => q.split === 'dev')
      .map((q) => q.query);
    let compared = 0;
    for (const [i, question] of questions.entries()) {
      // Each question against a spread of entries in both languages, not only the ones it is about.
      for (const entry of entries.filter((_, j) => (j + i) % 9 === 0)) {
        const terms = new Set(lexicalTerms(question, entry.lang));
        for (const s of entry.sections) {
          const text = `${s.heading}\n${s.text}`;
          expect(questionTermsIn(text, terms, entry.lang), `${entry.key} “${s.heading}” × ${question}`).toBe(
            sharedTerms(text, question, entry.lang),
          );
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(10_000);
  });

  it('tells tử from tư: an exact spelling counts only where it is written', () => {
    const terms = new Set(lexicalTerms('khai tử', 'vi'));
    expect(questionTermsIn('Khai tử tại xã', terms, 'vi')).toBe(5);
    // Folded "khai", "tu" and "khai_tu" match; "=tử" and "=khai_tử" do not.
    expect(questionTermsIn('Khai tư tại xã', terms, 'vi')).toBe(3);
  });

  it('picks the first section on a tie', () => {
    const entry = {
      lang: 'vi',
      sections: [
        { heading: 'A', text: 'không liên quan' },
        { heading: 'B', text: 'cũng không' },
      ],
    } as Parameters<typeof bestSection>[0];
    expect(bestSection(entry, new Set(lexicalTerms('khai tử', 'vi')))?.heading).toBe('A');
  });
});
