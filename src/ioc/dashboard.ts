import type { Commune } from '../content/communes.ts';
import { HandbookError } from '../content/entry-error.ts';
import { loadHandbook } from '../content/load-handbook.ts';
import { askedAs, type HandbookEntry } from '../content/parse-entry.ts';
import { TOPIC_KEYS, type Topic } from '../content/topics.ts';
import type { StoredEntry } from '../indexing/handbook-documents.ts';
import { normalizeForLog, type QuestionLog } from '../server/question-log.ts';
import type { CsvTable } from './csv.ts';
import { openPoints, reviewQueue, type OpenPoint, type ReviewItem } from './handbook-work.ts';
import { logFigures, type LogFigures } from './log-figures.ts';
import type { Period } from './period.ts';
import { groupUnanswered, type QuestionGroup } from './question-groups.ts';

/** What an entry id in the log stands for, as far as the handbook knows. */
export interface EntryInfo {
  title: string;
  /** The public page; absent for a draft. */
  url?: string | undefined;
  topic?: Topic | undefined;
  owner?: string | undefined;
}

/** Everything the dashboard shows for a period: the log's figures and the handbook's work queue. */
export interface Dashboard {
  period: Period;
  figures: LogFigures;
  groups: QuestionGroup[];
  review: ReviewItem[];
  openPoints: OpenPoint[];
  /** Why the review list and open points are missing: the handbook folder has problems right now. */
  handbookProblem?: string | undefined;
  communeNames: Map<string, string>;
  entry: (lang: string, id: string) => EntryInfo | undefined;
  /** Topic to suggest for a group's draft: that of its closest entry, else "other". */
  suggestedTopic: (group: QuestionGroup) => Topic;
  /** The handbook's entries (drafts too), for refusing a draft that repeats one. */
  entries: HandbookEntry[];
  /** The entry (a draft made from the group, or one edited since) that already asks one of a group's wordings. */
  coveredBy: (group: QuestionGroup) => HandbookEntry | undefined;
}

/** Where the dashboard's figures come from. */
export interface DashboardSources {
  log: QuestionLog;
  handbookDir: string;
  /** The entries the service serves (titles and addresses of the ids the log holds). */
  served: readonly StoredEntry[];
  communes: readonly Commune[];
  now: Date;
}

/** Gathers the dashboard of a period. */
export async function buildDashboard(sources: DashboardSources, period: Period): Promise<Dashboard> {
  let entries: HandbookEntry[] = [];
  let handbookProblem: string | undefined;
  try {
    entries = (await loadHandbook({ dir: sources.handbookDir, includeDrafts: true })).entries;
  } catch (e) {
    if (!(e instanceof HandbookError)) throw e;
    handbookProblem = e.message;
  }
  const info = new Map<string, EntryInfo>();
  for (const e of sources.served) info.set(`${e.lang}:${e.id}`, { title: e.title, url: e.url, topic: e.topic });
  for (const e of entries) {
    const served = info.get(`${e.lang}:${e.data.id}`);
    info.set(`${e.lang}:${e.data.id}`, {
      title: e.data.question,
      url: e.data.status === 'published' ? e.url : served?.url,
      topic: e.topic,
      owner: e.data.owner,
    });
  }
  const entry = (lang: string, id: string) => info.get(`${lang}:${id}`);
  const figures = logFigures(sources.log, period);
  const background = entries.flatMap((e) => askedAs(e).map((t) => ({ lang: e.lang, text: normalizeForLog(t) })));
  const asked = new Map<string, HandbookEntry>();
  for (const e of entries) for (const q of askedAs(e)) asked.set(`${e.lang}:${normalizeForLog(q)}`, e);
  return {
    period,
    figures,
    groups: groupUnanswered(figures.unanswered, { background }),
    review: reviewQueue(entries, sources.now),
    openPoints: openPoints(entries),
    handbookProblem,
    communeNames: new Map(sources.communes.map((c) => [c.id, c.name])),
    entry,
    suggestedTopic: (group) => group.closest.map((id) => entry(group.lang, id)?.topic).find((t) => t !== undefined) ?? 'other',
    entries,
    coveredBy: (group) => group.phrasings.map((p) => asked.get(`${group.lang}:${normalizeForLog(p.text)}`)).find((e) => e !== undefined),
  };
}

/** Share of `part` in `whole` as a percentage with one decimal ("–" for nothing). */
export function percent(part: number, whole: number): string {
  return whole === 0 ? '–' : `${(Math.round((part / whole) * 1000) / 10).toFixed(1)}%`;
}

