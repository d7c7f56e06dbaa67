// Hand-written checks of JSON definitions whose errors name the field at fault, e.g.
// `rules[1].strategy.type must be one of variant, split, experiment, bandit`. Each returns the checked value.

import { WaymarkError } from './errors.js';
import { parseTime } from './time.js';

export function fail(field: string, message: string): never {
  throw new WaymarkError('invalid_request', `${field} ${message}`, { field });
}

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** `value` must be an object; returns it. */
export function object(value: unknown, field: string): Record<string, unknown> {
  if (!isObject(value)) fail(field, 'must be an object');
  return value;
}

/** Refuses keys other than `allowed`. */
export function only(value: Record<string, unknown>, field: string, allowed: readonly string[]): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) fail(`${field}.${key}`, `is not a field here; the fields are ${allowed.join(', ')}`);
  }
}

export function text(value: unknown, field: string, max = 255): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > max)
    fail(field, `must be a non-empty string of at most ${max} characters`);
  return value;
}

export function oneOf<T extends string>(value: unknown, field: string, options: readonly T[]): T {
  if (typeof value !== 'string' || !options.includes(value as T)) fail(field, `must be one of ${options.join(', ')}`);
  return value as T;
}

export function finite(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(field, 'must be a number');
  return value;
}

/** A number in [min, max]. */
export function between(value: unknown, field: string, min: number, max: number): number {
  const n = finite(value, field);
  if (n < min || n > max) fail(field, `must be between ${min} and ${max}`);
  return n;
}

export function isoTime(value: unknown, field: string): string {
  if (typeof value !== 'string' || parseTime(value) === undefined) fail(field, 'must be an ISO-8601 date or time');
  return value;
}

/** A list of at most `max` items, each checked by `item` with its index in the field name. */
export function list<T>(value: unknown, field: string, max: number, item: (v: unknown, at: string) => T): T[] {
  if (!Array.isArray(value) || value.length > max) fail(field, `must be a list of at most ${max} items`);
  return value.map((v, i) => item(v, `${field}[${i}]`));
}

/** An id: 1 to 64 of a-z, 0-9, "-" and "_". */
export function id(value: unknown, field: string): string {
  if (typeof value !== 'string' || !/^[a-z0-9_-]{1,64}$/.test(value))
    fail(field, 'must be 1 to 64 of a-z, 0-9, "-" and "_"');
  return value;
}
