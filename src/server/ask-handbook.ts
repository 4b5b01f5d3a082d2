import type { ModelStatus } from '../embeddings/create-embedder.ts';
import type { Manifest } from '../indexing/index-files.ts';
import { answerBody, type AnswerBody } from '../retrieval/answer-response.ts';
import type { HandbookSearch } from '../retrieval/handbook-search.ts';
import type { AskRequest } from './ask-request.ts';
import { normalizeForLog, type QuestionLog } from './question-log.ts';

export type { AskResult } from '../retrieval/answer-response.ts';

/** Response of `POST /api/ask`. */
export interface AskResponse extends AnswerBody {
  /** Why the answer is lexical-only, when it is. */
  notice?: string;
  /**
   * Id of the logged question, for reference; null when the question log could not be written (the answer is
   * given all the same, and `/api/health` counts the failure), and while the question waits in memory for another
   * process to release the log (`/api/health` counts it as waiting).
   */
  questionId: number | null;
  /**
   * The token `POST /api/feedback` takes to rate this answer (once; a second vote replaces the first), accepted
   * for 24 hours, also while the question waits to be written; null when the question log could not be written.
   */
  feedbackToken: string | null;
  tookMs: number;
}

/** What the service is running with, as `/api/health` reports it. */
export interface ServiceState {
  search: HandbookSearch;
  manifest: Manifest;
  model: ModelStatus;
  /** Why the dense side is off although a model loaded (index built with another model). */
  denseSkipped?: string | undefined;
  log: QuestionLog;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** Answers a validated question from the handbook and logs it. */
export async function askHandbook(state: ServiceState, req: AskRequest): Promise<AskResponse> {
  const started = performance.now();
  const outcome = await state.search.search({ question: req.question, lang: req.lang, k: req.k, topic: req.topic });
  const body = answerBody(outcome);
  const tookMs = round(performance.now() - started);
  const recorded = state.log.record({
    question: req.question,
    normalized: normalizeForLog(req.question),
    lang: body.lang,
    status: outcome.status,
    topIds: body.results.map((r) => r.id),
    confidence: outcome.confidence,
    latencyMs: tookMs,
    mode: outcome.mode,
    commune: req.commune,
    uncovered: body.uncovered,
  });
  const notice = outcome.mode === 'lexical' ? lexicalNotice(state) : undefined;
  return {
    ...body,
    ...(notice ? { notice } : {}),
    questionId: recorded?.id ?? null,
    feedbackToken: recorded?.feedbackToken ?? null,
    tookMs,
  };
}

/** Why the service answers from words alone. */
export function lexicalNotice(state: Pick<ServiceState, 'model' | 'denseSkipped'>): string {
  if (state.model.state === 'unavailable') return `keyword search only: ${state.model.reason}`;
  return `keyword search only: ${state.denseSkipped ?? 'the index has no vectors'}`;
}
