// Specs that are a funnel plus a few fields of their own (conversion trend, drop-off, person lists): the extra
// fields are checked by their own schema, the rest as a funnel spec, so errors still name the field.

import type { TObject } from 'typebox';
import { WaymarkError } from '../../core/errors.js';
import { specChecker } from '../spec-check.js';
import { parseFunnelSpec, type FunnelSpec } from './funnel-spec.js';

export function funnelVariantParser<E>(extra: TObject, what: string): (raw: unknown) => FunnelSpec & E {
  const checker = specChecker<E>(extra, what);
  const own = new Set(Object.keys(extra.properties));
  return (raw) => {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      throw new WaymarkError('invalid_request', `the ${what} spec must be a JSON object`, { field: 'spec' });
    }
    const mine: Record<string, unknown> = {};
    const funnel: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(raw)) (own.has(k) ? mine : funnel)[k] = v;
    return { ...parseFunnelSpec(funnel), ...checker.check(mine) };
  };
}
