import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { QuestionLog } from '../../src/server/question-log.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'handbook-log-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('a question log written by the previous version', () => {
  it('gains the new columns and tables, and keeps the latest of the votes an answer had', () => {
    const file = path.join(dir, 'questions.sqlite');
    const old = new DatabaseSync(file);
    old.exec(`
      CREATE TABLE questions (id INTEGER PRIMARY KEY, asked_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')), question TEXT NOT NULL,
        normalized TEXT NOT NULL, lang TEXT NOT NULL, status TEXT NOT NULL, top_ids TEXT NOT NULL, confidence REAL NOT NULL, latency_ms REAL NOT NULL, mode TEXT NOT NULL);
      CREATE TABLE feedback (id INTEGER PRIMARY KEY, question_id INTEGER NOT NULL REFERENCES questions(id),
        given_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')), helpful INTEGER NOT NULL);
      INSERT INTO questions (question, normalized, lang, status, top_ids, confidence, latency_ms, mode) VALUES ('a', 'a', 'vi', 'answered', '[]', 1, 1, 'lexical');
      INSERT INTO feedback (question_id, helpful) VALUES (1, 1), (1, 1), (1, 0);
    `);
    old.close();

    const log = new QuestionLog(file);
    try {
      expect(log.feedbackFor(1)).toEqual([{ helpful: false }]);
      const columns = log.select<{ name: string }>('PRAGMA table_info(questions)').map((c) => c.name);
      expect(columns).toEqual(expect.arrayContaining(['commune', 'feedback_token', 'feedback_expires', 'uncovered']));
      const passport = log.record({
        question: 'làm hộ chiếu',
        normalized: 'lam ho chieu',
        lang: 'vi',
        status: 'no_confident_answer',
        topIds: [],
        confidence: 0.2,
        latencyMs: 1,
        mode: 'lexical',
        uncovered: 'Cấp hộ chiếu phổ thông',
      })!;
      expect(log.select('SELECT uncovered FROM questions WHERE id = ?', passport.id)).toEqual([{ uncovered: 'Cấp hộ chiếu phổ thông' }]);
      expect(log.select<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").map((t) => t.name)).toEqual([
        'feedback',
        'page_feedback',
        'questions',
        'searches',
      ]);
      // The old question has no token: nobody can vote on it any more.
      expect(log.recordFeedback('x'.repeat(43), true)).toBe('unknown');
    } finally {
      log.close();
    }
    // Opening it again changes nothing.
    new QuestionLog(file).close();
  });
});
