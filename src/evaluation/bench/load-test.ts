import { Agent, request } from 'node:http';
import { percentile, round, type Figures } from './stats.ts';

/** What to send. */
export interface LoadOptions {
  /** Base URL of the service, ending in `/`. */
  url: string;
  /** Questions, sent in order and again from the start when there are fewer than `requests`. */
  questions: string[];
  concurrency: number;
  /** Requests to measure (after a few unmeasured warm-up requests). */
  requests: number;
  /** Stop sending after this long, whatever `requests` says. */
  budgetMs: number;
}

/** One `POST /api/ask`: status and time to the last byte of the answer. */
function ask(agent: Agent, url: URL, question: string): Promise<{ status: number; ms: number; body: string }> {
  const body = JSON.stringify({ question });
  const started = performance.now();
  return new Promise((resolve) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        timeout: 60_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, ms: performance.now() - started, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', (e) => resolve({ status: 0, ms: performance.now() - started, body: e.message }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('no answer within 60 s')));
    req.on('error', (e) => resolve({ status: 0, ms: performance.now() - started, body: e.message }));
    req.end(body);
  });
}

/**
 * Sends real HTTP requests to `POST /api/ask` from `concurrency` workers over kept-alive connections and
 * reports latency percentiles, throughput and errors (any answer but 200) under `ask.c<concurrency>.*`.
 */
export async function loadTest(options: LoadOptions): Promise<Figures> {
  const url = new URL('api/ask', options.url);
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  try {
    for (let i = 0; i < Math.min(10, options.questions.length); i++) await ask(agent, url, options.questions[i]!);
    const times: number[] = [];
    // The service's own time for the search (`tookMs` in the answer), to tell computing from queueing.
    const took: number[] = [];
    let errors = 0;
    let firstError = '';
    let next = 0;
    const started = performance.now();
    const worker = async () => {
      while (next < options.requests && performance.now() - started < options.budgetMs) {
        const question = options.questions[next++ % options.questions.length]!;
        const { status, ms, body } = await ask(agent, url, question);
        times.push(ms);
        if (status !== 200) {
          errors++;
          firstError ||= `${status} ${body.slice(0, 160)}`;
        } else {
          const tookMs = (JSON.parse(body) as { tookMs?: unknown }).tookMs;
          if (typeof tookMs === 'number') took.push(tookMs);
        }
      }
    };
    await Promise.all(Array.from({ length: options.concurrency }, worker));
    const wall = performance.now() - started;
    const p = `ask.c${options.concurrency}`;
    return {
      [`${p}.p50Ms`]: percentile(times, 50),
      [`${p}.p95Ms`]: percentile(times, 95),
      [`${p}.p99Ms`]: percentile(times, 99),
      [`${p}.rps`]: round((times.length / wall) * 1000),
      [`${p}.searchP50Ms`]: percentile(took, 50),
      [`${p}.searchP95Ms`]: percentile(took, 95),
      [`${p}.errors`]: errors,
      [`${p}.requests`]: times.length,
      ...(firstError ? { [`${p}.firstError`]: firstError } : {}),
    };
  } finally {
    agent.destroy();
  }
}
