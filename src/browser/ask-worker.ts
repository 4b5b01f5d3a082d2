/// <reference lib="webworker" />
/**
 * The handbook's question engine in a Web Worker: the same HandbookSearch the server runs in keyword mode, over
 * the browser index the build writes (`/ask-index/`). Answers `ask` (the Ask box's decision) and `search` (the
 * search box's ranking) messages.
 */
import type { Lang, Topic } from '../content/topics.ts';
import { answerBody } from '../retrieval/answer-response.ts';
import { HandbookSearch } from '../retrieval/handbook-search.ts';
import { ASK_INDEX_DIR, browserIndexFiles, readBrowserEntries, readBrowserGlossary, readBrowserKeywordIndex } from './browser-index.ts';

/** A question for the worker. */
export interface WorkerRequest {
  id: number;
  kind: 'ask' | 'search';
  question: string;
  k: number;
  lang?: Lang | undefined;
  topic?: Topic | undefined;
}

declare const self: DedicatedWorkerGlobalScope;

/** The settings the server runs keyword mode with (src/config.ts defaults); the dense ones do not apply here. */
const KEYWORD_FUSION = { denseWeight: 0.5, denseFloor: 0.7, denseConfidenceWeight: 0 };

let engine: Promise<HandbookSearch> | undefined;

async function load(): Promise<HandbookSearch> {
  const files = browserIndexFiles();
  const url = (name: string) => `/${ASK_INDEX_DIR}/${name}`;
  const get = async (name: string) => {
    const res = await fetch(url(name));
    if (!res.ok) throw new Error(`${url(name)}: HTTP ${res.status}`);
    return res;
  };
  const bytes = async (name: string) => new Uint8Array(await (await get(name)).arrayBuffer());
  const [entries, glossary, vi, en] = await Promise.all([
    bytes(files.entries).then(readBrowserEntries),
    bytes(files.glossary).then(readBrowserGlossary),
    bytes(files.keyword.vi).then(readBrowserKeywordIndex),
    bytes(files.keyword.en).then(readBrowserKeywordIndex),
  ]);
  return new HandbookSearch(entries, KEYWORD_FUSION, undefined, { keyword: { vi, en }, glossary });
}

self.addEventListener('message', (event: MessageEvent<WorkerRequest>) => {
  const req = event.data;
  void (async () => {
    try {
      engine ??= load();
      const search = await engine;
      const started = performance.now();
      const outcome = await search.search({
        question: req.question,
        lang: req.lang,
        k: req.k,
        topic: req.topic,
        keepAll: req.kind === 'search',
      });
      self.postMessage({ id: req.id, body: { ...answerBody(outcome), tookMs: Math.round((performance.now() - started) * 1000) / 1000 } });
    } catch (e) {
      engine = undefined;
      self.postMessage({ id: req.id, error: (e as Error).message });
    }
  })();
});
