import {
  answerProbability,
  decide,
  FEATURE_NAMES,
  type AnswerStatus,
  type DecisionFeatures,
  type DecisionModel,
} from '../retrieval/answer-decision.ts';
import {
  calibratedDecision,
  calibratedProbability,
  DENSE_SIGNAL_NAMES,
  denseInputs,
  type DenseCalibration,
  type DenseSignals,
} from '../retrieval/dense-calibration.ts';
import type { AskedQuery } from './run-eval.ts';
import { createRandom } from './seeded-random.ts';

/** Targets the thresholds are chosen for, on the dev half, with a margin below the test targets. */
export interface FitTargets {
  /** Most in-scope questions answered with a wrong entry, as a share of in-scope questions. */
  maxWrong: number;
  /** Most out-of-scope questions answered, as a share of them. */
  maxOutOfScopeAnswered: number;
  /** Most in-scope questions told "nothing in the handbook", as a share of in-scope questions. */
  maxInScopeNoMatch: number;
}

export const DEFAULT_FIT_TARGETS: FitTargets = { maxWrong: 0.025, maxOutOfScopeAnswered: 0.07, maxInScopeNoMatch: 0.03 };

const vector = (f: DecisionFeatures) => FEATURE_NAMES.map((n) => f[n]);

/**
 * Logistic regression by batch gradient descent with a small L2 penalty: the label is "the best entry is a right
 * answer". A few hundred points and nine signals need nothing more.
 */
export function fitLogistic(
  points: { features: DecisionFeatures; label: boolean }[],
  iterations = 4000,
  rate = 0.5,
  l2 = 1e-3,
): { weights: number[]; bias: number } {
  return logistic(
    points.map((p) => vector(p.features)),
    points.map((p) => p.label),
    iterations,
    rate,
    l2,
  );
}

function logistic(xs: number[][], labels: boolean[], iterations = 4000, rate = 0.5, l2 = 1e-3): { weights: number[]; bias: number } {
  const d = xs[0]?.length ?? 0;
  const w = new Array<number>(d).fill(0);
  let b = 0;
  const ys = labels.map((l) => (l ? 1 : 0));
  for (let it = 0; it < iterations; it++) {
    const gw = new Array<number>(d).fill(0);
    let gb = 0;
    xs.forEach((x, i) => {
      const z = b + x.reduce((s, v, j) => s + v * w[j]!, 0);
      const err = 1 / (1 + Math.exp(-z)) - ys[i]!;
      x.forEach((v, j) => (gw[j]! += err * v));
      gb += err;
    });
    const n = Math.max(1, xs.length);
    for (let j = 0; j < d; j++) w[j]! -= rate * (gw[j]! / n + l2 * w[j]!);
    b -= rate * (gb / n);
  }
  return { weights: w, bias: b };
}

/** Fits the decision on asked dev queries and chooses its thresholds for the targets. */
export function fitDecision(
  asked: AskedQuery[],
  targets: FitTargets = DEFAULT_FIT_TARGETS,
): { model: DecisionModel; dev: DecisionFigures } {
  const usable = asked.filter((a): a is AskedQuery & { features: DecisionFeatures } => a.features !== undefined);
  const { weights, bias } = fitLogistic(usable.map((a) => ({ features: a.features, label: a.topRight })));
  const model: DecisionModel = {
    weights: Object.fromEntries(FEATURE_NAMES.map((n, j) => [n, round(weights[j]!)])) as DecisionModel['weights'],
    bias: round(bias),
    answerAt: 0.5,
    noMatch: { probability: 0.5, closeness: 0, known: 0 },
  };
  const nIn = asked.filter((a) => a.inScope).length;
  const answerAt = lowestThreshold(asked, (a) => (a.features ? answerProbability(a.features, model) : 0), model, targets);
  model.answerAt = answerAt;
  model.noMatch.probability = answerAt;
  // "Nothing close": the closeness and known-words cut-offs that tell the most out-of-scope questions so, while few
  // in-scope questions fall below them; of cut-offs that do equally well on dev, the highest, which leaves the
  // widest room below for questions about other things.
  const noMatch = (a: AskedQuery, c: number, k: number) =>
    statusBy(a, { ...model, noMatch: { probability: answerAt, closeness: c, known: k } }) === 'no_match';
  let best = { closeness: 0, known: 0, out: -1 };
  for (let c = 0; c <= 1.0001; c += 0.02) {
    for (let k = 0; k <= 1.0001; k += 0.02) {
      const inNoMatch = asked.filter((a) => a.inScope && noMatch(a, c, k)).length / Math.max(1, nIn);
      if (inNoMatch > targets.maxInScopeNoMatch) continue;
      const out = asked.filter((a) => !a.inScope && noMatch(a, c, k)).length;
      if (out >= best.out) best = { closeness: round(c), known: round(k), out };
    }
  }
  model.noMatch = { probability: answerAt, closeness: best.closeness, known: best.known };
  return { model, dev: figures(asked, (a) => statusBy(a, model)) };
}

