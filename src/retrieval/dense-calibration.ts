/**
 * The answer decision with a model loaded. The keyword decision (answer-decision.ts) was fitted on keyword signals
 * alone; what the model adds is fitted separately, for one model, by `npm run fit-decision -- --model` on the dev
 * half of eval/officer-questions.json asked in hybrid mode, and stored beside the keyword weights
 * (answer-model.json `dense`). A calibration is used only with the model it was fitted with: another model's
 * similarities mean something else, and a model it does not know gets the keyword decision unchanged.
 */

import type { DecisionModel } from './answer-decision.ts';

/** What the model says about a hybrid ranking's first entry, beside the keyword decision's probability. */
export interface DenseSignals {
  /** The keyword decision's probability for the keyword ranking's first entry. */
  keywordProbability: number;
  /** The model's similarity of the first entry on its 0..1 scale (fusion.ts `denseScale`). */
  first: number;
  /** How far the first entry's similarity stands above the second's (negative when below). */
  gap: number;
  /** 1 when the hybrid ranking's first entry is the keyword ranking's first, whose signals the probability read. */
  sameFirst: number;
}

export const DENSE_SIGNAL_NAMES = ['keyword', 'first', 'gap', 'sameFirst'] as const;

/** A fitted calibration (the shape of answer-model.json `dense`). */
export interface DenseCalibration {
  /** The model it was fitted with, as the index manifest names it. */
  model: { id: string; dtype: string };
  /** `keyword` weighs the log-odds of the keyword probability; the others weigh the {@link DenseSignals} of the same name. */
  weights: Record<(typeof DENSE_SIGNAL_NAMES)[number], number>;
  bias: number;
  /** Calibrated probability at or above which the first entry is the answer. */
  answerAt: number;
  /** The question set, split and date it was fitted on, and the command. */
  fittedOn: string;
}

/** The signals as the calibration's inputs, in {@link DENSE_SIGNAL_NAMES} order. */
export function denseInputs(s: DenseSignals): number[] {
  const p = Math.min(1 - 1e-6, Math.max(1e-6, s.keywordProbability));
  return [Math.log(p / (1 - p)), s.first, s.gap, s.sameFirst];
}

/** The calibrated probability that the hybrid ranking's first entry answers the question. */
export function calibratedProbability(s: DenseSignals, c: DenseCalibration): number {
  const x = denseInputs(s);
  let z = c.bias;
  DENSE_SIGNAL_NAMES.forEach((name, i) => (z += c.weights[name] * x[i]!));
  return 1 / (1 + Math.exp(-z));
}

/** The calibration for the loaded model, or undefined when there is none for it. */
export function calibrationFor(
  calibration: DenseCalibration | undefined,
  model: { id: string; dtype: string } | undefined,
): DenseCalibration | undefined {
  if (!calibration || !model) return undefined;
  return calibration.model.id === model.id && calibration.model.dtype === model.dtype ? calibration : undefined;
}

/** The keyword decision with the calibration's threshold, which answering and "nothing close" then both read. */
export function calibratedDecision(keyword: DecisionModel, c: DenseCalibration): DecisionModel {
  return { ...keyword, answerAt: c.answerAt, noMatch: { ...keyword.noMatch, probability: c.answerAt } };
}
