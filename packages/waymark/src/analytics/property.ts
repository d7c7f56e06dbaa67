// Properties as analyses refer to them: event properties (the event's JSON properties, or a column derived at ingest
// such as `$channel`) and person properties (a trait's latest value). Compiled to ClickHouse expressions over the
// aliases `ev` (events) and `pp` (person properties, see event-query.ts), values always bound.

import Type from 'typebox';
import type { ParamBinder } from './sql-params.js';

export const FILTER_OPS = [
  'eq',
  'neq',
  'gt',
  'gte',
  'lt',
  'lte',
  'contains',
  'not_contains',
  'regex',
  'in',
  'not_in',
  'is_set',
  'is_not_set',
] as const;
export type FilterOp = (typeof FILTER_OPS)[number];
export type Scalar = string | number | boolean;

export interface PropertyRef {
  /** `event` (default): a property of the event; `person`: a trait of the person, latest value. */
  on?: 'event' | 'person';
  property: string;
}

export interface PropertyFilter extends PropertyRef {
  op: FilterOp;
  value?: Scalar | Scalar[];
}

const scalar = Type.Union([Type.String({ maxLength: 1000 }), Type.Number(), Type.Boolean()]);

export const PropertyRefSchema = Type.Object(
  {
    on: Type.Optional(Type.Union([Type.Literal('event'), Type.Literal('person')])),
    property: Type.String({ minLength: 1, maxLength: 255 }),
  },
  { additionalProperties: false },
);

export const PropertyFilterSchema = Type.Object(
  {
    on: Type.Optional(Type.Union([Type.Literal('event'), Type.Literal('person')])),
    property: Type.String({ minLength: 1, maxLength: 255 }),
    op: Type.Enum(FILTER_OPS),
    value: Type.Optional(Type.Union([scalar, Type.Array(scalar, { maxItems: 1000 })])),
  },
  { additionalProperties: false },
);

/**
 * Columns derived at ingest, addressed with a `$` prefix so they never shadow an event property of the same name
 * (`channel` in a support ticket's properties is not the marketing `$channel`). `utm_*` also work without it.
 */
export const DERIVED_COLUMNS: Record<string, { column: string; kind: 'string' | 'number' }> = {
  $event: { column: 'event', kind: 'string' },
  $type: { column: 'type', kind: 'string' },
  $distinct_id: { column: 'distinct_id', kind: 'string' },
  $channel: { column: 'channel', kind: 'string' },
  $utm_source: { column: 'source', kind: 'string' },
  $utm_medium: { column: 'medium', kind: 'string' },
  $utm_campaign: { column: 'campaign', kind: 'string' },
  $utm_term: { column: 'term', kind: 'string' },
  $utm_content: { column: 'content', kind: 'string' },
  $referrer_domain: { column: 'referrer_domain', kind: 'string' },
  $url: { column: 'url', kind: 'string' },
  $path: { column: 'path', kind: 'string' },
  $device_type: { column: 'device_type', kind: 'string' },
  $os: { column: 'os', kind: 'string' },
  $browser: { column: 'browser', kind: 'string' },
  $country: { column: 'country', kind: 'string' },
  $locale: { column: 'locale', kind: 'string' },
  $revenue: { column: 'revenue', kind: 'number' },
  $currency: { column: 'currency', kind: 'string' },
};

/** A property's value as SQL: a plain string or number column, or raw JSON text ('' when absent). */
export interface ValueSql {
  sql: string;
  kind: 'string' | 'number' | 'raw';
}

/** Registers the person properties a query needs; event-query.ts turns them into the `pp` join. */
export interface PersonProperties {
  /** The `pp` column holding the latest raw JSON value of `path` (keys of the traits object). */
  column(path: readonly string[]): string;
}

/** `a.b.0` -> JSON keys `a`, `b`, index 1 (ClickHouse counts array positions from 1). */
export function propertyPath(property: string): (string | number)[] {
  return property.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) + 1 : part));
}

/** Bound JSON key arguments for `JSONExtract*(json, ...)`. */
export function jsonKeysSql(path: readonly (string | number)[], binder: ParamBinder): string {
  return path.map((k) => (typeof k === 'number' ? binder.bind(k, 'Int64') : binder.string(k))).join(', ');
}

