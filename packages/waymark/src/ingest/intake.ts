// Turns the calls of one request into events ready for the log: validation, normalization and size limits, with
// each rejected call reported by index and reason while the good ones go on.

import type { CallType, IncomingEvent } from '../core/event.js';
import type { IngestLimits } from '../core/limits.js';
import { normalizeCall } from '../core/normalize.js';
import type { CallValidator } from '../core/schema.js';

export interface Rejection {
  index: number;
  code: string;
  field: string;
  message: string;
}

export interface IntakeOutcome {
  events: IncomingEvent[];
  rejected: Rejection[];
}

export interface IntakeOptions {
  projectId: string;
  receivedAt: number;
  batchSentAt?: string | number | undefined;
  correctSkew: boolean;
  validator: CallValidator;
  limits: IngestLimits;
  newMessageId: () => string;
  /** `batch` for batch bodies (fields read `batch[3].event`); '' for a single call. */
  fieldPrefix: string;
  impliedType?: CallType;
  /** Index of the first call, for callers that feed a long stream in slices. */
  firstIndex?: number;
}

export function intakeCalls(calls: readonly unknown[], options: IntakeOptions): IntakeOutcome {
  const events: IncomingEvent[] = [];
  const rejected: Rejection[] = [];
  const base = options.firstIndex ?? 0;
  for (let i = 0; i < calls.length; i++) {
    const index = base + i;
    const prefix = options.fieldPrefix === '' ? '' : `${options.fieldPrefix}[${index}]`;
    const reject = (code: string, field: string, message: string) => rejected.push({ index, code, field, message });
    const valid = options.validator.validate(calls[i], prefix, options.impliedType);
    if (!valid.ok) {
      reject(valid.error.code, valid.error.field ?? prefix, valid.error.message);
      continue;
    }
    const normalized = normalizeCall(valid.value, {
      projectId: options.projectId,
      receivedAt: options.receivedAt,
      batchSentAt: options.batchSentAt,
      correctSkew: options.correctSkew,
      newMessageId: options.newMessageId,
      fieldPrefix: prefix,
    });
    if (!normalized.ok) {
      reject(normalized.error.code, normalized.error.field ?? prefix, normalized.error.message);
      continue;
    }
    const e = normalized.value;
    const limit = options.limits.maxEventBytes;
    let size = e.properties.length + e.traits.length + e.context.length;
    // Characters are a lower bound on UTF-8 bytes, and a third of an upper bound: count bytes only in between.
    if (size <= limit && size * 3 > limit) {
      size = Buffer.byteLength(e.properties) + Buffer.byteLength(e.traits) + Buffer.byteLength(e.context);
    }
    if (size > limit) {
      const field = prefix === '' ? 'properties' : `${prefix}.properties`;
      reject(
        'payload_too_large',
        field,
        `properties, traits and context take ${size} bytes or more; the limit is ${limit}`,
      );
      continue;
    }
    events.push(e);
  }
  return { events, rejected };
}
