import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import sirv from 'sirv';
import type { Config } from '../config.ts';
import { ApiError } from './api-error.ts';
import { askHandbook, lexicalNotice, type ServiceState } from './ask-handbook.ts';
import { askRequestSchema, FeedbackSchema, validateBody } from './ask-request.ts';
import { createRateLimiter } from './rate-limit.ts';

/**
 * The one process `npm start` runs: the built site as static files, and the
 * question API under `/api/`. `getState` returns what is serving now, so an
 * index rebuild can switch it without a restart.
 */
export function createHandbookServer(config: Config, getState: () => ServiceState, log: (line: string) => void = console.log): Server {
  const serveStatic = sirv(config.siteDir, { dev: false, etag: true, extensions: ['html'] });
  const allow = createRateLimiter(config.limits.perMinute);
  const askSchema = askRequestSchema(config.limits.maxQuestionChars);

  const routes: Record<string, Record<string, (req: IncomingMessage, res: ServerResponse) => Promise<unknown>>> = {
    '/api/ask': {
      POST: async (req, res) => {
        if (!allow(req.socket.remoteAddress ?? 'unknown')) {
          res.setHeader('retry-after', '60');
          throw new ApiError('rate_limited', `more than ${config.limits.perMinute} questions in a minute; wait a moment and ask again`);
        }
        return askHandbook(getState(), validateBody(askSchema, await readJson(req, config.limits.maxBodyBytes)));
      },
    },
    '/api/feedback': {
      POST: async (req) => {
        const body = validateBody(FeedbackSchema, await readJson(req, config.limits.maxBodyBytes));
        if (!getState().log.recordFeedback(body.questionId, body.helpful)) {
          throw new ApiError('not_found', `no question has the id ${body.questionId}; send the questionId returned by /api/ask`);
        }
        return { ok: true };
      },
    },
    '/api/health': {
      GET: async () => {
        const s = getState();
        return {
          status: 'ok',
          mode: s.search.mode,
          ...(s.search.mode === 'lexical' ? { notice: lexicalNotice(s) } : {}),
          model: s.model.state === 'loaded' ? { state: 'loaded', ...s.model.info, loadMs: s.model.loadMs } : s.model,
          index: {
            builtAt: s.manifest.builtAt,
            model: s.manifest.model,
            entries: s.manifest.counts.entries,
            passages: s.manifest.counts.passages,
          },
        };
      },
    },
  };

  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = routes[url.pathname];
    if (!route) {
      if (url.pathname.startsWith('/api/')) return sendJson(res, new ApiError('not_found', `no API at ${url.pathname}; use /api/ask, /api/feedback or /api/health`));
      return serveStatic(req, res, () => notFound(res));
    }
    const handler = route[req.method ?? 'GET'];
    if (!handler) {
      res.setHeader('allow', Object.keys(route).join(', '));
      return sendJson(res, new ApiError('method_not_allowed', `${url.pathname} accepts ${Object.keys(route).join(', ')}, not ${req.method}`));
    }
    handler(req, res).then(
      (body) => sendJson(res, body),
      (e: unknown) => {
        if (e instanceof ApiError) return sendJson(res, e);
        log(`${req.method} ${url.pathname} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        sendJson(res, new ApiError('internal_error', 'the question could not be answered because of a server error; try again, and tell the IOC team if it persists'));
      },
    );
  });
}

function sendJson(res: ServerResponse, body: unknown) {
  const status = body instanceof ApiError ? body.status : 200;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function notFound(res: ServerResponse) {
  res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
  res.end('<!doctype html><html lang="vi"><meta charset="utf-8"><title>404</title><p>Không tìm thấy trang. <a href="/">Về trang chủ</a></p><p lang="en">Page not found. <a href="/en/">Home</a></p></html>');
}

/** Reads a JSON request body of at most `limit` bytes. */
async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) {
    throw new ApiError('unsupported_media_type', `send the body as JSON with "Content-Type: application/json" (got "${type || 'none'}")`);
  }
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new ApiError('payload_too_large', `the body is ${declared} bytes; send at most ${limit} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new ApiError('payload_too_large', `the body is over ${limit} bytes; send at most ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError('invalid_json', 'the body is not valid JSON; send e.g. {"question": "Làm giấy chứng tử cần những gì?"}');
  }
}
