import type { Lang } from '../content/topics.ts';
import { lexicalTerms } from '../retrieval/lexical-terms.ts';

/** A question to compare: an entry's question or one of its aliases. */
export interface QuestionText {
  /** Entry id. */
  id: string;
  lang: Lang;
  file: string;
  text: string;
}

/** Two entries whose questions read nearly the same. */
export interface NearDuplicate {
  a: QuestionText;
  b: QuestionText;
  /** IDF-weighted Jaccard similarity of their folded word and word-pair sets, 0..1. */
  similarity: number;
}

const termSet = (q: QuestionText) => new Set(lexicalTerms(q.text, q.lang).filter((t) => !t.startsWith('=')));

/**
 * Pairs of different entries (same language) with a question or alias that is
 * nearly the same as one of the other's, most similar first. Words are
 * weighted by rarity among all questions, so shared function words ("what
 * documents are needed") count little and shared subjects count much. Word pairs count,
 * so "đăng ký khai sinh" and "khai sinh đăng ký" are close but not equal, and
 * diacritics are folded, so a copy typed without them is still found.
 */
export function findNearDuplicates(questions: QuestionText[], threshold = 0.7): NearDuplicate[] {
  const sets = questions.map(termSet);
  // Rarity is counted within each language: English function words are rare among Vietnamese questions.
  const df = new Map<string, number>();
  const perLang = new Map<Lang, number>();
  sets.forEach((set, i) => {
    const lang = questions[i]!.lang;
    perLang.set(lang, (perLang.get(lang) ?? 0) + 1);
    for (const t of set) df.set(`${lang}:${t}`, (df.get(`${lang}:${t}`) ?? 0) + 1);
  });
  const weightIn = (lang: Lang) => (t: string) => Math.log(1 + (perLang.get(lang) ?? 1) / (df.get(`${lang}:${t}`) ?? 1));
  const best = new Map<string, NearDuplicate>();
  for (let i = 0; i < questions.length; i++) {
    for (let j = i + 1; j < questions.length; j++) {
      const a = questions[i]!;
      const b = questions[j]!;
      if (a.lang !== b.lang || a.id === b.id) continue;
      const weight = weightIn(a.lang);
      const sa = sets[i]!;
      const sb = sets[j]!;
      let inter = 0;
      let union = 0;
      for (const t of sa) {
        union += weight(t);
        if (sb.has(t)) inter += weight(t);
      }
      for (const t of sb) if (!sa.has(t)) union += weight(t);
      const similarity = union === 0 ? 0 : inter / union;
      if (similarity < threshold) continue;
      const key = [a.lang, ...[a.id, b.id].sort()].join(':');
      const prev = best.get(key);
      if (!prev || similarity > prev.similarity) best.set(key, { a, b, similarity: Math.round(similarity * 100) / 100 });
    }
  }
  return [...best.values()].sort((x, y) => y.similarity - x.similarity);
}
