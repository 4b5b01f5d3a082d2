import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/evaluation/seeded-random.ts';
import { calibrationDecider, crossValidate, fitDecision, fitDenseCalibration, fitLogistic } from '../../src/evaluation/fit-decision.ts';
import type { AskedQuery } from '../../src/evaluation/run-eval.ts';
import { answerProbability, DEFAULT_DECISION_MODEL, FEATURE_NAMES } from '../../src/retrieval/answer-decision.ts';
import { calibratedProbability } from '../../src/retrieval/dense-calibration.ts';
import { decisionFeatures as features } from '../support/decision-features.ts';

/** Points where a right best entry covers more of the question than a wrong one. */
function points(n: number) {
  const random = createRandom(7);
  return Array.from({ length: n }, () => {
    const label = random() < 0.5;
    const coverage = label ? 0.6 + 0.4 * random() : 0.5 * random();
    return { features: features({ coverage }), label };
  });
}

/** Asked questions whose right best entries cover more of the question; one in five is out of scope, and its best entry covers little of it, like a wrong one. */
function askedQuestions(n: number): AskedQuery[] {
  return points(n).map((p, i) => {
    const inScope = i % 5 !== 0;
    return {
      outcome: { ranked: [], relevant: new Set(), status: 'answered' },
      features: inScope ? p.features : features({ coverage: 0.5 * p.features.coverage }),
      topRight: inScope && p.label,
      inScope,
      namesUncovered: false,
    };
  });
}

describe('fitting the answer decision', () => {
  it('learns a positive weight for a signal that separates right from wrong answers', () => {
    const { weights } = fitLogistic(points(300));
    expect(weights[FEATURE_NAMES.indexOf('coverage')]).toBeGreaterThan(1);
  });

  it('chooses the threshold so that wrong answers and answered out-of-scope questions stay within the targets', () => {
    const asked = askedQuestions(300);
    const targets = { maxWrong: 0.025, maxOutOfScopeAnswered: 0.07, maxInScopeNoMatch: 0.03 };
    const { model, dev } = fitDecision(asked, targets);
    const answered = asked.filter((a) => answerProbability(a.features!, model) >= model.answerAt);
    const inScope = asked.filter((a) => a.inScope).length;
    expect(answered.filter((a) => a.inScope && !a.topRight).length / inScope).toBeLessThanOrEqual(targets.maxWrong);
    expect(answered.filter((a) => !a.inScope).length / (asked.length - inScope)).toBeLessThanOrEqual(targets.maxOutOfScopeAnswered);
    // Right answers cover more, so most of them stay answered: the threshold is not set higher than it needs.
    expect(dev.answeredRight).toBeGreaterThan(0.4);
  });

  it('lets out-of-scope questions that name a not-covered procedure look confident, since the service never answers them', () => {
    // Out-of-scope questions whose best entry covers as much as a right one hold the threshold up…
    const asked = askedQuestions(300).map((a) => (a.inScope ? a : { ...a, features: features({ coverage: 0.95 }) }));
    const strict = fitDecision(asked).model.answerAt;
    // …unless they name a procedure the glossary marks notCovered, which the decision refuses by itself.
    const named = fitDecision(asked.map((a) => (a.inScope ? a : { ...a, namesUncovered: true }))).model.answerAt;
    expect(named).toBeLessThan(strict);
  });
});

describe('estimating the answer decision on held-out questions', () => {
  it('answers the separable right answers of questions it was not fitted on, and few wrong ones', () => {
    const held = crossValidate(askedQuestions(300), 5, 2);
    expect(held.answeredRight).toBeGreaterThan(0.4);
    expect(held.answeredWrong).toBeLessThan(0.06);
    expect(held.outOfScopeRefused).toBeGreaterThan(0.85);
  });

  it('gives the same figures every run, so a change of signals can be compared with the last', () => {
    const asked = askedQuestions(150);
    expect(crossValidate(asked, 5, 2)).toEqual(crossValidate(asked, 5, 2));
  });

  it('refuses fewer than two folds', () => {
    expect(() => crossValidate(askedQuestions(20), 1)).toThrow(/at least 2/);
  });
});

/**
 * Questions asked with a model whose similarity tells right from wrong first entries while the keyword decision is
 * unsure of all of them alike (probability 0.5, below its threshold): one in five out of scope, found dissimilar.
 */
function askedWithModel(n: number): AskedQuery[] {
  const random = createRandom(11);
  return Array.from({ length: n }, (_, i) => {
    const inScope = i % 5 !== 0;
    const right = inScope && random() < 0.7;
    const first = right ? 0.5 + 0.5 * random() : 0.45 * random();
    return {
      outcome: { ranked: [], relevant: new Set(), status: 'no_confident_answer' },
      features: features(),
      dense: { keywordProbability: 0.5, first, gap: first / 4, sameFirst: 1 },
      topRight: right,
      inScope,
      namesUncovered: false,
    };
  });
}

describe('calibrating the answer decision for a model', () => {
  const keyword = { ...DEFAULT_DECISION_MODEL, dense: undefined };
  const model = { id: 'some-model', dtype: 'q8' };

  it("learns to trust the model's similarity where it tells right answers from wrong ones", () => {
    const { calibration } = fitDenseCalibration(askedWithModel(300), keyword, model, 'test');
    expect(calibration.model).toEqual(model);
    expect(calibration.weights.first).toBeGreaterThan(1);
  });

  it('answers rightly where the keyword decision alone would not, within the targets for wrong and out-of-scope answers', () => {
    const asked = askedWithModel(300);
    const targets = { maxWrong: 0.025, maxOutOfScopeAnswered: 0.07, maxInScopeNoMatch: 0.03 };
    const { calibration, dev, keywordOnly } = fitDenseCalibration(asked, keyword, model, 'test', targets);
    expect(keywordOnly.answeredRight).toBe(0);
    expect(dev.answeredRight).toBeGreaterThan(0.4);
    expect(dev.answeredWrong).toBeLessThanOrEqual(targets.maxWrong);
    expect(1 - dev.outOfScopeRefused).toBeLessThanOrEqual(targets.maxOutOfScopeAnswered);
    // The figures are the calibrated probability at the chosen threshold, as the service decides.
    const answered = asked.filter((a) => calibratedProbability(a.dense!, calibration) >= calibration.answerAt);
    expect(answered.filter((a) => a.inScope && a.topRight).length / asked.filter((a) => a.inScope).length).toBeCloseTo(
      dev.answeredRight,
      3,
    );
  });

  it('is estimated on held-out questions like the keyword decision', () => {
    const held = crossValidate(askedWithModel(300), 5, 2, undefined, calibrationDecider);
    expect(held.answeredRight).toBeGreaterThan(0.4);
    expect(held.answeredWrong).toBeLessThan(0.06);
  });

  it('refuses questions asked without a model, which carry nothing to calibrate', () => {
    const asked = askedWithModel(20).map((a) => ({ ...a, dense: undefined }));
    expect(() => fitDenseCalibration(asked, keyword, model, 'test')).toThrow(/hybrid mode/);
  });
});
