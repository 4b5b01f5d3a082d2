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
  const byLang = new Map<Lang, number[]>();
  questions.forEach((q, i) => (byLang.get(q.lang) ?? byLang.set(q.lang, []).get(q.lang)!).push(i));
  const groups = new Map([...byLang].map(([lang, positions]) => [lang, new QuestionGroup(questions, positions, lang)]));
  // Entries as numbers (`lang:id`), so each match looks its pair of entries up by two small integers.
  const numbers = new Map<string, number>();
  const entryOf = questions.map((q) => {
    const key = `${q.lang}:${q.id}`;
    let n = numbers.get(key);
    if (n === undefined) numbers.set(key, (n = numbers.size));
    return n;
  });
  const pairs = new Map<number, Map<number, number>>();
  const found: NearDuplicate[] = [];
  // Question by question, each one's matches in order, as a pass over every pair (i, then j) meets them: ties,
  // and the choice between equally similar questions of the same two entries, stay as that pass made them.
  questions.forEach((a, i) => {
    for (const { j, similarity } of groups.get(a.lang)!.matchesOf(i, threshold)) {
      const x = Math.min(entryOf[i]!, entryOf[j]!);
      const y = Math.max(entryOf[i]!, entryOf[j]!);
      let row = pairs.get(x);
      if (!row) pairs.set(x, (row = new Map()));
      const at = row.get(y);
      if (at === undefined) row.set(y, found.push({ a, b: questions[j]!, similarity: Math.round(similarity * 100) / 100 }) - 1);
      else if (similarity > found[at]!.similarity) found[at] = { a, b: questions[j]!, similarity: Math.round(similarity * 100) / 100 };
    }
  });
  return found.sort((x, y) => y.similarity - x.similarity);
}

/** The questions of one language in a keyword index, for finding each one's near-duplicates among them. */
class QuestionGroup {
  private readonly questions: QuestionText[];
  private readonly positions: number[];
  /** Position in `positions` of each question of the group, by its position in `questions`. */
  private readonly local = new Map<number, number>();
  private readonly offsets: Uint32Array;
  private readonly docs: Uint32Array | Uint16Array;
  private readonly weights: Float64Array;
  /** Each question's distinct folded terms, in text order (the similarity adds them up in that order). */
  private readonly sets: Set<number>[];
  /** The same terms, rarest (heaviest) first. */
  private readonly rarestFirst: number[][];
  private readonly totals: number[];
  private readonly checked: Int32Array;

  constructor(questions: QuestionText[], positions: number[], lang: Lang) {
    this.questions = questions;
    this.positions = positions;
    positions.forEach((p, k) => this.local.set(p, k));
    const index = new KeywordIndex(
      buildKeywordIndex(
        positions.map((p) => ({ question: questions[p]!.text, aliases: [], tags: [], body: '' })),
        lang,
      ),
    );
    ({ offsets: this.offsets, docs: this.docs } = index.data);
    // Rarity is counted within each language: English function words are rare among Vietnamese questions.
    const n = positions.length;
    this.weights = Float64Array.from(index.data.vocabulary, (_, id) => Math.log(1 + n / Math.max(1, index.df(id))));
    this.sets = positions.map((p) => {
      const ids = new Set<number>();
      for (const t of index.terms(questions[p]!.text)) {
        const id = isExactTerm(t) ? undefined : index.termId(t);
        if (id !== undefined) ids.add(id);
      }
      return ids;
    });
    this.rarestFirst = this.sets.map((s) => [...s].sort((x, y) => this.weights[y]! - this.weights[x]! || x - y));
    this.totals = this.sets.map((s) => [...s].reduce((sum, id) => sum + this.weights[id]!, 0));
    this.checked = new Int32Array(n).fill(-1);
  }

  /** Questions after question `i` (positions in `questions`, ascending) of another entry with similarity ≥ threshold. */
  matchesOf(i: number, threshold: number): { j: number; similarity: number }[] {
    const a = this.local.get(i)!;
    const { offsets, docs, weights, sets, totals, checked } = this;
    const sa = sets[a]!;
    const total = totals[a]!;
    const out: { j: number; similarity: number }[] = [];
    if (total === 0) return out;
    let rest = total;
    for (const t of this.rarestFirst[a]!) {
      // Once the terms left weigh less than threshold × total, a question sharing only those cannot reach it
      // (the margin keeps rounding on the side of checking more).
      if (rest < threshold * total - 1e-9) break;
      rest -= weights[t]!;
      for (let p = offsets[t]!; p < offsets[t + 1]!; p++) {
        const b = docs[p]!;
        if (b <= a || checked[b] === a) continue;
        checked[b] = a;
        const j = this.positions[b]!;
        if (this.questions[i]!.id === this.questions[j]!.id) continue;
        const sb = sets[b]!;
        let inter = 0;
        let union = 0;
        for (const id of sa) {
          union += weights[id]!;
          if (sb.has(id)) inter += weights[id]!;
        }
        for (const id of sb) if (!sa.has(id)) union += weights[id]!;
        const similarity = union === 0 ? 0 : inter / union;
        if (similarity >= threshold) out.push({ j, similarity });
      }
    }
    return out.sort((x, y) => x.j - y.j);
  }
}
