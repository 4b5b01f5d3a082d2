import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { foldDiacritics } from '../text/fold.ts';
import { createTables } from './question-log-schema.ts';

/** One asked question as stored: no personal data beyond the question text. */
export interface LoggedQuestion {
  question: string;
  normalized: string;
  lang: string;
  status: 'answered' | 'no_confident_answer' | 'no_match';
  topIds: string[];
  confidence: number;
  latencyMs: number;
  mode: string;
  /** The commune or ward the officer picked in the Ask box (an id from handbook/communes.yaml), if any. */
  commune?: string | undefined;
}

/** A recorded question: its row id, and the token that lets the asker rate this one answer. */
export interface RecordedQuestion {
  id: number;
  /** Random and unguessable; only its SHA-256 is stored. Valid for {@link FEEDBACK_HOURS} hours. */
  feedbackToken: string;
}

/** How long after the answer its feedback token is accepted. */
export const FEEDBACK_HOURS = 24;

/** What became of a vote: the first for its answer, one that replaced an earlier vote, or refused. */
export type FeedbackOutcome = 'saved' | 'replaced' | 'unknown' | 'expired';

/** A vote from an entry page's "Was this page helpful?". */
export interface PageFeedback {
  entryId: string;
  lang: string;
  helpful: boolean;
  comment?: string | undefined;
}

/** A settled search from the site's search box. */
export interface LoggedSearch {
  query: string;
  /** How many entries the search box showed. */
  results: number;
  lang: string;
  commune?: string | undefined;
}

/** How the question log is doing, as `/api/health` reports it. */
export interface QuestionLogHealth {
  /** False while the most recent write failed. */
  ok: boolean;
  /** Writes that failed since the service started. */
  failures: number;
}

/** The question log file cannot be opened; the message names the file and what to do. */
export class QuestionLogError extends Error {
  override name = 'QuestionLogError';
}

/** SQLite's result code for a file that is not a database (SQLITE_NOTADB). */
const SQLITE_NOTADB = 26;

/**
 * A question or search as the log groups it: diacritics folded, punctuation dropped, lower case.
 * @example normalizeForLog('Làm giấy chứng tử cần những gì?') // 'lam giay chung tu can nhung gi'
 */
