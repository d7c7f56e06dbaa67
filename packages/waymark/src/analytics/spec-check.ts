// Checks an analysis spec against its compiled TypeBox schema and turns the first problem into an error that names
// the field, e.g. `steps[1].where[0].op must be one of eq, neq, ...`.

import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { WaymarkError } from '../core/errors.js';
import { pointerToPath } from '../core/schema.js';

export interface SpecChecker<T> {
  /** Returns the spec typed, or throws `invalid_request` naming the offending field. */
  check(raw: unknown): T;
}

export function specChecker<T>(schema: TSchema, what: string): SpecChecker<T> {
  const compiled = Compile(schema);
  return {
    check(raw) {
      if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
        throw new WaymarkError('invalid_request', `the ${what} spec must be a JSON object`, { field: 'spec' });
      }
      if (compiled.Check(raw)) return raw as T;
      const errors = compiled.Errors(raw);
      // Unions report on every branch; the most specific error (deepest path) says the most.
      const candidates = errors.filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'oneOf');
      const pool = candidates.length > 0 ? candidates : errors;
      const first = pool.reduce<(typeof pool)[number] | undefined>(
        (best, e) => (best === undefined || e.instancePath.length > best.instancePath.length ? e : best),
        undefined,
      );
      if (first === undefined) throw new WaymarkError('invalid_request', `invalid ${what} spec`, { field: 'spec' });
      const params = first.params as { requiredProperties?: string[]; additionalProperties?: string[] };
      let pointer = first.instancePath;
      let message: string;
      if (first.keyword === 'required') {
        pointer = `${pointer}/${params.requiredProperties?.[0] ?? ''}`;
        message = 'is required';
      } else if (first.keyword === 'additionalProperties') {
        pointer = `${pointer}/${params.additionalProperties?.[0] ?? ''}`;
        message = 'is not a field of this spec (check the spelling)';
      } else if (first.keyword === 'enum' || first.keyword === 'const') {
        // A choice of words (an enum, or a union of literals, whose branches each report their one allowed value).
        const allowed =
          first.keyword === 'enum'
            ? ((first.params as { allowedValues?: unknown[] }).allowedValues ?? [])
            : errors
                .filter((e) => e.keyword === 'const' && e.instancePath === first.instancePath)
                .map((e) => (e.params as { allowedValue?: unknown }).allowedValue);
        message = allowed.length > 0 ? `must be one of ${allowed.join(', ')}` : first.message;
      } else {
        message = first.message;
      }
      const path = pointerToPath(pointer) || 'spec';
      throw new WaymarkError('invalid_request', `${path} ${message}`, { field: path });
    },
  };
}

/** Throws `invalid_request` for `field` unless `condition` holds: the semantic checks a schema cannot express. */
export function ensure(condition: boolean, field: string, message: string): asserts condition {
  if (!condition) throw new WaymarkError('invalid_request', `${field} ${message}`, { field });
}
