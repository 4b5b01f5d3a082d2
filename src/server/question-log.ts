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

/**
 * Every question officers ask, with its outcome and feedback, in a SQLite file
 * (WAL mode, so the report can read while the service writes). Feeds the
 * unanswered-questions report for the IOC team.
 */
export class QuestionLog {
  private readonly db: DatabaseSync;
  private readonly insert;
  private readonly feedback;

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
    this.db = new DatabaseSync(file);
    this.db.exec(`
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
    this.insert = this.db.prepare(
      'INSERT INTO questions (question, normalized, lang, status, top_ids, confidence, latency_ms, mode) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.feedback = this.db.prepare('INSERT INTO feedback (question_id, helpful) SELECT id, ? FROM questions WHERE id = ?');
  }

  /** Records a question; returns its id for feedback. */
  record(q: LoggedQuestion): number {
    const r = this.insert.run(q.question, q.normalized, q.lang, q.status, JSON.stringify(q.topIds), q.confidence, q.latencyMs, q.mode);
    return Number(r.lastInsertRowid);
  }

  /** Records whether an answer helped; false when the question id is unknown. */
  recordFeedback(questionId: number, helpful: boolean): boolean {
    return this.feedback.run(helpful ? 1 : 0, questionId).changes > 0;
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