/** What a decision does on asked questions: shares of in-scope and out-of-scope questions, and their counts. */
export interface DecisionFigures {
  answeredRight: number;
  answeredWrong: number;
  outOfScopeRefused: number;
  outOfScopeNoMatch: number;
  nInScope: number;
  nOutOfScope: number;
}

function figures(asked: AskedQuery[], statusOf: (a: AskedQuery) => AnswerStatus): DecisionFigures {
  const nIn = asked.filter((a) => a.inScope).length;
  const nOut = asked.length - nIn;
  const status = asked.map(statusOf);
  const count = (pick: (a: AskedQuery, s: AnswerStatus) => boolean) => asked.filter((a, i) => pick(a, status[i]!)).length;
  return {
    answeredRight: round(count((a, s) => s === 'answered' && a.inScope && a.topRight) / Math.max(1, nIn)),
    answeredWrong: round(count((a, s) => s === 'answered' && a.inScope && !a.topRight) / Math.max(1, nIn)),
    outOfScopeRefused: round(1 - count((a, s) => s === 'answered' && !a.inScope) / Math.max(1, nOut)),
    outOfScopeNoMatch: round(count((a, s) => s === 'no_match' && !a.inScope) / Math.max(1, nOut)),
    nInScope: nIn,
    nOutOfScope: nOut,
  };
}

/**
 * The lowest answer threshold at which wrong answers and answered out-of-scope questions stay within the targets:
 * of those that do, it answers the most questions rightly. 0.99 when none does.
 */
function lowestThreshold(asked: AskedQuery[], probability: (a: AskedQuery) => number, model: DecisionModel, targets: FitTargets): number {
  const nIn = Math.max(1, asked.filter((a) => a.inScope).length);
  const nOut = Math.max(1, asked.filter((a) => !a.inScope).length);
  const p = asked.map(probability);
  const candidates = [...new Set(p.map(round))].sort((x, y) => x - y);
  for (const t of candidates) {
    const at = { ...model, answerAt: t, noMatch: { ...model.noMatch, probability: t } };
    const answered = asked.filter((a, i) => decide(a.features, p[i]!, at, a.namesUncovered) === 'answered');
    const wrong = answered.filter((a) => a.inScope && !a.topRight).length / nIn;
    const outAnswered = answered.filter((a) => !a.inScope).length / nOut;
    if (wrong <= targets.maxWrong && outAnswered <= targets.maxOutOfScopeAnswered) return Math.max(t, 0.05);
  }
  return 0.99;
}

/**
 * Fits what a loaded model adds to the answer decision (dense-calibration.ts) on dev questions asked in hybrid mode
 * with that model: a logistic model over the keyword decision's log-odds and the model's similarity of the first
 * entry, its gap to the second, and whether the hybrid and keyword rankings agree on the first; the threshold for
 * the same targets as the keyword decision. The keyword decision's "nothing close" cut-offs are kept. Also returns
 * what the keyword decision alone does on the same hybrid rankings, to compare.
 */
export function fitDenseCalibration(
  asked: AskedQuery[],
  keyword: DecisionModel,
  model: { id: string; dtype: string },
  fittedOn: string,
  targets: FitTargets = DEFAULT_FIT_TARGETS,
): { calibration: DenseCalibration; dev: DecisionFigures; keywordOnly: DecisionFigures } {
  const usable = asked.filter((a): a is AskedQuery & { dense: DenseSignals } => a.dense !== undefined);
  if (usable.length === 0) throw new Error('no question was asked with a model: ask them in hybrid mode to calibrate for it');
  const { weights, bias } = logistic(
    usable.map((a) => denseInputs(a.dense)),
    usable.map((a) => a.topRight),
  );
  const calibration: DenseCalibration = {
    model,
    weights: Object.fromEntries(DENSE_SIGNAL_NAMES.map((n, j) => [n, round(weights[j]!)])) as DenseCalibration['weights'],
    bias: round(bias),
    answerAt: 0.5,
    fittedOn,
  };
  const p = (a: AskedQuery) => (a.dense ? calibratedProbability(a.dense, calibration) : 0);
  calibration.answerAt = lowestThreshold(asked, p, keyword, targets);
  const at = calibratedDecision(keyword, calibration);
  return {
    calibration,
    dev: figures(asked, (a) => decide(a.features, p(a), at, a.namesUncovered)),
    keywordOnly: figures(asked, (a) => statusBy(a, keyword)),
  };
}

/** What the service would say to the asked query with this model: the decision itself, not a copy of it. */
function statusBy(a: AskedQuery, model: DecisionModel): AnswerStatus {
  return decide(a.features, a.features ? answerProbability(a.features, model) : 0, model, a.namesUncovered);
}

