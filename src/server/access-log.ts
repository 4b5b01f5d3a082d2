import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

/** The path of a request target without its query string, cut to a length a log line can carry. */
export function requestPath(url: string): string {
  const path = url.split('?', 1)[0] ?? '';
  return path.length > 200 ? `${path.slice(0, 200)}…` : path;
}

/**
 * One line per request, when its response has gone: method, path (never the query or the body, so never a
 * question), route, status, milliseconds and client address; `/api/ask` adds the answer's `mode`.
 */
export class AccessLog extends LogController {
  override incomingRequest(): void {}

  override routeNotFound(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const line = {
      method: request.method,
      url: requestPath(request.url),
      route: request.routeOptions.url,
      statusCode: reply.statusCode,
      responseTime: Math.round(reply.elapsedTime * 10) / 10,
      ip: request.ip,
    };
    // The ask route swaps in a child logger that carries `mode`, so log through the request's logger.
    if (error) request.log.error({ ...line, err: error }, 'request errored');
    else request.log.info(line, 'request completed');
  }
}
