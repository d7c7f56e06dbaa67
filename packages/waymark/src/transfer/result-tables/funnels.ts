// Funnel results as flat tables: steps (overall and per breakdown value), time-to-convert bins, conversion trend
// points, and the drop-off analysis's next events and over-represented traits.

import type { DropOffResult } from '../../analytics/funnels/drop-off.js';
import type { FunnelResult } from '../../analytics/funnels/funnel.js';
import type { FunnelStepResult } from '../../analytics/funnels/funnel-result.js';
import type { FunnelTrendsResult } from '../../analytics/funnels/funnel-trends.js';
import type { FunnelPerson } from '../../analytics/funnels/funnel-persons.js';
import { col, rowSet, type ExportColumn, type ExportRow, type RowSet } from '../rows.js';

const STEP_COLUMNS: ExportColumn[] = [
  col('breakdown_value', 'string', true),
  col('step', 'integer'),
  col('step_name', 'string'),
  col('event', 'string'),
  col('persons', 'integer'),
  col('conversion_from_start', 'number'),
  col('conversion_from_previous', 'number'),
  col('drop_off', 'integer'),
  col('dropped', 'integer'),
  col('in_progress', 'integer'),
  col('conversion_from_previous_settled', 'number'),
  col('median_ms_from_previous', 'number', true),
  col('average_ms_from_previous', 'number', true),
];

function stepRow(breakdownValue: string | null, s: FunnelStepResult): ExportRow {
  return [
    breakdownValue,
    s.index,
    s.name,
    s.event,
    s.count,
    s.conversionFromStart,
    s.conversionFromPrevious,
    s.dropOff,
    s.dropped,
    s.inProgress,
    s.conversionFromPreviousSettled,
    s.medianMsFromPrevious,
    s.averageMsFromPrevious,
  ];
}

/** Every step for all persons (`breakdown_value` null), then every step per breakdown value. */
export function funnelSteps(result: FunnelResult): RowSet {
  return rowSet(STEP_COLUMNS, [
    ...result.steps.map((s) => stepRow(null, s)),
    ...(result.breakdown?.values ?? []).flatMap((v) => v.steps.map((s) => stepRow(v.value, s))),
  ]);
}

export function funnelTimeToConvert(result: FunnelResult): RowSet {
  const t = result.timeToConvert;
  return rowSet(
    [
      col('from_step', 'integer'),
      col('to_step', 'integer'),
      col('from_ms', 'integer'),
      col('to_ms', 'integer'),
      col('persons', 'integer'),
    ],
    t.bins.map((b) => [t.fromStep, t.toStep, b.fromMs, b.toMs, b.persons]),
  );
}

export function funnelTrendPoints(result: FunnelTrendsResult): RowSet {
  return rowSet(
    [
      col('period', 'time'),
      col('from_step', 'integer'),
      col('to_step', 'integer'),
      col('entered', 'integer'),
      col('converted', 'integer'),
      col('in_progress', 'integer'),
      col('conversion', 'number'),
    ],
    result.points.map((p) => [
      p.period,
      result.fromStep,
      result.toStep,
      p.entered,
      p.converted,
      p.inProgress,
      p.conversion,
    ]),
  );
}

export function dropOffOverRepresented(result: DropOffResult): RowSet {
  return rowSet(
    [
      col('step', 'integer'),
      col('dimension', 'string'),
      col('value', 'string'),
      col('dropped', 'integer'),
      col('reached', 'integer'),
      col('share_of_dropped', 'number'),
      col('share_of_reached', 'number'),
      col('lift', 'number', true),
      col('p', 'number'),
      col('significant', 'boolean'),
    ],
    result.overRepresented.map((o) => [
      result.step,
      o.dimension,
      o.value,
      o.dropped,
      o.reached,
      o.shareOfDropped,
      o.shareOfReached,
      o.lift,
      o.p,
      o.significant,
    ]),
  );
}

export function dropOffNextEvents(result: DropOffResult): RowSet {
  return rowSet(
    [col('step', 'integer'), col('event', 'string'), col('persons', 'integer'), col('share', 'number')],
    result.nextEvents.map((n) => [result.step, n.event, n.persons, n.share]),
  );
}

export const FUNNEL_PERSON_COLUMNS: ExportColumn[] = [
  col('person_id', 'string'),
  col('step', 'integer'),
  col('status', 'string'),
  col('steps_reached', 'integer'),
  col('entered_at', 'time'),
  col('last_step_at', 'time'),
];

export function funnelPersonRow(step: number, status: string, p: FunnelPerson): ExportRow {
  return [p.personId, step, status, p.reached, p.enteredAt, p.lastStepAt];
}
