/** Stable error codes of the JSON API, each with its HTTP status. */
export const API_ERRORS = {
  /** The request could not be read at all: a malformed request line, header or URL. */
  bad_request: 400,
  invalid_json: 400,
  invalid_request: 400,
  /** An IOC dashboard API called without a session (sign in at /ioc/). */
  unauthorized: 401,
  /** An IOC dashboard action without the session's CSRF token, or from another site. */
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  /** The client took longer than HANDBOOK_HEADERS_TIMEOUT / HANDBOOK_REQUEST_TIMEOUT to send its request. */
  request_timeout: 408,
  /** Feedback on an answer older than the feedback token's 24 hours. */
  feedback_expired: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  /** The request headers are larger than Node's limit (16 KB). */
  headers_too_large: 431,
  internal_error: 500,
  /** The question log cannot be written, so feedback cannot be kept (answers still work). */
  question_log_unavailable: 503,
  index_unavailable: 503,
} as const;

export type ApiErrorCode = keyof typeof API_ERRORS;

/** An error the API reports as `{ "error": { "code", "message" } }` with the code's status. */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly status: number;
  /** Response headers that belong to the error, e.g. `allow` on a 405 or `retry-after` on a 429. */
  readonly headers: Readonly<Record<string, string>>;
  constructor(code: ApiErrorCode, message: string, options?: { cause?: unknown; headers?: Record<string, string> }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ApiError';
    this.code = code;
    this.status = API_ERRORS[code];
    this.headers = options?.headers ?? {};
  }

  toJSON() {
    return { error: { code: this.code, message: this.message } };
  }
}
