/** Stable error codes of the JSON API, each with its HTTP status. */
export const API_ERRORS = {
  invalid_json: 400,
  invalid_request: 400,
  not_found: 404,
  method_not_allowed: 405,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal_error: 500,
  index_unavailable: 503,
} as const;

export type ApiErrorCode = keyof typeof API_ERRORS;

/** An error the API reports as `{ "error": { "code", "message" } }` with the code's status. */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly status: number;
  constructor(code: ApiErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ApiError';
    this.code = code;
    this.status = API_ERRORS[code];
  }

  toJSON() {
    return { error: { code: this.code, message: this.message } };
  }
}
