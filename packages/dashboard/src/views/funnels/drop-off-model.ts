// One drop-off, explained: the persons who dropped before a step, what they did next, and which channels, devices
// and traits are over-represented among them (docs/analytics/funnels.md, `drop-off` and `funnel-persons`).

import type { DropOffResult, DropOffSpec, FunnelPersonsResult, FunnelPersonsSpec } from '../../api/funnels.js';
import type { FunnelSpec } from '../../api/types.js';
import { formatCount, formatPercent } from '../../lib/format.js';
import type { TableData } from '../../lib/table.js';
import { unsplitSpec } from './funnel-model.js';

/** Persons shown per page of the "who dropped" list. */
export const PERSONS_PAGE = 10;

/** Everyone who dropped before `step` (no page): what the full export of the list asks for. */
export function allDroppedPersonsSpec(spec: FunnelSpec, step: number): FunnelPersonsSpec {
  return { ...unsplitSpec(spec), step, status: 'dropped' };
}

export function droppedPersonsSpec(spec: FunnelSpec, step: number, offset: number): FunnelPersonsSpec {
  return { ...allDroppedPersonsSpec(spec, step), limit: PERSONS_PAGE, offset };
}

export function dropOffSpec(spec: FunnelSpec, step: number): DropOffSpec {
  return { ...unsplitSpec(spec), step, nextEvents: 10 };
}

const count = (v: unknown) => formatCount(v as number);
const share = (v: unknown) => formatPercent(v as number);
const round = (v: number, digits = 4) => Math.round(v * 10 ** digits) / 10 ** digits;

/** The dropped persons of one page: who, how far they got, when they entered and when they stopped. */
export function droppedPersonsTable(result: FunnelPersonsResult): TableData {
  return {
    columns: [
      { key: 'person', label: 'Person' },
      { key: 'reached', label: 'Steps reached', numeric: true },
      { key: 'enteredAt', label: 'Entered', format: (v) => formatTime(String(v)) },
      { key: 'lastStepAt', label: 'Last step at', format: (v) => formatTime(String(v)) },
    ],
    rows: result.persons.map((p) => ({
      person: p.personId,
      reached: p.reached,
      enteredAt: p.enteredAt,
      lastStepAt: p.lastStepAt,
    })),
  };
}

/** What dropped persons did first after their last step, by persons. */
export function nextEventsTable(result: DropOffResult): TableData {
  return {
    columns: [
      { key: 'event', label: 'Next event' },
      { key: 'persons', label: 'Persons', numeric: true, format: count },
      { key: 'share', label: '% of dropped', numeric: true, format: share },
    ],
    rows: result.nextEvents.map((e) => ({ event: e.event, persons: e.persons, share: round(e.share) })),
  };
}

/** Readable names of the dimensions the analysis compares; traits keep their own name. */
const DIMENSIONS: Record<string, string> = {
  $channel: 'Channel',
  $utm_source: 'UTM source',
  $utm_campaign: 'UTM campaign',
  $device_type: 'Device',
  $browser: 'Browser',
  $country: 'Country',
};

export const dimensionLabel = (dimension: string) => DIMENSIONS[dimension] ?? `Trait: ${dimension}`;

/** What sets dropped persons apart, smallest p-value first (as the analysis sorts it). */
export function overRepresentedTable(result: DropOffResult): TableData {
  return {
    columns: [
      { key: 'dimension', label: 'Dimension', format: (v) => dimensionLabel(String(v)) },
      { key: 'value', label: 'Value' },
      { key: 'shareOfDropped', label: '% of dropped', numeric: true, format: share },
      { key: 'shareOfReached', label: '% of reached', numeric: true, format: share },
      { key: 'lift', label: 'Lift', numeric: true, format: (v) => `${(v as number).toFixed(2)}×` },
      { key: 'p', label: 'p-value', numeric: true, format: (v) => formatP(v as number) },
      { key: 'significant', label: 'Significant' },
      { key: 'dropped', label: 'Dropped', numeric: true, format: count },
      { key: 'reached', label: 'Reached', numeric: true, format: count },
    ],
    rows: result.overRepresented.map((o) => ({
      dimension: o.dimension,
      value: o.value,
      shareOfDropped: round(o.shareOfDropped),
      shareOfReached: round(o.shareOfReached),
      lift: o.lift === null ? null : round(o.lift, 2),
      p: o.p,
      significant: o.significant ? 'yes' : 'no',
      dropped: o.dropped,
      reached: o.reached,
    })),
  };
}

/** A p-value people can read: `< 0.0001` for tiny ones, else 2 significant digits. */
export function formatP(p: number): string {
  if (p < 0.0001) return '< 0.0001';
  return String(Number(p.toPrecision(2)));
}

/** The labels of the over-represented chart's rows: `Device: mobile`. */
export const overRepresentedLabels = (result: DropOffResult) =>
  result.overRepresented.map((o) => `${dimensionLabel(o.dimension).replace(/^Trait: /, '')}: ${o.value}`);

/** A one-line reading of the drop-off, in words. */
export function dropOffSentence(result: DropOffResult, dropped: number): string {
  const top = result.overRepresented.find((o) => o.significant && o.lift !== null);
  const base = `${formatCount(dropped)} persons reached “${result.previousStepName}” and did not go on to “${result.stepName}” within the window.`;
  if (!top) return `${base} No channel, device or trait stands out significantly among them.`;
  return `${base} ${dimensionLabel(top.dimension).replace(/^Trait: /, '')} “${top.value}” is ${top.lift!.toFixed(1)}× as common among them as among those who reached the step (p ${formatP(top.p)}).`;
}

function formatTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toISOString().slice(0, 16).replace('T', ' ');
}
