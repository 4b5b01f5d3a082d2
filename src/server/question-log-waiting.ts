import { QuestionLogError } from './question-log-files.ts';

/** SQLite's result code for a database another connection is writing (SQLITE_BUSY); extended codes keep it in the low byte. */
const SQLITE_BUSY = 5;

/** Whether SQLite refused because another connection holds the log's lock: worth trying again later. */
export function isBusy(error: unknown): boolean {
  const code = (error as { errcode?: unknown } | null)?.errcode;
  return typeof code === 'number' && (code & 0xff) === SQLITE_BUSY;
}

/** A write to the question log, run at once or, while another process holds the lock, later. */
export interface LogWrite<T = unknown> {
  /** What it does, as `onFailure` gets it: "record a question". */
  action: string;
  run: () => T;
  /** A question's (hashed) feedback token and its expiry, so a vote finds the question before it is written. */
  question?: { tokenHash: string; expires: string };
  /** A vote's: the (hashed) feedback token of the question it is on. */
  voteOn?: string;
}

/** How many writes wait at most before the oldest is dropped: a few minutes of questions on a busy day. */
export const MAX_WAITING = 1000;
/** The first retry comes this soon; each one that finds the log still locked doubles the wait, up to a second. */
const FIRST_RETRY_MS = 25;
const LAST_RETRY_MS = 1000;

/** How writes wait: how many at most, how one is tried again, and who hears of one dropped. */
interface WaitingOptions {
  max: number;
  /** Runs a write: `busy` while the log is still locked (the write keeps waiting), `done` once written or failed. */
  attempt: (write: LogWrite) => 'done' | 'busy';
  /** Told of a write dropped because `max` others wait. */
  drop: (write: LogWrite) => void;
}

/**
 * Writes that found the log locked by another process (an operator's sqlite3 shell inside a transaction, another
 * service given the same file), kept in memory in order and retried on a timer that does not keep the process
 * alive. At most `max` wait; beyond that the oldest is dropped.
 */
export class WaitingWrites {
  private readonly options: WaitingOptions;
  private readonly writes: LogWrite[] = [];
  private timer: NodeJS.Timeout | undefined;
  private delay = FIRST_RETRY_MS;

  constructor(options: WaitingOptions) {
    this.options = options;
  }

  /** How many writes wait. */
  get size(): number {
    return this.writes.length;
  }

  /** Keeps a write behind those already waiting. */
  add(write: LogWrite): void {
    if (this.writes.length >= this.options.max) this.options.drop(this.writes.shift()!);
    this.writes.push(write);
    this.schedule();
  }

  /** Runs the waiting writes in order until one finds the log still locked; true when none waits any more. */
  flush(): boolean {
    while (this.writes.length > 0) {
      if (this.options.attempt(this.writes[0]!) === 'busy') {
        this.schedule();
        return false;
      }
      this.writes.shift();
    }
    clearTimeout(this.timer);
    this.timer = undefined;
    this.delay = FIRST_RETRY_MS;
    return true;
  }

  /** The first waiting write that matches. */
  find(matches: (write: LogWrite) => boolean): LogWrite | undefined {
    return this.writes.find(matches);
  }

  /** Stops retrying, and hands back the writes that still wait. */
  stop(): LogWrite[] {
    clearTimeout(this.timer);
    this.timer = undefined;
    return this.writes.splice(0);
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.delay = Math.min(this.delay * 2, LAST_RETRY_MS);
      this.flush();
    }, this.delay);
    this.timer.unref();
  }
}

/** A write given up on because another process kept the log locked: `dropped` for room, `lost` at close. */
export function lockedError(file: string, why: { max: number } | 'lost'): QuestionLogError {
  const what =
    why === 'lost'
      ? 'was still locked by another process when it was closed, so this write was lost'
      : `stayed locked by another process while ${why.max} writes waited, so the oldest was dropped`;
  return new QuestionLogError(
    `the question log ${file} ${what}; find the process that holds it (fuser ${file}), such as a sqlite3 shell inside a transaction or another service given the same HANDBOOK_QUESTION_LOG, and end it`,
  );
}