/** Whether the service would answer the asked query with this model. */
function answeredBy(a: AskedQuery, model: DecisionModel): boolean {
  return statusBy(a, model) === 'answered';
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}

/** Figures of the answer decision on held-out questions, as shares (see {@link crossValidate}). */
export interface HeldOutFigures {
  answeredRight: number;
  answeredWrong: number;
  outOfScopeRefused: number;
  folds: number;
  repeats: number;
}

/**
 * What the decision would do on questions it was not fitted on: the asked questions are shuffled and cut into
 * `folds` parts; each part is decided by a model (weights and threshold) fitted on the others, and the counts are
 * added up over all parts and `repeats` shuffles. The in-sample figures of {@link fitDecision} choose the
 * threshold on the very questions they count, so they flatter; this is the estimate to compare signals with,
 * without looking at the test half.
 */
export function crossValidate(
  asked: AskedQuery[],
  folds = 5,
  repeats = 5,
  targets: FitTargets = DEFAULT_FIT_TARGETS,
  fit: (train: AskedQuery[], targets: FitTargets) => (a: AskedQuery) => boolean = keywordDecider,
): HeldOutFigures {
  if (!Number.isInteger(folds) || folds < 2) throw new RangeError(`folds must be a whole number of at least 2, not ${folds}`);
  let right = 0;
  let wrong = 0;
  let outAnswered = 0;
  for (let r = 0; r < repeats; r++) {
    const random = createRandom(r + 1);
    const order = asked.map((a) => ({ a, key: random() })).sort((x, y) => x.key - y.key);
    for (let f = 0; f < folds; f++) {
      const held = order.filter((_, i) => i % folds === f).map((o) => o.a);
      const answers = fit(
        order.filter((_, i) => i % folds !== f).map((o) => o.a),
        targets,
      );
      for (const a of held) {
        if (!answers(a)) continue;
        if (!a.inScope) outAnswered++;
        else if (a.topRight) right++;
        else wrong++;
      }
    }
  }
  const nIn = Math.max(1, asked.filter((a) => a.inScope).length * repeats);
  const nOut = Math.max(1, asked.filter((a) => !a.inScope).length * repeats);
  return {
    answeredRight: round(right / nIn),
    answeredWrong: round(wrong / nIn),
    outOfScopeRefused: round(1 - outAnswered / nOut),
    folds,
    repeats,
  };
}

/** Fits the keyword decision on `train`: whether it answers a question. */
function keywordDecider(train: AskedQuery[], targets: FitTargets): (a: AskedQuery) => boolean {
  const { model } = fitDecision(train, targets);
  return (a) => answeredBy(a, model);
}

/**
 * Fits the keyword decision and, over it, a calibration for a model on `train`: whether they answer a question. Pass
 * it to {@link crossValidate} to estimate the calibration on held-out questions; both are refitted per fold, since a
 * keyword decision fitted on all the questions would already have seen the held-out ones.
 */
export function calibrationDecider(train: AskedQuery[], targets: FitTargets): (a: AskedQuery) => boolean {
  const { model: keyword } = fitDecision(train, targets);
  // The keyword probability each question was asked with came from the decision in use; this fold's replaces it.
  const reread = (a: AskedQuery): AskedQuery =>
    a.dense && a.features ? { ...a, dense: { ...a.dense, keywordProbability: answerProbability(a.features, keyword) } } : a;
  const { calibration } = fitDenseCalibration(train.map(reread), keyword, { id: '', dtype: '' }, '', targets);
  const at = calibratedDecision(keyword, calibration);
  return (a) => {
    const b = reread(a);
    return decide(b.features, b.dense ? calibratedProbability(b.dense, calibration) : 0, at, b.namesUncovered) === 'answered';
  };
}

/** What each answer threshold would do on the asked queries (shares of in-scope and out-of-scope questions). */
export function thresholdTable(
  asked: AskedQuery[],
  model: DecisionModel,
): { threshold: number; right: number; wrong: number; outOfScopeAnswered: number }[] {
  const nIn = Math.max(1, asked.filter((a) => a.inScope).length);
  const nOut = Math.max(1, asked.filter((a) => !a.inScope).length);
  const rows = [];
  for (let t = 0.05; t < 0.96; t += 0.05) {
    const answered = asked.filter((a) => answeredBy(a, { ...model, answerAt: t }));
    rows.push({
      threshold: round(t),
      right: round(answered.filter((a) => a.inScope && a.topRight).length / nIn),
      wrong: round(answered.filter((a) => a.inScope && !a.topRight).length / nIn),
      outOfScopeAnswered: round(answered.filter((a) => !a.inScope).length / nOut),
    });
  }
  return rows;
}
