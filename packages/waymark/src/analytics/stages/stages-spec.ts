// The stages analysis spec: a stage map (default: the e-commerce journey), the range whose end the current stages are
// taken at, and the first-touch properties stages are broken down by. Checked here so the compiler can trust it.

import { SegmentFieldSchema } from '../segment-filter.js';
import Type from 'typebox';
import { RangeSchema, resolveRange, type RangeSpec } from '../date-range.js';
import { DERIVED_COLUMNS } from '../property.js';
import { specChecker } from '../spec-check.js';
import { DEFAULT_STAGE_MAP, StageMapSchema, checkStageMap, type Stage } from './stage-map.js';

/** Derived columns a person can be broken down by (their value on the person's first event that has one). */
export const BREAKDOWN_PROPERTIES = Object.entries(DERIVED_COLUMNS)
  .filter(([name, c]) => c.kind === 'string' && !['$event', '$type', '$distinct_id'].includes(name))
  .map(([name]) => name);

export const DEFAULT_BREAKDOWN = ['$channel', '$device_type'] as const;
export const DEFAULT_BREAKDOWN_LIMIT = 10;

export const StagesSpecSchema = Type.Object(
  {
    stages: Type.Optional(StageMapSchema),
    range: Type.Optional(RangeSchema),
    /** Only the members of this saved segment. */
    segment: SegmentFieldSchema,
    breakdown: Type.Optional(Type.Array(Type.Enum(BREAKDOWN_PROPERTIES), { maxItems: 5, uniqueItems: true })),
    /** Values beyond the top `breakdownLimit` of a breakdown (by persons) are grouped as "Other". */
    breakdownLimit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  { additionalProperties: false },
);

export interface StagesSpec {
  /** The stage map, first stage first (default: `DEFAULT_STAGE_MAP`). */
  stages?: Stage[];
  /** Current stages are taken at its end; new entries are counted within it (default: the last 30 days). */
  range?: RangeSpec;
  /** Derived columns to break persons down by (default `$channel`, `$device_type`); `[]` for none. */
  breakdown?: string[];
  breakdownLimit?: number;
  segment?: string;
}

const checker = specChecker<StagesSpec>(StagesSpecSchema, 'stages');

/** Checks a stages spec: the schema, then the stage map's own rules and the range's times. */
export function parseStagesSpec(raw: unknown): StagesSpec {
  const spec = checker.check(raw);
  if (spec.stages) checkStageMap(spec.stages, 'stages');
  // Bad times are reported now rather than when the query runs.
  resolveRange(spec.range, Date.now());
  return spec;
}

export function stagesOf(spec: StagesSpec): readonly Stage[] {
  return spec.stages ?? DEFAULT_STAGE_MAP;
}

export function breakdownOf(spec: StagesSpec): readonly string[] {
  return spec.breakdown ?? DEFAULT_BREAKDOWN;
}
