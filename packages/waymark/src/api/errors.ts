// Maps Waymark's error codes to HTTP, in one place, and renders every error as `{ "error": { code, message, field } }`.

import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { WaymarkError, type ErrorCode } from '../core/errors.js';

const STATUS: Record<ErrorCode, number> = {
  invalid_json: 400,
  invalid_request: 400,
  invalid_event: 400,
  payload_too_large: 413,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  overloaded: 429,
  unavailable: 503,
  data_dir_in_use: 409,
  query_too_large: 422,
  query_timeout: 504,
  cancelled: 499,
  internal: 500,
};

export function statusFor(code: ErrorCode): number {
  return STATUS[code];
}

/** Fastify's own errors (bad JSON, body too large, schema) in Waymark's shape. */
function fromFastify(error: FastifyError): WaymarkError {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new WaymarkError('invalid_json', `the body is not valid JSON: ${error.message}`, { field: 'body' });
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new WaymarkError('payload_too_large', error.message, { field: 'body' });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new WaymarkError('invalid_request', 'send the body as application/json', { field: 'content-type' });
    case 'FST_ERR_VALIDATION':
      return new WaymarkError('invalid_request', error.message, {
        field: error.validation?.[0]?.instancePath.slice(1) ?? '',
      });
    default:
      if (error instanceof SyntaxError || (error.statusCode === 400 && /JSON/.test(error.message))) {
        return new WaymarkError('invalid_json', `the body is not valid JSON: ${error.message}`, { field: 'body' });
      }
      if (error.statusCode !== undefined && error.statusCode < 500) {
        return new WaymarkError(error.statusCode === 413 ? 'payload_too_large' : 'invalid_request', error.message);
      }
      return new WaymarkError('internal', 'internal error', { cause: error });
  }
}

export function errorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const wm = error instanceof WaymarkError ? error : fromFastify(error as FastifyError);
  if (wm.code === 'internal') request.log.error({ err: error }, 'request failed');
  if (wm.retryAfter !== undefined) void reply.header('Retry-After', String(wm.retryAfter));
  const rejected = (wm as { rejected?: unknown }).rejected;
  void reply
    .status(statusFor(wm.code))
    .send(rejected === undefined ? { error: wm.toJSON() } : { error: wm.toJSON(), rejected });
}
