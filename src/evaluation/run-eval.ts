import type { Lang } from '../content/topics.ts';
import type { DecisionFeatures } from '../retrieval/answer-decision.ts';
import type { DenseSignals } from '../retrieval/dense-calibration.ts';
import type { HandbookSearch } from '../retrieval/handbook-search.ts';
import { relevantIds, type EvalQuery } from './eval-dataset.ts';
import type { QueryOutcome } from './metrics.ts';

/** One asked query: its outcome for the metrics and its signals for fitting the answer decision. */
export interface AskedQuery {
  outcome: QueryOutcome;
  features: DecisionFeatures | undefined;
  /** With a model: what it says of the best entry (the signals a calibration for it reads). */
  dense?: DenseSignals | undefined;
  /** True when the best entry is relevant (always false out of scope). */
  topRight: boolean;
  inScope: boolean;
  /** The question names a procedure the handbook does not cover: never answered, whatever the probability. */
  namesUncovered: boolean;
}

export interface RunOptions {
  /** Language to ask in; absent, the search tries both halves as the service does. */
  lang?: Lang | undefined;
  /**
   * Ask every in-scope query with its relevant entries left out of the results, so a right answer is impossible
   * and every answer counts as wrong: measures refusal on real questions whose answer is missing. The entries
   * still count in the word statistics (IDF), a negligible difference on sets of hundreds of entries.
   */
  leaveGoldOut?: boolean;
}

/** Asks every query and records what the service would have done. */
export async function runQueries(
  search: HandbookSearch,
  queries: EvalQuery[],
  options: RunOptions = {},
): Promise<{ asked: AskedQuery[]; msPerQuery: number }> {
  const asked: AskedQuery[] = [];
  const started = performance.now();
  for (const q of queries) {
    const gold = relevantIds(q);
    if (options.leaveGoldOut && gold.size === 0) continue;
    // keepAll: the ranking is measured even where the service would show nothing (no_match).
    const out = await search.search({
      question: q.query,
      lang: options.lang,
      k: 10,
      exclude: options.leaveGoldOut ? gold : undefined,
      keepAll: true,
    });
    const relevant = options.leaveGoldOut ? new Set<string>() : gold;
    const rankedForMetrics = out.results.map((r) => r.entry.id);
    asked.push({
      outcome: { ranked: rankedForMetrics, relevant, status: out.status },
      features: out.features,
      dense: out.dense,
      topRight: relevant.size > 0 && relevant.has(rankedForMetrics[0] ?? ''),
      inScope: relevant.size > 0,
      namesUncovered: out.uncovered !== undefined,
    });
  }
  const n = Math.max(1, asked.length);
  return { asked, msPerQuery: Math.round(((performance.now() - started) / n) * 100) / 100 };
}
