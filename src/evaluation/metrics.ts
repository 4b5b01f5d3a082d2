/** Retrieval quality over a set of queries. */
export interface EvalMetrics {
  /** Share of queries whose first result is relevant. */
  hit1: number;
  /** Share with a relevant result in the first five. */
  hit5: number;
  /** Mean reciprocal rank of the first relevant result within ten (0 beyond). */
  mrr10: number;
  /** Share of queries answered "no confident answer". */
  noAnswerRate: number;
  n: number;
}

/** One query's outcome: the ranked ids and whether the service would have answered. */
export interface QueryOutcome {
  ranked: string[];
  relevant: Set<string>;
  answered: boolean;
}

/** Aggregates per-query outcomes into {@link EvalMetrics}. */
export function computeMetrics(outcomes: QueryOutcome[]): EvalMetrics {
  let hit1 = 0;
  let hit5 = 0;
  let mrr = 0;
  let unanswered = 0;
  for (const o of outcomes) {
    const rank = o.ranked.slice(0, 10).findIndex((id) => o.relevant.has(id));
    if (rank === 0) hit1++;
    if (rank >= 0 && rank < 5) hit5++;
    if (rank >= 0) mrr += 1 / (rank + 1);
    if (!o.answered) unanswered++;
  }
  const n = outcomes.length;
  const r = (x: number) => Math.round((x / Math.max(n, 1)) * 1000) / 1000;
  return { hit1: r(hit1), hit5: r(hit5), mrr10: r(mrr), noAnswerRate: r(unanswered), n };
}
