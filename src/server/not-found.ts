import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';
import { ApiError } from './api-error.ts';
import { requestPath } from './access-log.ts';

const METHODS: HTTPMethods[] = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'];

/** Used only when the built site has no 404 page (an old build); the site's own page is preferred. */
const FALLBACK_PAGE =
  '<!doctype html><html lang="vi"><meta charset="utf-8"><title>404</title><p>Không tìm thấy trang. <a href="/">Về trang chủ</a></p><p lang="en">Page not found. <a href="/en/">Home</a></p></html>';

/**
 * What a request that matches no route gets: under `/api/`, a JSON 404 naming the APIs (or 405 with `Allow`
 * when the path exists for other methods); for the site, 405 to anything but GET and HEAD, else the site's
 * own 404 page (`404.html`, built by Astro from src/pages/404.astro) with status 404.
 */
export function createNotFoundHandler(app: FastifyInstance, siteDir: string) {
  const pageFile = path.join(siteDir, '404.html');
  const page = existsSync(pageFile) ? readFileSync(pageFile) : FALLBACK_PAGE;
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const urlPath = requestPath(request.url);
    if (urlPath === '/api' || urlPath.startsWith('/api/')) {
      const allowed = METHODS.filter((method) => app.hasRoute({ method, url: urlPath }));
      if (allowed.length > 0) {
        throw new ApiError('method_not_allowed', `${urlPath} accepts ${allowed.join(', ')}, not ${request.method}`, {
          headers: { allow: allowed.join(', ') },
        });
      }
      throw new ApiError('not_found', `no API at ${urlPath}; use /api/ask, /api/feedback or /api/health`);
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      throw new ApiError('method_not_allowed', `the site's pages are read with GET or HEAD, not ${request.method}`, {
        headers: { allow: 'GET, HEAD' },
      });
    }
    return reply.code(404).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(page);
  };
}
