import {
  answerProbability,
  decide,
  FEATURE_NAMES,
  type AnswerStatus,
  type DecisionFeatures,
  type DecisionModel,
} from '../retrieval/answer-decision.ts';
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
 * answer". A few hundred points and seven signals need nothing more.
 */
export function fitLogistic(
  points: { features: DecisionFeatures; label: boolean }[],
  iterations = 4000,
  rate = 0.5,
  l2 = 1e-3,
): { weights: number[]; bias: number } {
  const d = FEATURE_NAMES.length;
  const w = new Array<number>(d).fill(0);
  let b = 0;
  const xs = points.map((p) => vector(p.features));
  const ys = points.map((p) => (p.label ? 1 : 0));
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
): { model: DecisionModel; dev: Record<string, number> } {
  const usable = asked.filter((a): a is AskedQuery & { features: DecisionFeatures } => a.features !== undefined);
  const { weights, bias } = fitLogistic(usable.map((a) => ({ features: a.features, label: a.topRight })));
  const model: DecisionModel = {
    weights: Object.fromEntries(FEATURE_NAMES.map((n, j) => [n, round(weights[j]!)])) as DecisionModel['weights'],
    bias: round(bias),
    answerAt: 0.5,
    noMatch: { probability: 0.5, closeness: 0, known: 0 },
  };
  const nIn = asked.filter((a) => a.inScope).length;
  const nOut = asked.length - nIn;
  const p = (a: AskedQuery) => (a.features ? answerProbability(a.features, model) : 0);
  // The lowest threshold that meets both targets answers the most questions rightly.
  const candidates = [...new Set(usable.map((a) => round(p(a))))].sort((x, y) => x - y);
  let answerAt = 0.99;
  for (const t of candidates) {
    const answered = asked.filter((a) => answeredBy(a, { ...model, answerAt: t }));
    const wrong = answered.filter((a) => a.inScope && !a.topRight).length / Math.max(1, nIn);
    const outAnswered = answered.filter((a) => !a.inScope).length / Math.max(1, nOut);
    if (wrong <= targets.maxWrong && outAnswered <= targets.maxOutOfScopeAnswered) {
      answerAt = Math.max(t, 0.05);
      break;
    }
  }
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
  const answered = asked.filter((a) => answeredBy(a, model));
  const dev = {
    answeredRight: round(answered.filter((a) => a.inScope && a.topRight).length / Math.max(1, nIn)),
    answeredWrong: round(answered.filter((a) => a.inScope && !a.topRight).length / Math.max(1, nIn)),
    outOfScopeRefused: round(1 - answered.filter((a) => !a.inScope).length / Math.max(1, nOut)),
    outOfScopeNoMatch: round(asked.filter((a) => !a.inScope && statusBy(a, model) === 'no_match').length / Math.max(1, nOut)),
    nInScope: nIn,
    nOutOfScope: nOut,
  };
  return { model, dev };
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
export function crossValidate(asked: AskedQuery[], folds = 5, repeats = 5, targets: FitTargets = DEFAULT_FIT_TARGETS): HeldOutFigures {
  if (!Number.isInteger(folds) || folds < 2) throw new RangeError(`folds must be a whole number of at least 2, not ${folds}`);
  let right = 0;
  let wrong = 0;
  let outAnswered = 0;
  for (let r = 0; r < repeats; r++) {
    const random = createRandom(r + 1);
    const order = asked.map((a) => ({ a, key: random() })).sort((x, y) => x.key - y.key);
    for (let f = 0; f < folds; f++) {
      const held = order.filter((_, i) => i % folds === f).map((o) => o.a);
      const { model } = fitDecision(
        order.filter((_, i) => i % folds !== f).map((o) => o.a),
        targets,
      );
      for (const a of held) {
        if (!answeredBy(a, model)) continue;
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
