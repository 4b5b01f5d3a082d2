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
  /** The procedure the question named that the handbook does not cover (a glossary `notCovered` term), if any. */
  uncovered?: string | undefined;
}

/** A recorded question: its row id, and the token that lets the asker rate this one answer. */
export interface RecordedQuestion {
  /** Null while the question waits for another process to release the log (see {@link QuestionLogHealth.waiting}). */
  id: number | null;
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
  /** Writes that failed since the service started, including those given up after waiting for the lock. */
  failures: number;
  /**
   * Writes kept in memory because another process holds the log's write lock; they are written, in order, as
   * soon as it lets go.
   */
  waiting: number;
}
