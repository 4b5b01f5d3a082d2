import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { foldDiacritics } from '../text/fold.ts';
import { assertLogWritable, openError, unwritableShm } from './question-log-files.ts';
import {
  FEEDBACK_HOURS,
  type FeedbackOutcome,
  type LoggedQuestion,
  type LoggedSearch,
  type PageFeedback,
  type QuestionLogHealth,
  type RecordedQuestion,
} from './question-log-records.ts';
import { createTables } from './question-log-schema.ts';
import { isBusy, lockedError, MAX_WAITING, WaitingWrites, type LogWrite } from './question-log-waiting.ts';

export { QuestionLogError } from './question-log-files.ts';
export { FEEDBACK_HOURS } from './question-log-records.ts';
export type {
  FeedbackOutcome,
  LoggedQuestion,
  LoggedSearch,
  PageFeedback,
  QuestionLogHealth,
  RecordedQuestion,
} from './question-log-records.ts';

/** At close, how long the log waits for another process to release the lock before giving up what still waits. */
const CLOSE_WAIT_MS = 2000;

/**
 * Connections left open because their `-shm` file could no longer be written: closing one would touch the mapped
 * file and kill the process. Kept referenced so that garbage collection does not close them either; the WAL keeps
 * every written row for the next start.
 */
const abandoned: DatabaseSync[] = [];

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
 * Writing never fails or delays an answer: a write that finds the log locked by another process waits in memory
 * (at most `maxWaiting`, by default {@link MAX_WAITING}) and is retried on a timer; a write that SQLite refuses (a
 * full disk, an unwritable `-shm` file) is passed to `onFailure`, counted in {@link health}, and reported to the
 * caller as `null`.
 */
export class QuestionLog {
  private readonly db: DatabaseSync;
  private readonly file: string;
  private readonly insertQuestion;
  private readonly insertFeedback;
  private readonly insertPageFeedback;
  private readonly insertSearch;
  private readonly waiting: WaitingWrites;
  private readonly onFailure: (error: unknown, action: string) => void;
  private readonly now: () => Date;
  private failures = 0;
  private lastWriteOk = true;
  private closed = false;