export function normalizeForLog(text: string): string {
  return foldDiacritics(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Every question officers ask, with its outcome and feedback, in a SQLite file
 * (WAL mode, so reports can read while the service writes; `synchronous = NORMAL`, so an answer does not wait
 * for a disk flush: a power cut may lose the last few questions, never the file); also the votes of entry pages and the searches of
 * the search box. Feeds the IOC dashboard and the unanswered-questions report.
 *
 * Writing never fails an answer: a write that SQLite refuses (a full disk, an
 * unwritable WAL file) is passed to `onFailure`, counted in {@link health}, and
 * reported to the caller as `null`.
 */
export class QuestionLog {
  private readonly db: DatabaseSync;
  private readonly insert;
  private readonly onFailure: (error: unknown, action: string) => void;
  private readonly now: () => Date;
  private failures = 0;
  private lastWriteOk = true;

  constructor(file: string, options: { onFailure?: (error: unknown, action: string) => void; now?: () => Date } = {}) {
    this.onFailure = options.onFailure ?? (() => {});
    this.now = options.now ?? (() => new Date());
    if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
    let db: DatabaseSync | undefined;
    try {
      db = new DatabaseSync(file);
      createTables(db);
    } catch (e) {
      db?.close();
      throw openError(file, e);
    }
    this.db = db;
    this.insert = this.db.prepare(
      `INSERT INTO questions (asked_at, question, normalized, lang, status, top_ids, confidence, latency_ms, mode, commune, feedback_token, feedback_expires)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  /**
   * Records a question (at `at`, by default now); returns its id and a fresh feedback token, or null when it could
   * not be written.
   */
  record(q: LoggedQuestion, at: Date = this.now()): RecordedQuestion | null {
    const feedbackToken = randomBytes(32).toString('base64url');
    const expires = new Date(at.getTime() + FEEDBACK_HOURS * 3_600_000).toISOString();
    return this.write('record a question', () => {
      const { lastInsertRowid } = this.insert.run(
        at.toISOString(),
        q.question,
        q.normalized,
        q.lang,
        q.status,
        JSON.stringify(q.topIds),
        q.confidence,
        q.latencyMs,
        q.mode,
        q.commune ?? null,
        sha256(feedbackToken),
        expires,
      );
      return { id: Number(lastInsertRowid), feedbackToken };
    });
  }

  /**
   * Records whether an answer helped, by the answer's feedback token: one vote per answer, a second replaces the
   * first. `unknown` for a token no answer has, `expired` after {@link FEEDBACK_HOURS} hours; null when it could
   * not be written.
   */
  recordFeedback(feedbackToken: string, helpful: boolean, comment?: string, at: Date = this.now()): FeedbackOutcome | null {
    return this.write('record feedback', () => {
      const row = this.db
        .prepare('SELECT id, feedback_expires AS expires FROM questions WHERE feedback_token = ?')
        .get(sha256(feedbackToken)) as { id: number; expires: string } | undefined;
      if (!row) return 'unknown';
      if (row.expires <= at.toISOString()) return 'expired';
      const earlier = this.db.prepare('SELECT 1 FROM feedback WHERE question_id = ?').get(row.id) !== undefined;
      this.db
        .prepare(
          `INSERT INTO feedback (question_id, given_at, helpful, comment) VALUES (?, ?, ?, ?)
           ON CONFLICT (question_id) DO UPDATE SET given_at = excluded.given_at, helpful = excluded.helpful, comment = excluded.comment`,
        )
        .run(row.id, at.toISOString(), helpful ? 1 : 0, comment || null);
      return earlier ? 'replaced' : 'saved';
    });
  }

  /** Records an entry page's vote; true when written, null when it could not be. */
  recordPageFeedback(f: PageFeedback, at: Date = this.now()): true | null {
    return this.write('record page feedback', () => {
      this.db
        .prepare('INSERT INTO page_feedback (given_at, entry_id, lang, helpful, comment) VALUES (?, ?, ?, ?, ?)')
        .run(at.toISOString(), f.entryId, f.lang, f.helpful ? 1 : 0, f.comment || null);
      return true as const;
    });
  }

  /** Records a settled search; true when written, null when it could not be. */
  recordSearch(s: LoggedSearch, at: Date = this.now()): true | null {
    return this.write('record a search', () => {
      this.db
        .prepare('INSERT INTO searches (searched_at, query, normalized, results, lang, commune) VALUES (?, ?, ?, ?, ?, ?)')
        .run(at.toISOString(), s.query, normalizeForLog(s.query), s.results, s.lang, s.commune ?? null);
      return true as const;
    });
  }

  /** Whether the last write worked, and how many failed since start. */
  health(): QuestionLogHealth {
    return { ok: this.lastWriteOk, failures: this.failures };
  }

  private write<T>(action: string, run: () => T): T | null {
    try {
      const result = run();
      this.lastWriteOk = true;
      return result;
    } catch (e) {
      this.failures++;
      this.lastWriteOk = false;
      this.onFailure(e, action);
      return null;
    }
  }

  /** The vote on a question's answer, if any (one per answer), as a list for tests and reports. */
  feedbackFor(questionId: number): { helpful: boolean; comment?: string }[] {
    const rows = this.db.prepare('SELECT helpful, comment FROM feedback WHERE question_id = ? ORDER BY id DESC').all(questionId) as {
      helpful: number;
      comment: string | null;
    }[];
    return rows.map((r) => ({ helpful: r.helpful === 1, ...(r.comment === null ? {} : { comment: r.comment }) }));
  }

  /**
   * Rows of a read-only query, for the IOC dashboard's figures (src/ioc/log-figures.ts), which keeps its SQL
   * beside the figures it computes.
   */
  select<T>(sql: string, ...params: (string | number | null)[]): T[] {
    return this.db.prepare(sql).all(...params) as T[];
  }

  /** Questions without a confident answer or rated unhelpful, grouped by normalized text, most asked first. */
  unanswered(since?: string): { normalized: string; example: string; times: number; lastAsked: string; unhelpful: number }[] {
    return this.db
      .prepare(
        `SELECT q.normalized AS normalized, MIN(q.question) AS example, COUNT(DISTINCT q.id) AS times, MAX(q.asked_at) AS lastAsked,
                COUNT(f.id) FILTER (WHERE f.helpful = 0) AS unhelpful
           FROM questions q LEFT JOIN feedback f ON f.question_id = q.id
          WHERE q.asked_at >= ? AND (q.status IN ('no_confident_answer', 'no_match') OR f.helpful = 0)
          GROUP BY q.normalized ORDER BY times DESC, lastAsked DESC`,
      )
      .all(since ?? '0000') as never;
  }

  close(): void {
    this.db.close();
  }
}

/** Says which file could not be opened and what to do about it. */
function openError(file: string, cause: unknown): QuestionLogError {
  const code = (cause as { errcode?: number }).errcode;
  if (code === SQLITE_NOTADB) {
    return new QuestionLogError(
      `the question log ${file} is not a SQLite database (it is damaged, or another file took its place); move it aside (mv ${file} ${file}.damaged) and start again: the service then creates a fresh question log`,
      { cause },
    );
  }
  return new QuestionLogError(
    `the question log ${file} could not be opened (${(cause as Error).message}); check that this user can write to ${path.dirname(file)} and its files, or set HANDBOOK_DATA_DIR to a folder it can write`,
    { cause },
  );
}