/** The dashboard's tables by name, as CSV exports them: the same numbers the page shows. */
export const TABLES = [
  'overview',
  'per-day',
  'unanswered',
  'uncovered',
  'not-helpful',
  'empty-searches',
  'communes',
  'review',
  'open-points',
] as const;
export type TableName = (typeof TABLES)[number];

/** One table of the dashboard as rows, for CSV. */
export function dashboardTable(d: Dashboard, name: TableName): CsvTable {
  const f = d.figures;
  const title = (lang: string, id: string) => d.entry(lang, id)?.title ?? '';
  switch (name) {
    case 'overview': {
      const t = f.totals;
      return {
        header: ['measure', 'value'],
        rows: [
          ['from', d.period.from],
          ['to', d.period.to],
          ['questions', t.questions],
          ['answered', t.answered],
          ['no_confident_answer', t.noConfidentAnswer],
          ['no_match', t.noMatch],
          ['answered_share', percent(t.answered, t.questions)],
          ['no_confident_answer_share', percent(t.noConfidentAnswer, t.questions)],
          ['no_match_share', percent(t.noMatch, t.questions)],
          ['median_ms', t.medianMs],
          ['p95_ms', t.p95Ms],
          ['answer_votes_helpful', f.answerVotes.helpful],
          ['answer_votes_not_helpful', f.answerVotes.notHelpful],
          ['page_votes_helpful', f.pageVotes.helpful],
          ['page_votes_not_helpful', f.pageVotes.notHelpful],
          ['searches', f.searches.total],
          ['searches_found_nothing', f.searches.empty],
        ],
      };
    }
    case 'per-day':
      return {
        header: ['day', 'questions', 'answered', 'no_confident_answer', 'no_match'],
        rows: f.perDay.map((r) => [r.day, r.questions, r.answered, r.noConfidentAnswer, r.noMatch]),
      };
    case 'unanswered':
      return {
        header: ['questions', 'lang', 'wordings', 'examples', 'closest_entries', 'last_asked'],
        rows: d.groups.map((g) => [
          g.count,
          g.lang,
          g.phrasings.length,
          g.phrasings
            .slice(0, 3)
            .map((p) => `${p.text} (${p.times})`)
            .join(' | '),
          g.closest.map((id) => `${id}${title(g.lang, id) ? ` (${title(g.lang, id)})` : ''}`).join(' | '),
          g.lastAsked,
        ]),
      };
    case 'uncovered':
      return {
        header: ['procedure', 'questions', 'communes', 'last_asked', 'latest_question'],
        rows: f.uncovered.map((u) => [u.procedure, u.times, u.communes, u.lastAsked, u.example]),
      };
    case 'not-helpful':
      return {
        header: ['lang', 'entry', 'title', 'not_helpful_answers', 'not_helpful_page', 'helpful_answers', 'helpful_page', 'comments'],
        rows: f.notHelpful.map((e) => [
          e.lang,
          e.id,
          title(e.lang, e.id),
          e.answerNotHelpful,
          e.pageNotHelpful,
          e.answerHelpful,
          e.pageHelpful,
          e.comments.map((c) => `${c.at.slice(0, 10)} ${c.source} ${c.helpful ? '+' : '-'}: ${c.text}`).join(' | '),
        ]),
      };
    case 'empty-searches':
      return {
        header: ['query', 'lang', 'times', 'last_searched'],
        rows: f.emptySearches.map((s) => [s.query, s.lang, s.times, s.lastSearched]),
      };
    case 'communes':
      return {
        header: ['commune', 'name', 'questions', 'unanswered', 'unanswered_share', 'searches', 'searches_found_nothing'],
        rows: f.communes.map((c) => [
          c.commune ?? '',
          c.commune === null ? '' : (d.communeNames.get(c.commune) ?? ''),
          c.questions,
          c.unanswered,
          percent(c.unanswered, c.questions),
          c.searches,
          c.emptySearches,
        ]),
      };
    case 'review':
      return {
        header: ['owner', 'lang', 'entry', 'title', 'due', 'days_left', 'file'],
        rows: d.review.map((r) => [r.owner, r.lang, r.id, r.title, r.due, r.daysLeft, r.file]),
      };
    case 'open-points':
      return {
        header: ['owner', 'lang', 'entry', 'title', 'status', 'open_point', 'file'],
        rows: d.openPoints.map((p) => [p.owner, p.lang, p.id, p.title, p.status, p.point, p.file]),
      };
  }
}

/** True for a topic key. */
export const isTopic = (value: unknown): value is Topic => typeof value === 'string' && (TOPIC_KEYS as readonly string[]).includes(value);
