// Journey results as flat tables: path links and nodes, channel attribution and channel paths, journey stages with
// their transitions and breakdowns.

import type { PathsResult } from '../../analytics/paths/paths.js';
import type { StagesResult } from '../../analytics/stages/stages-result.js';
import type { TouchpointsResult } from '../../analytics/touchpoints/touchpoints-result.js';
import { col, rowSet, type ExportRow, type RowSet } from '../rows.js';

/** One row per link, with the step and name of both ends (node ids are `step:name`). */
export function pathLinks(result: PathsResult): RowSet {
  const nodes = new Map(result.nodes.map((n) => [n.id, n]));
  return rowSet(
    [
      col('source', 'string'),
      col('target', 'string'),
      col('from_step', 'integer', true),
      col('from_name', 'string', true),
      col('to_step', 'integer', true),
      col('to_name', 'string', true),
      col('persons', 'integer'),
      col('transitions', 'integer'),
    ],
    result.links.map((l) => {
      const from = nodes.get(l.source);
      const to = nodes.get(l.target);
      return [
        l.source,
        l.target,
        from?.step ?? null,
        from?.name ?? null,
        to?.step ?? null,
        to?.name ?? null,
        l.persons,
        l.transitions,
      ];
    }),
  );
}

export function pathNodes(result: PathsResult): RowSet {
  return rowSet(
    [
      col('id', 'string'),
      col('name', 'string'),
      col('step', 'integer'),
      col('persons', 'integer'),
      col('paths', 'integer'),
      col('ended', 'integer'),
    ],
    result.nodes.map((n) => [n.id, n.name, n.step, n.persons, n.paths, n.ended]),
  );
}

const CREDITS = ['first_touch', 'last_touch', 'linear', 'assisted'] as const;

export function touchpointChannels(result: TouchpointsResult): RowSet {
  return rowSet(
    [
      col('channel', 'string'),
      col('converting', 'integer'),
      col('non_converting', 'integer'),
      col('conversion_rate', 'number'),
      col('revenue', 'number'),
      ...CREDITS.flatMap((c) => [col(`${c}_conversions`, 'number'), col(`${c}_revenue`, 'number')]),
    ],
    result.channels.map((c): ExportRow => [
      c.channel,
      c.converting,
      c.nonConverting,
      c.conversionRate,
      c.revenue,
      ...[c.firstTouch, c.lastTouch, c.linear, c.assisted].flatMap((credit) => [credit.conversions, credit.revenue]),
    ]),
  );
}

/** The listed channel paths; `touches` is the number of touches in the path. */
export function touchpointPaths(result: TouchpointsResult): RowSet {
  return rowSet(
    [
      col('path', 'string'),
      col('touches', 'integer'),
      col('converting', 'integer'),
      col('non_converting', 'integer'),
      col('conversion_rate', 'number'),
      col('revenue', 'number'),
    ],
    result.paths.map((p) => [p.path, p.touches.length, p.converting, p.nonConverting, p.conversionRate, p.revenue]),
  );
}

export function stageRows(result: StagesResult): RowSet {
  return rowSet(
    [
      col('stage_index', 'integer'),
      col('stage', 'string'),
      col('current', 'integer'),
      col('reached', 'integer'),
      col('entered', 'integer'),
      col('skipped', 'integer'),
      col('started', 'integer'),
      col('new_entries', 'integer'),
      col('moved_on', 'integer'),
      col('median_ms_in_stage', 'number', true),
      col('conversion_to_next', 'number', true),
    ],
    result.stages.map((s) => [
      s.index,
      s.name,
      s.current,
      s.reached,
      s.entered,
      s.skipped,
      s.started,
      s.newEntries,
      s.movedOn,
      s.medianMsInStage,
      s.conversionToNext,
    ]),
  );
}

export function stageTransitions(result: StagesResult): RowSet {
  return rowSet(
    [
      col('from_stage', 'string'),
      col('to_stage', 'string'),
      col('persons', 'integer'),
      col('median_ms', 'number', true),
    ],
    result.transitions.map((t) => [t.from, t.to, t.persons, t.medianMs]),
  );
}

/** One row per breakdown, value and stage. */
export function stageBreakdowns(result: StagesResult): RowSet {
  return rowSet(
    [
      col('property', 'string'),
      col('value', 'string'),
      col('value_persons', 'integer'),
      col('stage', 'string'),
      col('current', 'integer'),
      col('reached', 'integer'),
      col('entered', 'integer'),
      col('new_entries', 'integer'),
    ],
    result.breakdowns.flatMap((b) =>
      b.values.flatMap((v) =>
        result.stages.map((s, i): ExportRow => [
          b.property,
          v.value,
          v.persons,
          s.name,
          v.current[i] ?? 0,
          v.reached[i] ?? 0,
          v.entered[i] ?? 0,
          v.newEntries[i] ?? 0,
        ]),
      ),
    ),
  );
}