  constructor(file: string, options: { onFailure?: (error: unknown, action: string) => void; now?: () => Date; maxWaiting?: number } = {}) {
    this.file = file;
    this.onFailure = options.onFailure ?? (() => {});
    this.now = options.now ?? (() => new Date());
    if (file !== ':memory:') {
      mkdirSync(path.dirname(file), { recursive: true });
      assertLogWritable(file);
    }
    let db: DatabaseSync | undefined;
    try {
      db = new DatabaseSync(file);
      createTables(db);
      // Opening may wait for another writer (a migration needs the lock); after that a write never waits, it is kept.
      db.exec('PRAGMA busy_timeout = 0');
    } catch (e) {
      db?.close();
      throw openError(file, e);
    }
    this.db = db;
    this.insertQuestion = db.prepare(
      `INSERT INTO questions (asked_at, question, normalized, lang, status, top_ids, confidence, latency_ms, mode, commune, feedback_token, feedback_expires, uncovered)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // By the token rather than the question's id, so that a vote can wait with its question for the lock.
    this.insertFeedback = db.prepare(
      `INSERT INTO feedback (question_id, given_at, helpful, comment) SELECT id, ?, ?, ? FROM questions WHERE feedback_token = ?
       ON CONFLICT (question_id) DO UPDATE SET given_at = excluded.given_at, helpful = excluded.helpful, comment = excluded.comment`,
    );
    this.insertPageFeedback = db.prepare('INSERT INTO page_feedback (given_at, entry_id, lang, helpful, comment) VALUES (?, ?, ?, ?, ?)');
    this.insertSearch = db.prepare(
      'INSERT INTO searches (searched_at, query, normalized, results, lang, commune) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const max = options.maxWaiting ?? MAX_WAITING;
    this.waiting = new WaitingWrites({
      max,
      attempt: (write) => (this.tryWrite(write) === 'busy' ? 'busy' : 'done'),
      drop: (write) => this.fail(lockedError(file, { max }), write.action),
    });
  }

  /**
   * Records a question (at `at`, by default now); returns its id (null while it waits for the lock) and a fresh
   * feedback token, or null when it could not be written.
   */
  record(q: LoggedQuestion, at: Date = this.now()): RecordedQuestion | null {
    const feedbackToken = randomBytes(32).toString('base64url');
    const tokenHash = sha256(feedbackToken);
    const expires = new Date(at.getTime() + FEEDBACK_HOURS * 3_600_000).toISOString();
    const id = this.submit({
      action: 'record a question',
      question: { tokenHash, expires },
      run: () => {
        const { lastInsertRowid } = this.insertQuestion.run(
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
          tokenHash,
          expires,
          q.uncovered ?? null,
        );
        return Number(lastInsertRowid);
      },
    });
    return id === null ? null : { id: id === 'waiting' ? null : id, feedbackToken };
  }

  /**
   * Records whether an answer helped, by the answer's feedback token: one vote per answer, a second replaces the
   * first. `unknown` for a token no answer has, `expired` after {@link FEEDBACK_HOURS} hours; null when it could
   * not be written. A vote on a question that waits for the lock waits with it.
   */
  recordFeedback(feedbackToken: string, helpful: boolean, comment?: string, at: Date = this.now()): FeedbackOutcome | null {
    const tokenHash = sha256(feedbackToken);
    let answer: { expires: string; voted: boolean } | undefined;
    try {
      answer = this.answerOf(tokenHash);
    } catch (e) {
      this.fail(e, 'record feedback');
      return null;
    }
    if (!answer) return 'unknown';
    if (answer.expires <= at.toISOString()) return 'expired';
    const written = this.submit({
      action: 'record feedback',
      voteOn: tokenHash,
      run: () => this.insertFeedback.run(at.toISOString(), helpful ? 1 : 0, comment || null, tokenHash),
    });
    if (written === null) return null;
    return answer.voted ? 'replaced' : 'saved';
  }

  /** Records an entry page's vote; true when written or waiting to be, null when it could not be. */
  recordPageFeedback(f: PageFeedback, at: Date = this.now()): true | null {
    const written = this.submit({
      action: 'record page feedback',
      run: () => this.insertPageFeedback.run(at.toISOString(), f.entryId, f.lang, f.helpful ? 1 : 0, f.comment || null),
    });
    return written === null ? null : true;
  }

  /** Records a settled search; true when written or waiting to be, null when it could not be. */
  recordSearch(s: LoggedSearch, at: Date = this.now()): true | null {
    const written = this.submit({
      action: 'record a search',
      run: () => this.insertSearch.run(at.toISOString(), s.query, normalizeForLog(s.query), s.results, s.lang, s.commune ?? null),
    });
    return written === null ? null : true;
  }

  /** Whether the last write worked, how many failed since start, and how many wait for the lock. */
  health(): QuestionLogHealth {
    return { ok: this.lastWriteOk, failures: this.failures, waiting: this.waiting.size };
  }

  /** The vote on a question's answer, if any (one per answer), as a list for tests and reports. */
  feedbackFor(questionId: number): { helpful: boolean; comment?: string }[] {
    const rows = this.connection()
      .prepare('SELECT helpful, comment FROM feedback WHERE question_id = ? ORDER BY id DESC')
      .all(questionId) as { helpful: number; comment: string | null }[];
    return rows.map((r) => ({ helpful: r.helpful === 1, ...(r.comment === null ? {} : { comment: r.comment }) }));
  }

  /**
   * Rows of a read-only query, for the IOC dashboard's figures (src/ioc/log-figures.ts), which keeps its SQL
   * beside the figures it computes.
   */
  select<T>(sql: string, ...params: (string | number | null)[]): T[] {
    return this.connection()
      .prepare(sql)
      .all(...params) as T[];
  }

  /** Questions without a confident answer or rated unhelpful, grouped by normalized text, most asked first. */
  unanswered(since?: string): { normalized: string; example: string; times: number; lastAsked: string; unhelpful: number }[] {
    return this.connection()
      .prepare(
        `SELECT q.normalized AS normalized, MIN(q.question) AS example, COUNT(DISTINCT q.id) AS times, MAX(q.asked_at) AS lastAsked,
                COUNT(f.id) FILTER (WHERE f.helpful = 0) AS unhelpful
           FROM questions q LEFT JOIN feedback f ON f.question_id = q.id
          WHERE q.asked_at >= ? AND (q.status IN ('no_confident_answer', 'no_match') OR f.helpful = 0)
          GROUP BY q.normalized ORDER BY times DESC, lastAsked DESC`,
      )
      .all(since ?? '0000') as never;
  }

  /**
   * Writes what waits, giving another process {@link CLOSE_WAIT_MS} to release the lock (what still waits then
   * is counted as failed), and closes the file.
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    const unwritable = this.unwritableShm();
    if (unwritable) {
      for (const write of this.waiting.stop()) this.fail(unwritable, write.action);
      this.onFailure(unwritable, 'close the question log');
      abandoned.push(this.db);
      return;
    }
    if (this.waiting.size > 0) {
      // No answer waits on the log any more: now it may wait for the lock.
      this.db.exec(`PRAGMA busy_timeout = ${CLOSE_WAIT_MS}`);
      this.waiting.flush();
      for (const write of this.waiting.stop()) this.fail(lockedError(this.file, 'lost'), write.action);
    }
    this.db.close();
  }

  /** The expiry of the answer a token belongs to, and whether it has a vote, written or waiting. */
  private answerOf(tokenHash: string): { expires: string; voted: boolean } | undefined {
    const votedWhileWaiting = this.waiting.find((w) => w.voteOn === tokenHash) !== undefined;
    const waitingQuestion = this.waiting.find((w) => w.question?.tokenHash === tokenHash)?.question;
    if (waitingQuestion) return { expires: waitingQuestion.expires, voted: votedWhileWaiting };
    const row = this.connection()
      .prepare(
        `SELECT q.feedback_expires AS expires, EXISTS (SELECT 1 FROM feedback f WHERE f.question_id = q.id) AS voted
           FROM questions q WHERE q.feedback_token = ?`,
      )
      .get(tokenHash) as { expires: string; voted: number } | undefined;
    return row && { expires: row.expires, voted: votedWhileWaiting || row.voted === 1 };
  }

  /**
   * Runs a write now, after those that wait, or keeps it for later while another process holds the lock: its
   * result, `waiting`, or null when it failed.
   */
  private submit<T>(write: LogWrite<T>): T | 'waiting' | null {
    const result = this.waiting.flush() ? this.tryWrite(write) : 'busy';
    if (result === 'busy') {
      this.waiting.add(write);
      return 'waiting';
    }
    return result === null ? null : result.value;
  }

  /** Runs a write: its result, `busy` while another process holds the lock, or null when it failed (counted). */
  private tryWrite<T>(write: LogWrite<T>): { value: T } | 'busy' | null {
    try {
      this.assertShmWritable();
      const value = write.run();
      this.lastWriteOk = true;
      return { value };
    } catch (e) {
      if (isBusy(e)) return 'busy';
      this.fail(e, write.action);
      return null;
    }
  }

  private fail(error: unknown, action: string): void {
    this.failures++;
    this.lastWriteOk = false;
    this.onFailure(error, action);
  }

  /** The connection, once it is safe to touch. */
  private connection(): DatabaseSync {
    this.assertShmWritable();
    return this.db;
  }

  /** Throws while the `-shm` file cannot be written: touching the connection then would kill the process. */
  private assertShmWritable(): void {
    const unwritable = this.unwritableShm();
    if (unwritable) throw unwritable;
  }

  private unwritableShm() {
    return this.file === ':memory:' ? undefined : unwritableShm(this.file);
  }
}
