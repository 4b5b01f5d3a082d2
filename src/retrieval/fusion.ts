/** Settings of the hybrid fusion; defaults live in src/config.ts. */
export interface FusionSettings {
  /** Weight of the dense score; the lexical score gets 1 minus it. */
  denseWeight: number;
  /** Cosine similarity the model gives unrelated texts; e5 models put it near 0.7 (model card). */
  denseFloor: number;
  /** Overrides the answer decision's threshold (answer-model.json `answerAt`) when set. */
  threshold?: number | undefined;
  /**
   * Weight of the dense scale in the confidence. 0 by default: the threshold
   * is calibrated on lexical coverage, and no real model weights were
   * available to calibrate a dense confidence (a random-weight model finds
   * every question similar to something, which would answer everything).
   */
  denseConfidenceWeight: number;
}

/**
 * Dense similarity on a 0..1 scale: how far the cosine stands above what the
 * model gives a typical passage for this question, in units of the model's
 * documented range (e5: unrelated texts near 0.7, identical 1).
 *
 * - The range is fixed, not the observed min–max of the results (theoretical
 *   normalization, Bruch et al., 2023, "An Analysis of Fusion Functions for
 *   Hybrid Retrieval"), so tiny differences are not stretched to the full scale.
 * - The baseline is the mean similarity of the question's nearest passages,
 *   as CSLS does against hubness (Conneau et al., 2018): a model that finds
 *   every passage about equally similar (measured: a random-weight model gives
 *   0.90–0.97 to everything) adds almost nothing, while one that singles out a
 *   passage adds a lot.
 */
export function denseScale(cosine: number, floor: number, baseline = floor): number {
  const zero = Math.max(floor, baseline);
  return Math.min(1, Math.max(0, (cosine - zero) / (1 - floor)));
}

/** Lexical BM25 on a 0..1 scale: the theoretical minimum 0 and the best score of this query. */
export function lexicalScale(score: number, best: number): number {
  return best > 0 ? score / best : 0;
}

/** Convex combination of the two scales. */
export function fuse(lexical: number, dense: number | undefined, s: FusionSettings): number {
  return dense === undefined ? lexical : (1 - s.denseWeight) * lexical + s.denseWeight * dense;
}

/**
 * Confidence that the best entry answers the question, 0..1: the answer decision's keyword probability, blended
 * with the dense scale by `denseConfidenceWeight` (0 until calibrated with a real model).
 */
export function confidence(keyword: number, dense: number | undefined, s: FusionSettings): number {
  return dense === undefined ? keyword : (1 - s.denseConfidenceWeight) * keyword + s.denseConfidenceWeight * dense;
}
