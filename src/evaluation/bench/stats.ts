/** Small statistics for the bench: percentiles of latencies, and the min and median of repeated runs. */

/** The p-th percentile (nearest rank) of `xs`, rounded to 0.01; NaN for an empty list. */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return Number.NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  const rank = Math.max(0, Math.ceil((p / 100) * sorted.length) - 1);
  return round(sorted[Math.min(sorted.length - 1, rank)]!);
}

/** Median of `xs` (mean of the two middle values for an even count). */
export function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return round(sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2);
}

/** Rounds to two decimals, the precision every bench figure is printed with. */
export const round = (x: number) => Math.round(x * 100) / 100;

/** Bytes to megabytes (10⁶), one decimal. */
export const mb = (bytes: number) => Math.round(bytes / 1e5) / 10;

/** One run's figures, under stable keys (`ask.p95Ms`, `index.buildMs`, …). */
export type Figures = Record<string, number | string>;

/**
 * Combines runs: each numeric key's median and min, and every run's value; a text key keeps its value when all
 * runs agree and lists the distinct values otherwise. A key missing from a run (a phase that failed) is left out
 * of that run only.
 */
export function combineRuns(runs: Figures[]): { median: Figures; min: Figures; values: Record<string, (number | string)[]> } {
  const keys = [...new Set(runs.flatMap((r) => Object.keys(r)))];
  const out = { median: {} as Figures, min: {} as Figures, values: {} as Record<string, (number | string)[]> };
  for (const key of keys) {
    const values = runs.map((r) => r[key]).filter((v) => v !== undefined);
    out.values[key] = values;
    const numbers = values.filter((v): v is number => typeof v === 'number' && !Number.isNaN(v));
    if (numbers.length === values.length && numbers.length > 0) {
      out.median[key] = median(numbers);
      out.min[key] = round(Math.min(...numbers));
    } else {
      out.median[key] = [...new Set(values.map(String))].join(' | ');
    }
  }
  return out;
}
