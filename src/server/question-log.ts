import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';

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
 * Every question officers ask, with its outcome and feedback, in a SQLite file
 * (WAL mode, so the report can read while the service writes). Feeds the
 * unanswered-questions report for the IOC team.
 *
 * Writing never fails an answer: a write that SQLite refuses (a full disk, an
 * unwritable WAL file) is passed to `onFailure`, counted in {@link health}, and
 * reported to the caller as `null`.
 */
export class QuestionLog {
  private readonly db: DatabaseSync;
  private readonly insert;
  private readonly feedback;
  private readonly onFailure: (error: unknown, action: string) => void;
  private failures = 0;
  private lastWriteOk = true;

  constructor(file: string, options: { onFailure?: (error: unknown, action: string) => void } = {}) {
    this.onFailure = options.onFailure ?? (() => {});
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
      'INSERT INTO questions (question, normalized, lang, status, top_ids, confidence, latency_ms, mode) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.feedback = this.db.prepare('INSERT INTO feedback (question_id, helpful) SELECT id, ? FROM questions WHERE id = ?');
  }

  /** Records a question; returns its id for feedback, or null when it could not be written. */
  record(q: LoggedQuestion): number | null {
    return this.write('record a question', () =>
      Number(this.insert.run(q.question, q.normalized, q.lang, q.status, JSON.stringify(q.topIds), q.confidence, q.latencyMs, q.mode).lastInsertRowid),
    );
  }

  /** Records whether an answer helped; false when the question id is unknown, null when it could not be written. */
  recordFeedback(questionId: number, helpful: boolean): boolean | null {
    return this.write('record feedback', () => this.feedback.run(helpful ? 1 : 0, questionId).changes > 0);
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

  /** Feedback rows, newest first (for tests and reports). */
  feedbackFor(questionId: number): { helpful: boolean }[] {
    return (this.db.prepare('SELECT helpful FROM feedback WHERE question_id = ? ORDER BY id DESC').all(questionId) as { helpful: number }[]).map(
      (r) => ({ helpful: r.helpful === 1 }),
    );
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

/** The log's tables, created when missing. */
function createTables(db: DatabaseSync): void {
  db.exec(`
    PRAGMA journal_mode = WAL;
    PRAGMA busy_timeout = 2000;
    CREATE TABLE IF NOT EXISTS questions (
      id INTEGER PRIMARY KEY,
      asked_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
      question TEXT NOT NULL,
      normalized TEXT NOT NULL,
      lang TEXT NOT NULL,
      status TEXT NOT NULL,
      top_ids TEXT NOT NULL,
      confidence REAL NOT NULL,
      latency_ms REAL NOT NULL,
      mode TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS feedback (
      id INTEGER PRIMARY KEY,
      question_id INTEGER NOT NULL REFERENCES questions(id),
      given_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
      helpful INTEGER NOT NULL
    );
    CREATE INDEX IF NOT EXISTS questions_status ON questions(status, asked_at);
  `);
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
