// The one error type of Waymark's boundaries: a stable machine-readable code, a human message and, where it
// applies, the offending field. The API maps `code` to an HTTP status in one place (api/errors.ts).

export type ErrorCode =
  | 'invalid_json'
  | 'invalid_request'
  | 'invalid_event'
  | 'payload_too_large'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'overloaded'
  | 'unavailable'
  | 'data_dir_in_use'
  | 'query_too_large'
  | 'query_timeout'
  | 'cancelled'
  | 'internal';

export class WaymarkError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  /** Seconds a client should wait before retrying, for `overloaded` and `unavailable`. */
  readonly retryAfter: number | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { field?: string; retryAfter?: number; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'WaymarkError';
    this.code = code;
    this.field = options.field;
    this.retryAfter = options.retryAfter;
  }

  toJSON(): { code: ErrorCode; message: string; field?: string } {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, field: this.field };
  }
}

/** An expected failure as a value: callers branch on `ok` instead of catching. */
export type Result<T, E = WaymarkError> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = <E>(error: E): Result<never, E> => ({ ok: false, error });
