import type { AnswerBody } from '../retrieval/answer-response.ts';
import type { WorkerRequest } from './ask-worker.ts';

/** An answer computed in the browser. */
export type BrowserAnswer = AnswerBody & { tookMs: number };

let worker: Worker | undefined;
let next = 1;
const pending = new Map<number, { resolve: (a: BrowserAnswer) => void; reject: (e: Error) => void }>();

function getWorker(): Worker {
  if (!worker) {
    worker = new Worker(new URL('./ask-worker.ts', import.meta.url), { type: 'module' });
    worker.addEventListener('message', (event: MessageEvent<{ id: number; body?: BrowserAnswer; error?: string }>) => {
      const p = pending.get(event.data.id);
      if (!p) return;
      pending.delete(event.data.id);
      if (event.data.body) p.resolve(event.data.body);
      else p.reject(new Error(event.data.error ?? 'the browser engine failed'));
    });
  }
  return worker;
}

/** Asks the handbook's engine running in this browser (no server needed). */
export function askInBrowser(request: Omit<WorkerRequest, 'id'>): Promise<BrowserAnswer> {
  const id = next++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    getWorker().postMessage({ ...request, id } satisfies WorkerRequest);
  });
}
