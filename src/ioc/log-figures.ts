import type { QuestionLog } from '../server/question-log.ts';
import { sqlLocalDay, type Period } from './period.ts';

/** Questions of one day, by outcome. */
export interface DayCount {
  day: string;
  questions: number;
  answered: number;
  noConfidentAnswer: number;
  noMatch: number;
}

/** A question the handbook did not answer, as the grouping needs it. */
export interface UnansweredQuestion {
  question: string;
  normalized: string;
  lang: string;
  /** The entries the service listed as closest, best first. */
  topIds: string[];
  askedAt: string;
}

/** Votes and comments on one entry, from the Ask box's answers and from its own page. */
export interface EntryVotes {
  lang: string;
  id: string;
  answerHelpful: number;
  answerNotHelpful: number;
  pageHelpful: number;
  pageNotHelpful: number;
  /** Comments, newest first. */
  comments: { at: string; source: 'answer' | 'page'; helpful: boolean; text: string }[];
}

/** One search text that found nothing, with how often. */
export interface EmptySearch {
  normalized: string;
  /** The most often typed spelling. */
  query: string;
  lang: string;
  times: number;
  lastSearched: string;
}

/** A procedure the handbook does not cover, with the questions that named it. */
export interface UncoveredAsked {
  /** Its official name, as the glossary (`notCovered`) gives it. */
  procedure: string;
  times: number;
  /** Communes or wards that asked (of those that chose one). */
  communes: number;
  lastAsked: string;
  /** The latest question that named it. */
  example: string;
}

/** Questions and searches of one commune (`null`: no commune chosen). */
export interface CommuneCount {
  commune: string | null;
  questions: number;
  unanswered: number;
  searches: number;
  emptySearches: number;
}

/** Everything the dashboard counts from the question log for a period, exactly as the log holds it. */
export interface LogFigures {
  totals: {
    questions: number;
    answered: number;
    noConfidentAnswer: number;
    noMatch: number;
    /** Answer time in ms: the median and the 95th percentile (nearest rank), null without questions. */
    medianMs: number | null;
    p95Ms: number | null;
  };
  perDay: DayCount[];
  answerVotes: { helpful: number; notHelpful: number };
  pageVotes: { helpful: number; notHelpful: number };
  searches: { total: number; empty: number };
  unanswered: UnansweredQuestion[];
  /** Entries with at least one "not helpful" vote, most first. */
  notHelpful: EntryVotes[];
  emptySearches: EmptySearch[];
  communes: CommuneCount[];
  /** Procedures the handbook does not cover that questions named, most asked first. */
  uncovered: UncoveredAsked[];
}

/**
 * The value below which `share` of the sorted values lie, by the nearest-rank method (the value at position
 * ⌈share·n⌉), so it is always a time that was measured.
 * @example nearestRank([1, 2, 3, 4], 0.5) // 2
 */
export function nearestRank(sorted: readonly number[], share: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.max(0, Math.ceil(share * sorted.length) - 1)]!;
}

const UNANSWERED = "status IN ('no_confident_answer', 'no_match')";

/** Counts the period's questions, votes and searches in the question log. */
export function logFigures(log: QuestionLog, period: Period): LogFigures {
  const span = [period.startUtc, period.endUtc] as const;
  const inQuestions = 'asked_at >= ? AND asked_at < ?';

  const days = new Map(
    log
      .select<DayCount>(
        `SELECT ${sqlLocalDay('asked_at')} AS day, COUNT(*) AS questions,
                COUNT(*) FILTER (WHERE status = 'answered') AS answered,
                COUNT(*) FILTER (WHERE status = 'no_confident_answer') AS noConfidentAnswer,
                COUNT(*) FILTER (WHERE status = 'no_match') AS noMatch
           FROM questions WHERE ${inQuestions} GROUP BY day`,
        ...span,
      )
      .map((d) => [d.day, d]),
  );
  const perDay = period.days.map((day) => days.get(day) ?? { day, questions: 0, answered: 0, noConfidentAnswer: 0, noMatch: 0 });
  const sum = (key: keyof Omit<DayCount, 'day'>) => perDay.reduce((n, d) => n + d[key], 0);
  const latencies = log
    .select<{ ms: number }>(`SELECT latency_ms AS ms FROM questions WHERE ${inQuestions} ORDER BY latency_ms`, ...span)
    .map((r) => r.ms);

  const votes = (table: string) => {
    const [row] = log.select<{ helpful: number; notHelpful: number }>(
      `SELECT COUNT(*) FILTER (WHERE helpful = 1) AS helpful, COUNT(*) FILTER (WHERE helpful = 0) AS notHelpful
         FROM ${table} WHERE given_at >= ? AND given_at < ?`,
      ...span,
    );
    return { helpful: row?.helpful ?? 0, notHelpful: row?.notHelpful ?? 0 };
  };
  const [searchTotals] = log.select<{ total: number; empty: number }>(
    'SELECT COUNT(*) AS total, COUNT(*) FILTER (WHERE results = 0) AS empty FROM searches WHERE searched_at >= ? AND searched_at < ?',
    ...span,
  );

  return {
    totals: {
      questions: sum('questions'),
      answered: sum('answered'),
      noConfidentAnswer: sum('noConfidentAnswer'),
      noMatch: sum('noMatch'),
      medianMs: nearestRank(latencies, 0.5),
      p95Ms: nearestRank(latencies, 0.95),
    },
    perDay,
    answerVotes: votes('feedback'),
    pageVotes: votes('page_feedback'),
    searches: { total: searchTotals?.total ?? 0, empty: searchTotals?.empty ?? 0 },
    unanswered: log
      .select<{ question: string; normalized: string; lang: string; topIds: string; askedAt: string }>(
        `SELECT question, normalized, lang, top_ids AS topIds, asked_at AS askedAt FROM questions WHERE ${inQuestions} AND ${UNANSWERED} ORDER BY id`,
        ...span,
      )
      .map((q) => ({ ...q, topIds: JSON.parse(q.topIds) as string[] })),
    notHelpful: entryVotes(log, span),
    emptySearches: emptySearches(log, span),
    communes: communeCounts(log, span),
    uncovered: log.select<UncoveredAsked>(
      `SELECT uncovered AS procedure, COUNT(*) AS times, COUNT(DISTINCT commune) AS communes, MAX(asked_at) AS lastAsked,
              (SELECT question FROM questions l WHERE l.uncovered = q.uncovered AND ${inQuestions} ORDER BY asked_at DESC, id DESC LIMIT 1) AS example
         FROM questions q WHERE ${inQuestions} AND uncovered IS NOT NULL
        GROUP BY uncovered ORDER BY times DESC, lastAsked DESC, procedure`,
      ...span,
      ...span,
    ),
  };
}

