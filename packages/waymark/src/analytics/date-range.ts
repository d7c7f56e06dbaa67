// The time range of an analysis: explicit ISO times or "the last N units" up to now. `to` is exclusive.

import Type from 'typebox';
import { parseTime } from '../core/time.js';
import { ensure } from './spec-check.js';
import { TIME_UNITS, addDuration, type Duration } from './time-units.js';

export interface RangeSpec {
  from?: string;
  to?: string;
  /** The last N units before `to` (default: now); used when `from` is absent. */
  last?: Duration;
}

export interface TimeRange {
  from: number;
  to: number;
}

export const DurationSchema = Type.Object(
  {
    value: Type.Integer({ minimum: 1, maximum: 100_000 }),
    unit: Type.Enum(TIME_UNITS),
  },
  { additionalProperties: false },
);

export const RangeSchema = Type.Object(
  {
    from: Type.Optional(Type.String({ maxLength: 64 })),
    to: Type.Optional(Type.String({ maxLength: 64 })),
    last: Type.Optional(DurationSchema),
  },
  { additionalProperties: false },
);

export const DEFAULT_RANGE: Duration = { value: 30, unit: 'day' };

/** Resolves a range spec against `now`; throws `invalid_request` naming `field` for bad times. */
export function resolveRange(spec: RangeSpec | undefined, now: number, field = 'range'): TimeRange {
  const time = (value: string | undefined, name: string): number | undefined => {
    if (value === undefined) return undefined;
    const t = parseTime(value);
    ensure(t !== undefined, `${field}.${name}`, `is not an ISO-8601 date or time: "${value}"`);
    return t;
  };
  const to = time(spec?.to, 'to') ?? now;
  let from = time(spec?.from, 'from');
  ensure(!(from !== undefined && spec?.last !== undefined), field, 'takes either "from" or "last", not both');
  if (from === undefined) {
    const last = spec?.last ?? DEFAULT_RANGE;
    from = addDuration(to, { value: -last.value, unit: last.unit });
  }
  ensure(from < to, field, 'must end after it starts');
  return { from, to };
}
