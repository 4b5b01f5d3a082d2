import type { KeywordResult } from './keyword-search.ts';
import model from './answer-model.json' with { type: 'json' };
import type { DenseCalibration } from './dense-calibration.ts';
import type { Verdict } from './wording-judge.ts';

/**
 * The answer decision: whether the best entry is given as the answer, the closest entries are shown as "not
 * sure", or the handbook says it has nothing on the subject. A logistic model over signals that are comparable
 * across questions, fitted on the dev half of eval/officer-questions.json by `npm run fit-decision` (the weights
 * and the command are in answer-model.json).
 */

/** Signals of the best entry for a question. */
export interface DecisionFeatures {
  /** IDF-weighted share of the question's words and word pairs found in the entry. */
  coverage: number;
  /** The same, counting only the entry's question, aliases and tags. */
  titleCoverage: number;
  /** Share of the question's word pairs found in the entry. */
  pairCoverage: number;
  /** How far the best entry's score stands above the second's, 0..1. */
  margin: number;
  /** Share of the question's words that the handbook has at all. */
  known: number;
  /** 1 when a glossary phrase of the question links to the entry. */
  glossary: number;
  /** 1 / number of words: short questions carry less evidence per word. */
  shortness: number;
  /** How much more of the question the best entry covers than the second. */
  coverageGap: number;
  /**
   * 0 when the wording judge doubts or overrules the keyword ranking's first entry (wording-judge.ts); 1 when it
   * agrees or has no say.
   */
  wordingAgrees: number;
  /**
   * {@link closeness} of the closest of the first {@link NEAR_ENTRIES} entries: "nothing close" is said only when
   * none of them is close, not when the best by score happens not to be. Not a signal of the model.
   */
  closest: number;
  /**
   * When the question is nothing but a glossary term that links to entries (main-entry.ts): 1 when one of them is
   * the best entry, -1 when none is. The handbook has something on the term, so "nothing close" is never said, even
   * of an abbreviation no entry spells out ("GPXD", "QSDĐ"); and an entry the glossary does not link to the term is
   * never the answer ("UBND xã" is not a question about monthly social allowances). 0 for any other question. Not
   * a signal of the model.
   */
  bareTerm: number;
}

export const FEATURE_NAMES = [
  'coverage',
  'titleCoverage',
  'pairCoverage',
  'margin',
  'known',
  'glossary',
  'shortness',
  'coverageGap',
  'wordingAgrees',
] as const satisfies readonly (keyof DecisionFeatures)[];

/** How many of the first entries "nothing close" looks at: the closest entries the Ask box would list. */
export const NEAR_ENTRIES = 3;

/** A fitted decision model (the shape of answer-model.json). */
export interface DecisionModel {
  weights: Record<(typeof FEATURE_NAMES)[number], number>;
  bias: number;
  /** Probability at or above which the best entry is the answer. */
  answerAt: number;
  /**
   * Below this probability, nothing in the handbook is close (`no_match`) when none of the first entries comes to
   * `closeness` ({@link DecisionFeatures.closest}), or the handbook knows less than `known` of its words.
   */
  noMatch: { probability: number; closeness: number; known: number };
  /** What a loaded model adds, fitted for one model by `npm run fit-decision -- --model` (dense-calibration.ts). */
  dense?: DenseCalibration | undefined;
}

export const DEFAULT_DECISION_MODEL: DecisionModel = model as DecisionModel;

export type AnswerStatus = 'answered' | 'no_confident_answer' | 'no_match';

/**
 * The signals of a keyword result's best entry; `entryId` of each hit is needed for the glossary signal, and
 * `verdict` is what the wording judge made of the first two (wording-judge.ts).
 */
export function decisionFeatures(result: KeywordResult, entryId: (doc: number) => string, verdict: Verdict): DecisionFeatures | undefined {
  const [top, second] = result.hits;
  if (!top) return undefined;
  const linked = new Set(result.glossary.flatMap((m) => m.entries));
  return {
    coverage: top.coverage,
    titleCoverage: top.titleCoverage,
    pairCoverage: top.pairCoverage,
    margin: second ? (top.score - second.score) / top.score : 1,
    known: result.known,
    glossary: linked.has(entryId(top.doc)) ? 1 : 0,
    shortness: 1 / Math.max(1, result.words),
    coverageGap: top.coverage - (second?.coverage ?? 0),
    wordingAgrees: verdict === 'doubts' || verdict === 'overrules' ? 0 : 1,
    closest: Math.max(...result.hits.slice(0, NEAR_ENTRIES).map(closeness)),
    bareTerm: !result.bareTerm ? 0 : result.bareTerm.entries.includes(entryId(top.doc)) ? 1 : -1,
  };
}

/**
 * How much of the question the best entry covers, its words and its word pairs alike: a Vietnamese word is often
 * two syllables, and an entry that shares only loose syllables with a question ("hôm" of "Giá vàng hôm nay") is not
 * close to it, however rare those syllables are in the handbook.
 */
export function closeness(hit: { coverage: number; pairCoverage: number }): number {
  return (hit.coverage + hit.pairCoverage) / 2;
}

/** The model's probability that the best entry answers the question. */
export function answerProbability(f: DecisionFeatures, m: DecisionModel = DEFAULT_DECISION_MODEL): number {
  let z = m.bias;
  for (const name of FEATURE_NAMES) z += m.weights[name] * f[name];
  return 1 / (1 + Math.exp(-z));
}

/**
 * The decision for a probability (blended with the model's similarity by the caller when one is loaded). A question
 * that names a procedure the handbook does not cover (`namesUncovered`, a glossary term marked `notCovered`) is
 * never answered from another entry: at best the closest entries are shown. A bare glossary term follows its
 * {@link DecisionFeatures.bareTerm} rules.
 */
export function decide(
  f: DecisionFeatures | undefined,
  confidence: number,
  m: DecisionModel = DEFAULT_DECISION_MODEL,
  namesUncovered = false,
): AnswerStatus {
  if (!f) return 'no_match';
  if (confidence >= m.answerAt) return namesUncovered || f.bareTerm < 0 ? 'no_confident_answer' : 'answered';
  if (confidence < m.noMatch.probability && (f.closest < m.noMatch.closeness || f.known < m.noMatch.known) && f.bareTerm === 0)
    return 'no_match';
  return 'no_confident_answer';
}
