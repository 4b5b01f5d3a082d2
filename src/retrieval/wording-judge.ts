import { foldWord, words } from '../text/fold.ts';

/**
 * Which of two close entries a question reads like, judged only by how each entry is asked: its question, aliases,
 * search phrases and tags. A small logistic model is fitted on the spot to tell the two entries' wordings apart, so
 * the words that separate two siblings ("lại", "liên thông", "quá hạn") decide and the words they share do not,
 * which BM25, scoring each entry on its own, cannot do. It sees only the handbook's own text, never a dataset's
 * questions, and is deterministic (zero start, fixed steps): the same question always gets the same order.
 */

/** What the judge reads of an entry. */
export interface Worded {
  title: string;
  aliases: readonly string[];
  searchPhrases: readonly string[];
  tags: readonly string[];
}

/** Every way an entry is asked: its question, aliases and search phrases, and its tags as one wording. */
export function entryWordings(entry: Worded): string[] {
  return [entry.title, ...entry.aliases, ...entry.searchPhrases, ...(entry.tags.length > 0 ? [entry.tags.join(' ')] : [])];
}

/** Settings of the fit; the defaults were chosen on the dev half of eval/officer-questions.json. */
export interface JudgeSettings {
  /** Gradient steps. */
  steps: number;
  /** Step size. */
  rate: number;
  /** L2 penalty on the weights. */
  l2: number;
  /** Fewest wordings each entry needs for the judge to speak: one title is no evidence of how an entry is asked. */
  minWordings: number;
  /** Fewest words a question needs for the judge to speak. */
  minQuestionWords: number;
  /** The first entry's probability below which the second is put first. */
  overruleBelow: number;
}

export const DEFAULT_JUDGE_SETTINGS: JudgeSettings = {
  steps: 200,
  rate: 4,
  l2: 5e-4,
  minWordings: 4,
  minQuestionWords: 3,
  overruleBelow: 0.3,
};

/** Folded words and neighbouring word pairs of a text: the features of one wording. */
export function wordingTerms(text: string): string[] {
  const folded = words(text).map(foldWord);
  const pairs = folded.slice(1).map((w, i) => `${folded[i]!} ${w}`);
  return [...new Set([...folded, ...pairs])];
}

/**
 * The probability that `question` is asked of the first entry rather than the second, by a logistic model fitted
 * on the spot to tell the two entries' wordings apart; undefined when either has fewer than `minWordings`, or when
 * none of the question's words occurs in them.
 */
export function judgeByWording(
  question: string,
  first: readonly string[],
  second: readonly string[],
  settings: JudgeSettings = DEFAULT_JUDGE_SETTINGS,
): number | undefined {
  if (first.length < settings.minWordings || second.length < settings.minWordings) return undefined;
  const ids = new Map<string, number>();
  const id = (term: string) => {
    let i = ids.get(term);
    if (i === undefined) ids.set(term, (i = ids.size));
    return i;
  };
  // Each wording a binary vector scaled to unit length, so long phrases do not outweigh short ones; the
  // examples' terms are laid end to end in one array (offsets in `ends`) for a tight fitting loop.
  const termList: number[] = [];
  const ends: number[] = [];
  const scales: number[] = [];
  const labels: number[] = [];
  const add = (texts: readonly string[], label: number) => {
    for (const text of texts) {
      const terms = wordingTerms(text);
      if (terms.length === 0) continue;
      for (const t of terms) termList.push(id(t));
      ends.push(termList.length);
      scales.push(1 / Math.sqrt(terms.length));
      labels.push(label);
    }
  };
  add(first, 1);
  add(second, 0);
  const all = Int32Array.from(termList);
  const weights = new Float64Array(ids.size);
  const grad = new Float64Array(ids.size);
  let bias = 0;
  // Each entry weighs alike however many wordings it has, so the judge has no prior for the longer list.
  const firstCount = labels.filter((l) => l === 1).length;
  const share = [0.5 / Math.max(1, labels.length - firstCount), 0.5 / Math.max(1, firstCount)];
  for (let step = 0; step < settings.steps; step++) {
    grad.fill(0);
    let gradBias = 0;
    for (let e = 0, start = 0; e < labels.length; start = ends[e]!, e++) {
      const end = ends[e]!;
      const scale = scales[e]!;
      let z = bias;
      for (let i = start; i < end; i++) z += weights[all[i]!]! * scale;
      const err = (1 / (1 + Math.exp(-z)) - labels[e]!) * share[labels[e]!]!;
      gradBias += err;
      const g = err * scale;
      for (let i = start; i < end; i++) grad[all[i]!]! += g;
    }
    for (let i = 0; i < weights.length; i++) weights[i]! -= settings.rate * (grad[i]! + settings.l2 * weights[i]!);
    bias -= settings.rate * gradBias;
  }
  const asked = wordingTerms(question);
  let z = bias;
  let known = 0;
  for (const t of asked) {
    const i = ids.get(t);
    if (i === undefined) continue;
    z += weights[i]! / Math.sqrt(asked.length);
    known++;
  }
  // A question none of whose words either entry uses is no evidence either way.
  return known === 0 ? undefined : 1 / (1 + Math.exp(-z));
}

/** What the judge made of the first two hits: no say, the keyword order stands, a doubt, or the order reversed. */
export type Verdict = 'silent' | 'agrees' | 'doubts' | 'overrules';

/**
 * Judges the first two hits by their entries' wordings. When the question reads clearly more like the second
 * (`overruleBelow`), the two change places, keeping the scores of their places so the hits stay in score order for
 * everything downstream; when it reads only somewhat more like the second, the order stands but the judge doubts
 * it (a signal of the answer decision). A question of fewer than `minQuestionWords` words is silent: a bare term
 * ("sổ đỏ") is about both siblings alike.
 */
export function judgeFirstTwo<H extends { score: number }>(
  question: string,
  hits: H[],
  wordingsOf: (hit: H) => string[],
  settings: JudgeSettings = DEFAULT_JUDGE_SETTINGS,
): Verdict {
  const [first, second] = hits;
  if (!first || !second || words(question).length < settings.minQuestionWords) return 'silent';
  const firstLikely = judgeByWording(question, wordingsOf(first), wordingsOf(second), settings);
  if (firstLikely === undefined) return 'silent';
  if (firstLikely >= 0.5) return 'agrees';
  if (firstLikely >= settings.overruleBelow) return 'doubts';
  hits[0] = { ...second, score: first.score };
  hits[1] = { ...first, score: second.score };
  return 'overrules';
}
