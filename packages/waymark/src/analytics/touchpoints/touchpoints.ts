// The touchpoints analysis: the sequence of marketing channels persons touched before converting, compared with
// those who did not convert, and the credit each channel earns under first-touch, last-touch, linear and assisted
// attribution. `POST /api/query/touchpoints`, `waymark query touchpoints`.

import { segmentRestriction } from '../segment-filter.js';
import type { Analysis, ResultTable } from '../analysis.js';
import { resolveRange } from '../date-range.js';
import { touchpointsResult, type TouchpointsResult } from './touchpoints-result.js';
import { TOUCHPOINT_DEFAULTS, parseTouchpointsSpec, type TouchpointsSpec } from './touchpoints-spec.js';
import { compileTouchpoints, type TouchpointRow } from './touchpoints-sql.js';

export type { TouchpointsResult, TouchPath, ChannelAttribution, Credit } from './touchpoints-result.js';
export type { TouchpointsSpec } from './touchpoints-spec.js';

const percent = (x: number): number => Math.round(x * 1000) / 10;
const round = (x: number): number => Math.round(x * 100) / 100;

/** Paths first, then channels, in one table: attribution columns are empty on path rows. */
export function touchpointsTable(result: TouchpointsResult): ResultTable {
  const paths = result.paths.map((p) => [
    'path',
    p.path,
    p.converting,
    p.nonConverting,
    percent(p.conversionRate),
    round(p.revenue),
    null,
    null,
    null,
    null,
  ]);
  const other = result.otherPaths;
  if (other.converting + other.nonConverting > 0) {
    paths.push([
      'path',
      '(other paths)',
      other.converting,
      other.nonConverting,
      null,
      round(other.revenue),
      null,
      null,
      null,
      null,
    ]);
  }
  const channels = result.channels.map((c) => [
    'channel',
    c.channel,
    c.converting,
    c.nonConverting,
    percent(c.conversionRate),
    round(c.revenue),
    c.firstTouch.conversions,
    c.lastTouch.conversions,
    round(c.linear.conversions),
    c.assisted.conversions,
  ]);
  return {
    columns: [
      'kind',
      'name',
      'converting',
      'non-converting',
      'conversion %',
      'revenue',
      'first touch',
      'last touch',
      'linear',
      'assisted',
    ],
    rows: [...paths, ...channels],
  };
}

export const touchpointsAnalysis: Analysis<TouchpointsSpec, TouchpointsResult> = {
  name: 'touchpoints',
  description:
    'the channel paths persons touched before converting, and first-touch, last-touch, linear and assisted credit',
  parse: parseTouchpointsSpec,
  async run(ctx, projectId, spec) {
    const range = resolveRange(spec.range, ctx.now());
    const only = await segmentRestriction(ctx, projectId, spec.segment);
    const compiled = compileTouchpoints(ctx.warehouse.database, projectId, spec, range, only);
    const rows = await ctx.warehouse.query<TouchpointRow>(compiled.sql, compiled.params);
    return touchpointsResult(
      rows,
      {
        conversion: spec.conversion.event,
        by: spec.by ?? TOUCHPOINT_DEFAULTS.by,
        lookback: spec.lookback ?? TOUCHPOINT_DEFAULTS.lookback,
        sort: spec.sort ?? TOUCHPOINT_DEFAULTS.sort,
      },
      range,
    );
  },
  table: touchpointsTable,
};
