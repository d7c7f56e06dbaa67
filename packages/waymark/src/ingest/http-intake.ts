// The CPU-heavy part of an ingest request, from raw body text to event lines: JSON parsing, body shape, validation,
// normalization and serialization. It runs in a worker thread (intake-pool.ts) so the main thread only authenticates,
// appends to the log and stores batches. Lines are built without a project: the project is known only once the
// write key, possibly inside the body, has been checked, and it is prefixed then (the first column).

import { randomUUID } from 'node:crypto';
import secureJson from 'secure-json-parse';
import { summarize, type CallType, type EventSummary } from '../core/event.js';
import type { ErrorCode } from '../core/errors.js';
import type { IngestLimits } from '../core/limits.js';
import type { CallValidator } from '../core/schema.js';
import { eventLine, tsv } from '../warehouse/serialize.js';
import { intakeCalls, type Rejection } from './intake.js';

export interface IntakeRequest {
  /** The request body as text (after any gzip/deflate decoding). */
  body: string;
  /** Set for the single-call endpoints (`/v1/track`...); absent for `/v1/batch`. */
  impliedType?: CallType;
  receivedAt: number;
}

export interface IntakeError {
  code: ErrorCode;
  message: string;
  field: string;
  /** When every event of a batch was rejected. */
  rejected?: Rejection[];
}

export type IntakeResponse =
  | { ok: true; writeKey: string | undefined; lines: string[]; events: EventSummary[]; rejected: Rejection[] }
  | { ok: false; writeKey: string | undefined; error: IntakeError };

/** Completes a line from `intakeRequest` with its project. */
export function withProject(line: string, projectId: string): string {
  return `${tsv(projectId)}${line}`;
}

export function intakeRequest(request: IntakeRequest, validator: CallValidator, limits: IngestLimits): IntakeResponse {
  let body: unknown;
  try {
    // Rejects "__proto__" keys anywhere, as Fastify's own parser does: they would poison objects built from traits.
    body = secureJson.parse(request.body, undefined, { protoAction: 'error', constructorAction: 'ignore' });
  } catch (e) {
    const message = `the body is not valid JSON: ${(e as Error).message}`;
    return { ok: false, writeKey: undefined, error: { code: 'invalid_json', message, field: 'body' } };
  }
  const isObject = body !== null && typeof body === 'object' && !Array.isArray(body);
  const record = (isObject ? body : {}) as Record<string, unknown>;
  const writeKey = typeof record['writeKey'] === 'string' && record['writeKey'] !== '' ? record['writeKey'] : undefined;
  const fail = (code: ErrorCode, message: string, field: string, rejected?: Rejection[]): IntakeResponse => ({
    ok: false,
    writeKey,
    error: rejected ? { code, message, field, rejected } : { code, message, field },
  });
  const common = {
    projectId: '',
    receivedAt: request.receivedAt,
    correctSkew: true,
    validator,
    limits,
    newMessageId: randomUUID,
  };

  if (request.impliedType !== undefined) {
    const outcome = intakeCalls([body], { ...common, fieldPrefix: '', impliedType: request.impliedType });
    const rejected = outcome.rejected[0];
    if (rejected) return fail(rejected.code as ErrorCode, rejected.message, rejected.field);
    return {
      ok: true,
      writeKey,
      lines: outcome.events.map(eventLine),
      events: outcome.events.map(summarize),
      rejected: [],
    };
  }

  if (!isObject) return fail('invalid_request', 'the body must be a JSON object with a "batch" array', 'body');
  const { batch, sentAt } = record;
  if (!Array.isArray(batch)) return fail('invalid_request', '"batch" must be an array of events', 'batch');
  if (batch.length > limits.maxBatchEvents) {
    return fail('payload_too_large', `a batch may hold at most ${limits.maxBatchEvents} events`, 'batch');
  }
  const outcome = intakeCalls(batch, {
    ...common,
    batchSentAt: typeof sentAt === 'string' || typeof sentAt === 'number' ? sentAt : undefined,
    fieldPrefix: 'batch',
  });
  if (outcome.events.length === 0 && outcome.rejected.length > 0) {
    const message = `none of the ${outcome.rejected.length} events in the batch is valid; see "rejected"`;
    return fail('invalid_event', message, outcome.rejected[0]?.field ?? 'batch', outcome.rejected);
  }
  return {
    ok: true,
    writeKey,
    lines: outcome.events.map(eventLine),
    events: outcome.events.map(summarize),
    rejected: outcome.rejected,
  };
}
