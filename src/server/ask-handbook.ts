import type { ModelStatus } from '../embeddings/create-embedder.ts';
import type { Manifest } from '../indexing/index-files.ts';
import type { HandbookSearch, SearchOutcome } from '../retrieval/handbook-search.ts';
import { foldDiacritics } from '../text/fold.ts';
import type { AskRequest } from './ask-request.ts';
import type { QuestionLog } from './question-log.ts';

/** One cited entry in an answer. */
export interface AskResult {
  id: string;
  /** Language of the entry: an English question may be answered by a Vietnamese-only entry. */
  lang: 'vi' | 'en';
  title: string;
  url: string;
  topic: string;
  excerpt: string;
  score: number;
}

/** Response of `POST /api/ask`. */
export interface AskResponse {
  status: 'answered' | 'no_confident_answer' | 'no_match';
  answer?: { id: string; lang: 'vi' | 'en'; title: string; url: string; excerpt: string; confidence: number };
  results: AskResult[];
  mode: 'hybrid' | 'lexical';
  lang: 'vi' | 'en';
  /** Why the answer is lexical-only, when it is. */
  notice?: string;
  /** Id of the logged question, for `POST /api/feedback`. */
  questionId: number;
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

/** Cuts a passage to about `max` characters at a word boundary. */
export function excerpt(text: string, max = 280): string {
  // Bullet markers read as stray dashes once lines are joined; numbers of numbered steps stay.
  const flat = text.replace(/^- /gm, '').replace(/\s*\n\s*/g, ' · ').replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max * 0.6))}…`;
}

/** Answers a validated question from the handbook and logs it. */
export async function askHandbook(state: ServiceState, req: AskRequest): Promise<AskResponse> {
  const started = performance.now();
  const outcome: SearchOutcome = await state.search.search({ question: req.question, lang: req.lang, k: req.k, topic: req.topic });
  const lang = outcome.lang;
  const results = outcome.results.map((r) => ({
    id: r.entry.id,
    lang: r.entry.lang,
    title: r.entry.title,
    url: r.entry.url,
    topic: r.entry.topic,
    excerpt: excerpt(r.passage.text || r.entry.title),
    score: round(r.score),
  }));
  const top = results[0];
  const tookMs = round(performance.now() - started);
  const questionId = state.log.record({
    question: req.question,
    normalized: foldDiacritics(req.question).replace(/[^\p{L}\p{N}]+/gu, ' ').trim(),
    lang,
    status: outcome.status,
    topIds: results.map((r) => r.id),
    confidence: outcome.confidence,
    latencyMs: tookMs,
    mode: outcome.mode,
  });
  const notice = outcome.mode === 'lexical' ? lexicalNotice(state) : undefined;
  return {
    status: outcome.status,
    ...(outcome.status === 'answered' && top
      ? { answer: { id: top.id, lang: top.lang, title: top.title, url: top.url, excerpt: top.excerpt, confidence: round(outcome.confidence) } }
      : {}),
    results,
    mode: outcome.mode,
    lang,
    ...(notice ? { notice } : {}),
    questionId,
    tookMs,
  };
}

/** Why the service answers from words alone. */
export function lexicalNotice(state: Pick<ServiceState, 'model' | 'denseSkipped'>): string {
  if (state.model.state === 'unavailable') return `keyword search only: ${state.model.reason}`;
  return `keyword search only: ${state.denseSkipped ?? 'the index has no vectors'}`;
}
