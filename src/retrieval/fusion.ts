/** Settings of the hybrid fusion; defaults live in src/config.ts. */
export interface FusionSettings {
  /** Weight of the dense score; the lexical score gets 1 minus it. */
  denseWeight: number;
  /** Cosine similarity the model gives unrelated texts; e5 models put it near 0.7 (model card). */
  denseFloor: number;
  /** Confidence at or above which the best entry is the answer. */
  threshold: number;
  /**
   * Weight of the dense scale in the confidence. 0 by default: the threshold
   * is calibrated on lexical coverage, and no real model weights were
   * available to calibrate a dense confidence (a random-weight model finds
   * every question similar to something, which would answer everything).
   */
  denseConfidenceWeight: number;
}

/**
 * Dense similarity on a 0..1 scale: 0 at the model's "unrelated" floor, 1 at
 * identical. This is theoretical min–max normalization (Bruch et al., 2023,
 * "An Analysis of Fusion Functions for Hybrid Retrieval") with the floor e5's
 * authors document, instead of the observed minimum: a model that finds
 * everything equally similar then adds a near-constant, not noise stretched to
 * the full range, so a poor model costs little.
 */
export function denseScale(cosine: number, floor: number): number {
  return Math.min(1, Math.max(0, (cosine - floor) / (1 - floor)));
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
 * Confidence that the best entry answers the question, 0..1: the entry's
 * IDF-weighted coverage of the question (comparable across questions, unlike
 * BM25), blended with the dense scale by `denseConfidenceWeight`.
 */
export function confidence(coverage: number, dense: number | undefined, s: FusionSettings): number {
  return dense === undefined ? coverage : (1 - s.denseConfidenceWeight) * coverage + s.denseConfidenceWeight * dense;
}