/** Votes per entry: an Ask box vote counts for the entry given as the answer; a page vote for its page. */
function entryVotes(log: QuestionLog, span: readonly [string, string]): EntryVotes[] {
  const rows = log.select<{
    lang: string;
    id: string | null;
    helpful: number;
    comment: string | null;
    at: string;
    source: 'answer' | 'page';
  }>(
    `SELECT q.lang AS lang, json_extract(q.top_ids, '$[0]') AS id, f.helpful AS helpful, f.comment AS comment, f.given_at AS at, 'answer' AS source
       FROM feedback f JOIN questions q ON q.id = f.question_id
      WHERE f.given_at >= ? AND f.given_at < ? AND q.status = 'answered'
     UNION ALL
     SELECT lang, entry_id, helpful, comment, given_at, 'page' FROM page_feedback WHERE given_at >= ? AND given_at < ?
     ORDER BY at DESC`,
    ...span,
    ...span,
  );
  const byEntry = new Map<string, EntryVotes>();
  for (const r of rows) {
    if (r.id === null) continue;
    const key = `${r.lang}:${r.id}`;
    let e = byEntry.get(key);
    if (!e)
      byEntry.set(
        key,
        (e = { lang: r.lang, id: r.id, answerHelpful: 0, answerNotHelpful: 0, pageHelpful: 0, pageNotHelpful: 0, comments: [] }),
      );
    const field = `${r.source}${r.helpful === 1 ? 'Helpful' : 'NotHelpful'}` as
      'answerHelpful' | 'answerNotHelpful' | 'pageHelpful' | 'pageNotHelpful';
    e[field]++;
    if (r.comment) e.comments.push({ at: r.at, source: r.source, helpful: r.helpful === 1, text: r.comment });
  }
  const notHelpful = (e: EntryVotes) => e.answerNotHelpful + e.pageNotHelpful;
  return [...byEntry.values()]
    .filter((e) => notHelpful(e) > 0)
    .sort(
      (a, b) =>
        notHelpful(b) - notHelpful(a) || a.answerHelpful + a.pageHelpful - (b.answerHelpful + b.pageHelpful) || a.id.localeCompare(b.id),
    );
}

/** Searches that found nothing, grouped by their normalized text, most frequent first. */
function emptySearches(log: QuestionLog, span: readonly [string, string]): EmptySearch[] {
  const rows = log.select<{ normalized: string; query: string; lang: string; n: number; last: string }>(
    `SELECT normalized, query, lang, COUNT(*) AS n, MAX(searched_at) AS last FROM searches
      WHERE searched_at >= ? AND searched_at < ? AND results = 0 GROUP BY normalized, lang, query`,
    ...span,
  );
  const groups = new Map<string, EmptySearch & { best: number }>();
  for (const r of rows) {
    const key = `${r.lang}:${r.normalized}`;
    const g = groups.get(key);
    if (!g) groups.set(key, { normalized: r.normalized, query: r.query, lang: r.lang, times: r.n, lastSearched: r.last, best: r.n });
    else {
      g.times += r.n;
      if (r.last > g.lastSearched) g.lastSearched = r.last;
      if (r.n > g.best || (r.n === g.best && r.query < g.query)) Object.assign(g, { query: r.query, best: r.n });
    }
  }
  return [...groups.values()]
    .map(({ best: _, ...g }) => g)
    .sort((a, b) => b.times - a.times || b.lastSearched.localeCompare(a.lastSearched));
}

/** Questions and searches per commune, busiest first; the row without a commune last. */
function communeCounts(log: QuestionLog, span: readonly [string, string]): CommuneCount[] {
  const rows = log.select<CommuneCount>(
    `SELECT commune, SUM(questions) AS questions, SUM(unanswered) AS unanswered, SUM(searches) AS searches, SUM(emptySearches) AS emptySearches
       FROM (SELECT commune, 1 AS questions, CASE WHEN ${UNANSWERED} THEN 1 ELSE 0 END AS unanswered, 0 AS searches, 0 AS emptySearches
               FROM questions WHERE asked_at >= ? AND asked_at < ?
             UNION ALL
             SELECT commune, 0, 0, 1, CASE WHEN results = 0 THEN 1 ELSE 0 END FROM searches WHERE searched_at >= ? AND searched_at < ?)
      GROUP BY commune`,
    ...span,
    ...span,
  );
  return rows.sort(
    (a, b) =>
      (a.commune === null ? 1 : 0) - (b.commune === null ? 1 : 0) ||
      b.questions - a.questions ||
      (a.commune ?? '').localeCompare(b.commune ?? ''),
  );
}
