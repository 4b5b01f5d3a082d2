import type { Lang } from '../content/topics.ts';
import { buildKeywordIndex, KeywordIndex } from '../retrieval/keyword-index.ts';
import { isExactTerm } from '../retrieval/lexical-terms.ts';

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

/** A pair of questions at or above the threshold: positions in the input list, i < j. */
interface Match {
  i: number;
  j: number;
  similarity: number;
}

/**
 * Pairs of different entries (same language) with a question or alias that is
 * nearly the same as one of the other's, most similar first. Words are
 * weighted by rarity among all questions, so shared function words ("what
 * documents are needed") count little and shared subjects count much. Word pairs count,
 * so "đăng ký khai sinh" and "khai sinh đăng ký" are close but not equal, and
 * diacritics are folded, so a copy typed without them is still found.
 *
 * Candidates come from a keyword index over the questions rather than from every pair: two questions whose
 * weighted Jaccard similarity reaches `threshold` must share one of the rarest terms that make up more than
 * `1 - threshold` of either question's weight ("prefix filtering", Chaudhuri et al. 2006), so only the
 * postings of those terms are compared. The result is the same as comparing every pair; at 10,000 entries it
 * takes seconds instead of hours.
 */
export function findNearDuplicates(questions: QuestionText[], threshold = 0.7): NearDuplicate[] {
  const matches: Match[] = [];
  const byLang = new Map<Lang, number[]>();
  questions.forEach((q, i) => byLang.set(q.lang, [...(byLang.get(q.lang) ?? []), i]));
  for (const [lang, positions] of byLang) for (const m of matchesIn(questions, positions, lang, threshold)) matches.push(m);
  // Kept in the order a pass over every pair (i, then j) meets them, so ties and the choice between equally
  // similar questions of the same two entries stay as they were.
  matches.sort((x, y) => x.i - y.i || x.j - y.j);
  const best = new Map<string, NearDuplicate>();
  for (const { i, j, similarity } of matches) {
    const a = questions[i]!;
    const b = questions[j]!;
    const key = [a.lang, ...[a.id, b.id].sort()].join(':');
    const prev = best.get(key);
    if (!prev || similarity > prev.similarity) best.set(key, { a, b, similarity: Math.round(similarity * 100) / 100 });
  }
  return [...best.values()].sort((x, y) => y.similarity - x.similarity);
}

/** Pairs of questions of one language (positions into `questions`) with similarity ≥ threshold. */
function matchesIn(questions: QuestionText[], positions: number[], lang: Lang, threshold: number): Match[] {
  // Rarity is counted within each language: English function words are rare among Vietnamese questions.
  const index = new KeywordIndex(buildKeywordIndex(positions.map((p) => ({ question: questions[p]!.text, aliases: [], tags: [], body: '' })), lang));
  const { offsets, docs } = index.data;
  const n = positions.length;
  const weights = Float64Array.from(index.data.vocabulary, (_, id) => Math.log(1 + n / Math.max(1, index.df(id))));
  const weight = (id: number) => weights[id]!;
  // Each question's distinct folded terms, in text order (the similarity adds them up in that order).
  const sets = positions.map((p) => {
    const ids = new Set<number>();
    for (const t of index.terms(questions[p]!.text)) {
      const id = isExactTerm(t) ? undefined : index.termId(t);
      if (id !== undefined) ids.add(id);
    }
    return ids;
  });
  const rarestFirst = sets.map((s) => [...s].sort((x, y) => weight(y) - weight(x) || x - y));
  const totals = sets.map((s) => [...s].reduce((sum, id) => sum + weight(id), 0));
  const checked = new Int32Array(n).fill(-1);
  const out: Match[] = [];
  for (let a = 0; a < n; a++) {
    const sa = sets[a]!;
    const total = totals[a]!;
    if (total === 0) continue;
    let rest = total;
    for (const t of rarestFirst[a]!) {
      // Once the terms left weigh less than threshold × total, a question sharing only those cannot reach it
      // (the margin keeps rounding on the side of checking more).
      if (rest < threshold * total - 1e-9) break;
      rest -= weight(t);
      for (let p = offsets[t]!; p < offsets[t + 1]!; p++) {
        const b = docs[p]!;
        if (b <= a || checked[b] === a) continue;
        checked[b] = a;
        const qa = questions[positions[a]!]!;
        const qb = questions[positions[b]!]!;
        if (qa.id === qb.id) continue;
        const sb = sets[b]!;
        let inter = 0;
        let union = 0;
        for (const id of sa) {
          union += weight(id);
          if (sb.has(id)) inter += weight(id);
        }
        for (const id of sb) if (!sa.has(id)) union += weight(id);
        const similarity = union === 0 ? 0 : inter / union;
        if (similarity >= threshold) out.push({ i: positions[a]!, j: positions[b]!, similarity });
      }
    }
  }
  return out;
}
