/**
 * Hours the dashboard's days are ahead of UTC: Vietnam time (UTC+7, no daylight saving), so a question asked at
 * 06:30 on 2 November in Hà Nội counts for 2 November.
 */
export const UTC_OFFSET_HOURS = 7;
/** Days shown when no period is chosen. */
export const DEFAULT_DAYS = 30;
/** Longest period one page shows. */
export const MAX_DAYS = 366;

const DAY_MS = 86_400_000;
const OFFSET_MS = UTC_OFFSET_HOURS * 3_600_000;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A chosen span of days, both ends included, and the UTC instants that bound it. */
export interface Period {
  from: string;
  to: string;
  /** Every day from `from` to `to`. */
  days: string[];
  /** First instant of `from` (inclusive), as the log writes times. */
  startUtc: string;
  /** First instant after `to` (exclusive). */
  endUtc: string;
}

/** The Vietnam-time day of an instant, as YYYY-MM-DD. */
export function localDay(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

const dayStart = (day: string) => Date.parse(`${day}T00:00:00Z`) - OFFSET_MS;
const isRealDay = (day: string) => {
  const time = Date.parse(`${day}T00:00:00Z`);
  return ISO_DAY.test(day) && !Number.isNaN(time) && new Date(time).toISOString().startsWith(day);
};

/**
 * The period of `from`/`to` (YYYY-MM-DD) in a dashboard address; a missing end defaults to today and the
 * {@link DEFAULT_DAYS} days before. Returns a message instead when the dates cannot be used.
 */
export function parsePeriod(query: { from?: string | undefined; to?: string | undefined }, now: Date): Period | { error: string } {
  const bad = (name: string, day: string) => ({
    error: `"${name}" is "${day.slice(0, 40)}"; write a date as YYYY-MM-DD, e.g. ${localDay(now)}`,
  });
  const to = query.to || localDay(now);
  if (!isRealDay(to)) return bad('to', to);
  const from = query.from || localDay(new Date(dayStart(to) + OFFSET_MS - (DEFAULT_DAYS - 1) * DAY_MS));
  if (!isRealDay(from)) return bad('from', from);
  const count = Math.round((dayStart(to) - dayStart(from)) / DAY_MS) + 1;
  if (count < 1) return { error: `the period starts (${from}) after it ends (${to}); swap the dates` };
  if (count > MAX_DAYS) return { error: `the period has ${count} days; choose at most ${MAX_DAYS}` };
  const days = Array.from({ length: count }, (_, i) => new Date(dayStart(from) + OFFSET_MS + i * DAY_MS).toISOString().slice(0, 10));
  return { from, to, days, startUtc: new Date(dayStart(from)).toISOString(), endUtc: new Date(dayStart(to) + DAY_MS).toISOString() };
}

/** SQL that turns a log time column into its Vietnam-time day, to group by. */
export const sqlLocalDay = (column: string) => `date(${column}, '+${UTC_OFFSET_HOURS} hours')`;
