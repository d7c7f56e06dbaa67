// Compiled schemas for Segment Spec calls, plus the limit checks a schema cannot express (depth, total size).
// Validation reports the first problem with the field it concerns, e.g. `batch[3].properties.price`.

import Type from 'typebox';
import { Compile } from 'typebox/compile';
import { CALL_TYPES, type CallType, type JsonValue, type SegmentCall } from './event.js';
import { WaymarkError, err, ok, type Result } from './errors.js';
import type { IngestLimits } from './limits.js';

function callSchema(limits: IngestLimits) {
  const id = Type.Union([Type.String({ maxLength: limits.maxIdLength }), Type.Number()]);
  const time = Type.Union([Type.String({ maxLength: 64 }), Type.Number()]);
  const obj = Type.Record(Type.String(), Type.Unknown());
  return Type.Object({
    type: Type.Enum(CALL_TYPES),
    messageId: Type.Optional(Type.String({ maxLength: limits.maxIdLength })),
    anonymousId: Type.Optional(Type.Union([id, Type.Null()])),
    userId: Type.Optional(Type.Union([id, Type.Null()])),
    event: Type.Optional(Type.String({ maxLength: limits.maxEventNameLength })),
    name: Type.Optional(Type.Union([Type.String({ maxLength: limits.maxEventNameLength }), Type.Null()])),
    category: Type.Optional(Type.Union([Type.String({ maxLength: limits.maxEventNameLength }), Type.Null()])),
    properties: Type.Optional(obj),
    traits: Type.Optional(obj),
    context: Type.Optional(obj),
    integrations: Type.Optional(obj),
    timestamp: Type.Optional(time),
    originalTimestamp: Type.Optional(time),
    sentAt: Type.Optional(time),
    receivedAt: Type.Optional(time),
    groupId: Type.Optional(Type.Union([id, Type.Null()])),
    previousId: Type.Optional(Type.Union([id, Type.Null()])),
  });
}

export interface CallValidator {
  /** Validates one call. `impliedType` fills `type` for the single-call endpoints (`/v1/track`...). */
  validate(raw: unknown, fieldPrefix: string, impliedType?: CallType): Result<SegmentCall, WaymarkError>;
}

export function createCallValidator(limits: IngestLimits): CallValidator {
  const compiled = Compile(callSchema(limits));
  return {
    validate(raw, fieldPrefix, impliedType) {
      const at = (path: string): string =>
        fieldPrefix === '' ? path : path === '' ? fieldPrefix : `${fieldPrefix}.${path}`;
      if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
        return err(new WaymarkError('invalid_event', 'an event must be a JSON object', { field: at('') }));
      }
      let call = raw as Record<string, unknown>;
      if (impliedType !== undefined) {
        if (call['type'] !== undefined && call['type'] !== impliedType) {
          return err(
            new WaymarkError('invalid_event', `type must be "${impliedType}" on this endpoint`, { field: at('type') }),
          );
        }
        call = { ...call, type: impliedType };
      }
      if (!compiled.Check(call)) {
        const [first] = compiled.Errors(call).filter((e) => e.keyword !== 'anyOf');
        // A missing property is reported on its parent object; name the property itself.
        const missing = first?.keyword === 'required' ? first.params.requiredProperties[0] : undefined;
        const pointer = missing === undefined ? first?.instancePath : `${first?.instancePath ?? ''}/${missing}`;
        const path = pointer === undefined ? '' : pointerToPath(pointer);
        const message =
          path === 'type' && first?.keyword !== 'required'
            ? `type must be one of ${CALL_TYPES.join(', ')}`
            : first
              ? `${path || 'event'} ${describe(first.keyword, first.message)}`
              : 'invalid event';
        return err(new WaymarkError('invalid_event', message, { field: at(path) }));
      }
      for (const key of ['properties', 'traits', 'context'] as const) {
        const problem = checkShape(call[key] as JsonValue | undefined, key, limits, 1);
        if (problem) return err(new WaymarkError('invalid_event', problem.message, { field: at(problem.path) }));
      }
      return ok(dropNulls(call) as unknown as SegmentCall);
    },
  };
}

function describe(keyword: string, message: string): string {
  if (keyword === 'required') return 'is required';
  return message;
}

/** `/properties/price` -> `properties.price`; `/items/0` -> `items[0]`. */
export function pointerToPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, part) => (/^\d+$/.test(part) ? `${acc}[${part}]` : acc === '' ? part : `${acc}.${part}`), '');
}

interface ShapeProblem {
  path: string;
  message: string;
}

function checkShape(
  value: JsonValue | undefined,
  path: string,
  limits: IngestLimits,
  depth: number,
): ShapeProblem | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') {
    return value.length > limits.maxStringLength
      ? { path, message: `${path} is longer than ${limits.maxStringLength} characters` }
      : undefined;
  }
  if (typeof value === 'number') {
    return Number.isFinite(value) ? undefined : { path, message: `${path} must be a finite number` };
  }
  if (typeof value !== 'object') return undefined;
  if (depth > limits.maxDepth) return { path, message: `${path} is nested deeper than ${limits.maxDepth} levels` };
  if (Array.isArray(value)) {
    if (value.length > limits.maxKeys) return { path, message: `${path} has more than ${limits.maxKeys} items` };
    for (let i = 0; i < value.length; i++) {
      const p = checkShape(value[i], `${path}[${i}]`, limits, depth + 1);
      if (p) return p;
    }
    return undefined;
  }
  const keys = Object.keys(value);
  if (keys.length > limits.maxKeys) return { path, message: `${path} has more than ${limits.maxKeys} keys` };
  for (const key of keys) {
    if (key.length > limits.maxEventNameLength) {
      return {
        path: `${path}.${key.slice(0, 32)}`,
        message: `a key in ${path} is longer than ${limits.maxEventNameLength} characters`,
      };
    }
    const p = checkShape(value[key], `${path}.${key}`, limits, depth + 1);
    if (p) return p;
  }
  return undefined;
}

/** Segment libraries send `null` for absent ids; treat it as absent. */
function dropNulls(call: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(call)) if (v !== null) out[k] = v;
  return out;
}
