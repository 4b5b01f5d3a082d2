import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyBaseLogger } from 'fastify';
import { ApiError } from './api-error.ts';

/** Node's errors for requests it could not even parse, as the API's error. */
function describe(error: NodeJS.ErrnoException): ApiError {
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return new ApiError(
      'request_timeout',
      'the request took too long to arrive (HANDBOOK_HEADERS_TIMEOUT / HANDBOOK_REQUEST_TIMEOUT); send it again in one go',
    );
  }
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    return new ApiError(
      'headers_too_large',
      'the request headers are larger than 16 KB; send fewer or shorter headers (cookies for this address, for example)',
    );
  }
  return new ApiError(
    'bad_request',
    `the request could not be read (${error.code ?? 'malformed HTTP'}); send a well-formed HTTP/1.1 request`,
  );
}

/**
 * Fastify's `clientErrorHandler`: answers a request Node could not parse (a bad Content-Length, headers
 * too large, a client too slow to send its headers) with the API's JSON error instead of an empty body, then
 * closes the connection.
 */
export function answerClientError(log: FastifyBaseLogger) {
  return (error: NodeJS.ErrnoException, socket: Socket): void => {
    // A reset connection has nobody left to answer.
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const apiError = describe(error);
    log.info({ code: error.code, statusCode: apiError.status }, 'unreadable request');
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    const body = JSON.stringify(apiError.toJSON());
    socket.end(
      `HTTP/1.1 ${apiError.status} ${STATUS_CODES[apiError.status]}\r\n` +
        'Content-Type: application/json; charset=utf-8\r\nX-Content-Type-Options: nosniff\r\nCache-Control: no-store\r\nConnection: close\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  };
}
