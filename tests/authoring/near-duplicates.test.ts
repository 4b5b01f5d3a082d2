import { describe, expect, it } from 'vitest';
import { findNearDuplicates, type NearDuplicate, type QuestionText } from '../../src/authoring/near-duplicates.ts';
import type { Lang } from '../../src/content/topics.ts';
import { loadHandbook } from '../../src/content/load-handbook.ts';
import { syntheticStoredEntries } from '../../src/evaluation/synthetic-handbook.ts';
import { lexicalTerms } from '../../src/retrieval/lexical-terms.ts';
import { FIXTURE_HANDBOOK } from '../support/paths.ts';

/** The pass over every pair that findNearDuplicates replaced: the reference its results must equal. */
function everyPair(questions: QuestionText[], threshold: number): NearDuplicate[] {
  const sets = questions.map((q) => new Set(lexicalTerms(q.text, q.lang).filter((t) => !t.startsWith('='))));
  const df = new Map<string, number>();
  const perLang = new Map<Lang, number>();
  sets.forEach((set, i) => {
    const lang = questions[i]!.lang;
    perLang.set(lang, (perLang.get(lang) ?? 0) + 1);
    for (const t of set) df.set(`${lang}:${t}`, (df.get(`${lang}:${t}`) ?? 0) + 1);
  });
  const best = new Map<string, NearDuplicate>();
  for (let i = 0; i < questions.length; i++) {
    for (let j = i + 1; j < questions.length; j++) {
      const a = questions[i]!;
      const b = questions[j]!;
      if (a.lang !== b.lang || a.id === b.id) continue;
      const weight = (t: string) => Math.log(1 + perLang.get(a.lang)! / df.get(`${a.lang}:${t}`)!);
      let inter = 0;
      let union = 0;
      for (const t of sets[i]!) {
        union += weight(t);
        if (sets[j]!.has(t)) inter += weight(t);
      }
      for (const t of sets[j]!) if (!sets[i]!.has(t)) union += weight(t);
      const similarity = union === 0 ? 0 : inter / union;
      if (similarity < threshold) continue;
      const key = [a.lang, ...[a.id, b.id].sort()].join(':');
      const prev = best.get(key);
      if (!prev || similarity > prev.similarity) best.set(key, { a, b, similarity: Math.round(similarity * 100) / 100 });
    }
  }
  return [...best.values()].sort((x, y) => y.similarity - x.similarity);
}

describe('finding near-duplicates through the keyword index', () => {
  it('finds exactly the pairs a comparison of every pair finds, in the same order', async () => {
    const { entries } = await loadHandbook({ dir: FIXTURE_HANDBOOK });
    const synthetic = syntheticStoredEntries(entries, { count: 150, seed: 3 });
    const questions: QuestionText[] = [
      ...entries.flatMap((e) => [e.data.question, ...e.data.aliases].map((text) => ({ id: e.data.id, lang: e.lang, file: e.file, text }))),
      ...synthetic.flatMap((e) => [e.title, ...e.aliases].map((text) => ({ id: e.id, lang: e.lang, file: `${e.id}.md`, text }))),
      { id: 'no-words', lang: 'vi', file: 'no-words.md', text: '???' },
    ];
    for (const threshold of [0.5, 0.7, 0.9]) {
      const found = findNearDuplicates(questions, threshold);
      expect(found.length).toBeGreaterThan(0);
      expect(found).toEqual(everyPair(questions, threshold));
    }
  });
});
