// Conversion trend: for persons entering the funnel in each day, week or month, the rate from one step to another,
// with those still inside their window counted apart. `POST /api/query/funnel-trends`.

import Type, { type Static } from 'typebox';
import type { Analysis } from '../analysis.js';
import { ensure } from '../spec-check.js';
import { PERIODS, periodStart, periodStarts, type Period } from '../time-units.js';
import { matchFunnel } from './funnel-run.js';
import type { FunnelSpec } from './funnel-spec.js';
import { funnelVariantParser } from './funnel-variant.js';

const TrendFields = Type.Object(
  {
    interval: Type.Optional(Type.Enum(PERIODS)),
    fromStep: Type.Optional(Type.Integer({ minimum: 0 })),
    toStep: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);
export type FunnelTrendsSpec = FunnelSpec & Static<typeof TrendFields>;

export interface FunnelTrendPoint {
  period: string;
  /** Persons who entered in the period and reached `fromStep`. */
  entered: number;
  converted: number;
  /** Of those who did not convert, how many can still convert. */
  inProgress: number;
  conversion: number;
}

export interface FunnelTrendsResult {
  interval: Period;
  fromStep: number;
  toStep: number;
  points: FunnelTrendPoint[];
}

const parseVariant = funnelVariantParser<Static<typeof TrendFields>>(TrendFields, 'funnel-trends');

export const funnelTrendsAnalysis: Analysis<FunnelTrendsSpec, FunnelTrendsResult> = {
  name: 'funnel-trends',
  description: 'conversion between two funnel steps per day, week or month of entry',
  parse(raw) {
    const spec = parseVariant(raw);
    const n = spec.steps.length;
    ensure((spec.toStep ?? n - 1) < n, 'toStep', `must be a step index below ${n}`);
    ensure((spec.fromStep ?? 0) < (spec.toStep ?? n - 1), 'fromStep', 'must come before toStep');
    return spec;
  },
  async run(ctx, projectId, spec) {
    const interval = spec.interval ?? 'day';
    const fromStep = spec.fromStep ?? 0;
    const toStep = spec.toStep ?? spec.steps.length - 1;
    const { range, persons } = await matchFunnel(ctx, projectId, spec);
    const points = new Map<number, FunnelTrendPoint>(
      periodStarts(interval, range.from, range.to).map((t) => [
        t,
        { period: new Date(t).toISOString(), entered: 0, converted: 0, inProgress: 0, conversion: 0 },
      ]),
    );
    for (const p of persons) {
      if (p.reached <= fromStep) continue;
      const point = points.get(periodStart(interval, p.times[0] as number));
      if (!point) continue;
      point.entered += 1;
      if (p.reached > toStep) point.converted += 1;
      else if (p.open) point.inProgress += 1;
    }
    for (const point of points.values()) point.conversion = point.entered === 0 ? 0 : point.converted / point.entered;
    return { interval, fromStep, toStep, points: [...points.values()] };
  },
  table(result) {
    return {
      columns: ['period', 'entered', 'converted', 'in progress', '% converted'],
      rows: result.points.map((p) => [
        p.period.slice(0, result.interval === 'hour' ? 16 : 10),
        p.entered,
        p.converted,
        p.inProgress,
        Math.round(p.conversion * 1000) / 10,
      ]),
    };
  },
};
