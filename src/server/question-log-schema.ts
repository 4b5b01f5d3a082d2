import type { DatabaseSync } from 'node:sqlite';

/** Names of a table's columns. */
function columnsOf(db: DatabaseSync, table: string): Set<string> {
  return new Set((db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name));
}

/**
 * The log's tables, created when missing, and an older log brought up to date: questions gain `commune`, the
 * feedback token and `uncovered` (the not-covered procedure a question named); feedback gains `comment` and keeps
 * one vote per question (the latest, as a second vote now replaces the first).
 */
export function createTables(db: DatabaseSync): void {
  db.exec(`
    PRAGMA journal_mode = WAL;
    PRAGMA synchronous = NORMAL;
    -- Opening may wait for another writer (a migration needs the lock); QuestionLog then stops waiting.
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
    CREATE TABLE IF NOT EXISTS page_feedback (
      id INTEGER PRIMARY KEY,
      given_at TEXT NOT NULL,
      entry_id TEXT NOT NULL,
      lang TEXT NOT NULL,
      helpful INTEGER NOT NULL,
      comment TEXT
    );
    CREATE TABLE IF NOT EXISTS searches (
      id INTEGER PRIMARY KEY,
      searched_at TEXT NOT NULL,
      query TEXT NOT NULL,
      normalized TEXT NOT NULL,
      results INTEGER NOT NULL,
      lang TEXT NOT NULL,
      commune TEXT
    );
    CREATE INDEX IF NOT EXISTS questions_status ON questions(status, asked_at);
    CREATE INDEX IF NOT EXISTS questions_asked_at ON questions(asked_at);
    CREATE INDEX IF NOT EXISTS page_feedback_given_at ON page_feedback(given_at);
    CREATE INDEX IF NOT EXISTS searches_searched_at ON searches(searched_at);
  `);
  const questionColumns = columnsOf(db, 'questions');
  for (const column of ['commune', 'feedback_token', 'feedback_expires', 'uncovered']) {
    if (!questionColumns.has(column)) db.exec(`ALTER TABLE questions ADD COLUMN ${column} TEXT`);
  }
  db.exec('CREATE UNIQUE INDEX IF NOT EXISTS questions_feedback_token ON questions(feedback_token)');
  if (!columnsOf(db, 'feedback').has('comment')) {
    db.exec(`
      BEGIN;
      ALTER TABLE feedback ADD COLUMN comment TEXT;
      DELETE FROM feedback WHERE id NOT IN (SELECT MAX(id) FROM feedback GROUP BY question_id);
      COMMIT;
    `);
  }
  db.exec(`
    CREATE UNIQUE INDEX IF NOT EXISTS feedback_one_per_question ON feedback(question_id);
    CREATE INDEX IF NOT EXISTS feedback_given_at ON feedback(given_at);
  `);
}
