import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ApiError } from './api-error.ts';
import { describeIssues } from './ask-request.ts';
import { requestPath } from './access-log.ts';
import { errorPage, isFormPost, type PageShell } from './html-pages.ts';
import { requestLang } from './request-lang.ts';

const ASK_EXAMPLE = '{"question": "Làm giấy chứng tử cần những gì?"}';

/**
 * Every failure as the API's error: ours as they are, Fastify's parsing and validation errors with the
 * messages the API documents, anything else as `internal_error` (logged with its stack; the client sees no
 * detail).
 */
export function toApiError(error: FastifyError | Error, request: FastifyRequest, maxBodyBytes: number): ApiError {
  if (error instanceof ApiError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = error.validation.map((v) => ({
      code: v.keyword,
      path: v.instancePath.split('/').filter(Boolean),
      message: v.message ?? '',
      keys: (v.params as { keys?: string[] }).keys,
    }));
    return new ApiError('invalid_request', describeIssues(issues));
  }
  const code = 'code' in error ? error.code : undefined;
  switch (code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ApiError(
        'unsupported_media_type',
        `send the body as JSON with "Content-Type: application/json" (got "${request.headers['content-type'] || 'none'}")`,
      );
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new ApiError('invalid_json', `the body is not valid JSON; send e.g. ${ASK_EXAMPLE}`);
    case 'FST_ERR_CTP_BODY_TOO_LARGE': {
      const declared = Number(request.headers['content-length']);
      return new ApiError(
        'payload_too_large',
        Number.isFinite(declared) && declared > maxBodyBytes
          ? `the body is ${declared} bytes; send at most ${maxBodyBytes} bytes`
          : `the body is over ${maxBodyBytes} bytes; send at most ${maxBodyBytes} bytes`,
      );
    }
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new ApiError(
        'bad_request',
        'the body is not as long as its Content-Length header says; send the whole body with its true length',
      );
    case 'FST_ERR_BAD_URL':
      return new ApiError(
        'bad_request',
        `${JSON.stringify(requestPath(request.url))} is not a valid address; send a path such as /api/ask, with each "%" followed by two hex digits`,
      );
  }
  const status = 'statusCode' in error ? Number(error.statusCode) : 500;
  if (status >= 400 && status < 500)
    return new ApiError('bad_request', `the request cannot be handled (${error.message}); check the address, headers and body`);
  return new ApiError(
    'internal_error',
    'the request could not be completed because of a server error; try again, and tell the IOC team if it persists',
    { cause: error },
  );
}

/**
 * Fastify's error handler: a JSON error body (or, for a form posted without JavaScript, a plain HTML page
 * saying the same), the error's own headers, and a log line with the stack for server errors.
 */
export function createErrorHandler(options: { maxBodyBytes: number; shell: PageShell }) {
  return (error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) => {
    // The static file server refuses some paths itself (403 for `..` or a mis-spelled path): to a visitor,
    // they are pages that do not exist.
    if (!(error instanceof ApiError) && 'statusCode' in error && error.statusCode === 403 && request.routeOptions?.url === '/*') {
      return reply.callNotFound();
    }
    const apiError = toApiError(error, request, options.maxBodyBytes);
    if (apiError.status >= 500) request.log.error({ err: error }, `${request.method} ${requestPath(request.url)} failed`);
    reply.code(apiError.status).headers({ ...apiError.headers, 'cache-control': 'no-store' });
    if (isFormPost(request)) {
      const question = (request.body as { question?: unknown } | undefined)?.question;
      return reply
        .type('text/html; charset=utf-8')
        .send(errorPage(apiError, requestLang(request), options.shell, typeof question === 'string' ? question : ''));
    }
    return reply.type('application/json; charset=utf-8').send(apiError.toJSON());
  };
}