export function propertyValueSql(ref: PropertyRef, binder: ParamBinder, persons: PersonProperties): ValueSql {
  if (ref.on === 'person') return { sql: persons.column(ref.property.split('.')), kind: 'raw' };
  const derived = DERIVED_COLUMNS[ref.property] ?? DERIVED_COLUMNS[`$${ref.property}`];
  if (derived && (ref.property.startsWith('$') || ref.property.startsWith('utm_'))) {
    return { sql: `ev.${derived.column}`, kind: derived.kind };
  }
  return {
    sql: `JSONExtractRaw(ev.properties, ${jsonKeysSql(propertyPath(ref.property), binder)})`,
    kind: 'raw',
  };
}

/** The value as text: JSON strings unquoted, other JSON values as written, '' when absent. */
export function asStringSql(v: ValueSql): string {
  if (v.kind === 'string') return v.sql;
  if (v.kind === 'number') return `toString(${v.sql})`;
  return `if(startsWith(${v.sql}, '"'), JSONExtractString(${v.sql}), ${v.sql})`;
}

/** The value as a number, NULL when it is not one (numeric strings count). */
export function asNumberSql(v: ValueSql): string {
  if (v.kind === 'number') return v.sql;
  return `toFloat64OrNull(${asStringSql(v)})`;
}

function isSetSql(v: ValueSql): string {
  if (v.kind === 'string') return `${v.sql} != ''`;
  if (v.kind === 'number') return `${v.sql} != 0`;
  return `${v.sql} NOT IN ('', 'null')`;
}

function equalsSql(v: ValueSql, value: Scalar, binder: ParamBinder): string {
  if (typeof value === 'number') return `${asNumberSql(v)} = ${binder.bind(value, 'Float64')}`;
  if (typeof value === 'boolean') {
    return v.kind === 'raw' ? `${v.sql} = '${value ? 'true' : 'false'}'` : `${asStringSql(v)} = '${value}'`;
  }
  return `${asStringSql(v)} = ${binder.string(value)}`;
}

/** One filter as a boolean SQL condition. Assumes a checked filter (see `checkFilter`). */
export function filterSql(f: PropertyFilter, binder: ParamBinder, persons: PersonProperties): string {
  return filterValueSql(f, propertyValueSql(f, binder, persons), binder);
}

/** A filter's op and value applied to any value expression (e.g. an aggregate of a property). */
export function filterValueSql(f: Pick<PropertyFilter, 'op' | 'value'>, v: ValueSql, binder: ParamBinder): string {
  const values = Array.isArray(f.value) ? f.value : f.value === undefined ? [] : [f.value];
  const first = values[0] ?? '';
  switch (f.op) {
    case 'is_set':
      return isSetSql(v);
    case 'is_not_set':
      return `NOT (${isSetSql(v)})`;
    case 'eq':
    case 'in':
      return values.length === 1
        ? equalsSql(v, first, binder)
        : `(${values.map((x) => equalsSql(v, x, binder)).join(' OR ')})`;
    case 'neq':
    case 'not_in':
      return `NOT (${values.map((x) => equalsSql(v, x, binder)).join(' OR ') || '0'})`;
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const op = { gt: '>', gte: '>=', lt: '<', lte: '<=' }[f.op];
      return `ifNull(${asNumberSql(v)} ${op} ${binder.bind(Number(first), 'Float64')}, 0)`;
    }
    case 'contains':
      return `positionCaseInsensitiveUTF8(${asStringSql(v)}, ${binder.string(String(first))}) > 0`;
    case 'not_contains':
      return `positionCaseInsensitiveUTF8(${asStringSql(v)}, ${binder.string(String(first))}) = 0`;
    case 'regex':
      return `match(${asStringSql(v)}, ${binder.string(String(first))})`;
  }
}

/** Semantic checks of a filter at `field`; returns a message or undefined. */
export function filterProblem(f: PropertyFilter): string | undefined {
  const values = Array.isArray(f.value) ? f.value : f.value === undefined ? [] : [f.value];
  if (f.op === 'is_set' || f.op === 'is_not_set') return undefined;
  if (values.length === 0) return `needs a value for op "${f.op}"`;
  if ((f.op === 'in' || f.op === 'not_in') !== Array.isArray(f.value) && values.length > 1) {
    return `takes a single value for op "${f.op}"; use "in" for a list`;
  }
  if (['gt', 'gte', 'lt', 'lte'].includes(f.op) && !Number.isFinite(Number(values[0]))) {
    return `needs a number for op "${f.op}"`;
  }
  if (f.op === 'regex') {
    try {
      new RegExp(String(values[0]));
    } catch {
      return `is not a valid regular expression: ${String(values[0])}`;
    }
  }
  return undefined;
}
