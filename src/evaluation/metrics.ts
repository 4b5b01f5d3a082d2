/** Retrieval and answer-decision quality over a set of queries. */
export interface EvalMetrics {
  /** Share of in-scope queries whose first result is relevant. */
  hit1: number;
  /** Share of in-scope queries with a relevant result in the first five. */
  hit5: number;
  /** Mean reciprocal rank of the first relevant result within ten (0 beyond), over in-scope queries. */
  mrr10: number;
  /** Share of all queries not answered ("no confident answer" or "no match"). */
  noAnswerRate: number;
  /** In-scope queries answered with a relevant entry, as a share of in-scope queries. */
  answeredRight: number;
  /** In-scope queries answered with an entry that is not relevant. */
  answeredWrong: number;
  /** In-scope queries refused. */
  refusedInScope: number;
  /** Out-of-scope queries refused, as a share of out-of-scope queries. */
  outOfScopeRefused: number;
  /** Out-of-scope queries told "nothing in the handbook" (`no_match`) rather than shown closest entries. */
  outOfScopeNoMatch: number;
  /** Number of queries, in scope and out of scope. */
  n: number;
  nInScope: number;
  nOutOfScope: number;
}

/** One query's outcome: the ranked ids, the relevant ids (empty when out of scope) and the decision. */
export interface QueryOutcome {
  ranked: string[];
  relevant: Set<string>;
  status: 'answered' | 'no_confident_answer' | 'no_match';
}

/** Aggregates per-query outcomes into {@link EvalMetrics}. */
export function computeMetrics(outcomes: QueryOutcome[]): EvalMetrics {
  let hit1 = 0;
  let hit5 = 0;
  let mrr = 0;
  let unanswered = 0;
  let right = 0;
  let wrong = 0;
  let oosRefused = 0;
  let oosNoMatch = 0;
  const inScope = outcomes.filter((o) => o.relevant.size > 0);
  for (const o of outcomes) {
    const answered = o.status === 'answered';
    if (!answered) unanswered++;
    if (o.relevant.size === 0) {
      if (!answered) oosRefused++;
      if (o.status === 'no_match') oosNoMatch++;
      continue;
    }
    const rank = o.ranked.slice(0, 10).findIndex((id) => o.relevant.has(id));
    if (rank === 0) hit1++;
    if (rank >= 0 && rank < 5) hit5++;
    if (rank >= 0) mrr += 1 / (rank + 1);
    if (answered) {
      if (rank === 0) right++;
      else wrong++;
    }
  }
  const r = (x: number, n: number) => Math.round((x / Math.max(n, 1)) * 1000) / 1000;
  const ni = inScope.length;
  const no = outcomes.length - ni;
  return {
    hit1: r(hit1, ni),
    hit5: r(hit5, ni),
    mrr10: r(mrr, ni),
    noAnswerRate: r(unanswered, outcomes.length),
    answeredRight: r(right, ni),
    answeredWrong: r(wrong, ni),
    refusedInScope: r(ni - right - wrong, ni),
    outOfScopeRefused: r(oosRefused, no),
    outOfScopeNoMatch: r(oosNoMatch, no),
    n: outcomes.length,
    nInScope: ni,
    nOutOfScope: no,
  };
}
