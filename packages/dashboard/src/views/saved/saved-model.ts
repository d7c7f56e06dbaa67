// Saved insights and dashboards, as the views show them: what an insight's spec asks in a few words, the rows of a
// result no chart draws yet (and the export table that holds them), and the changes to a dashboard's pinned insights
// (pin, unpin, move, widen).

import type { Dashboard, DashboardDraft, DashboardItem, Insight, TileWidth } from '../../api/insights.js';
import { formatCount } from '../../lib/format.js';
import type { Cell, Column, TableData } from '../../lib/table.js';

const ANALYSIS_LABELS: Record<string, string> = {
  funnel: 'Funnel',
  'funnel-trends': 'Funnel trend',
  'drop-off': 'Drop-off',
  'funnel-persons': 'Funnel persons',
  trends: 'Trends',
  retention: 'Retention',
  paths: 'Paths',
  touchpoints: 'Touchpoints',
  stages: 'Journey stages',
  'segment-insights': 'Segment insights',
  'segment-overlap': 'Segment overlap',
  'segment-compare': 'Segment comparison',
};

/** The analysis in the user's words: `funnel` → `Funnel`; an unknown name stays as it is. */
export const analysisLabel = (analysis: string): string => ANALYSIS_LABELS[analysis] ?? analysis;

const record = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const events = (list: unknown): string[] =>
  Array.isArray(list)
    ? list.map((x) => record(x)['event']).filter((e): e is string => typeof e === 'string' && e !== '')
    : [];

/** What a spec asks, in a few words: a funnel's steps, a trend's events, a retention's start and return. */
export function specSummary(analysis: string, spec: unknown): string {
  const s = record(spec);
  if (analysis.startsWith('funnel') || analysis === 'drop-off') return events(s['steps']).join(' → ');
  if (analysis === 'trends') return events(s['series']).join(', ') || 'All events';
  if (analysis === 'retention') {
    const start = record(s['start'])['event'];
    // No `return`: coming back is doing the start event again (the analysis' default).
    const back = s['return'] === undefined ? 'the same' : record(s['return'])['event'];
    return `${typeof start === 'string' ? start : 'Any event'} → back with ${typeof back === 'string' ? back : 'any event'}`;
  }
  if (analysis === 'paths') {
    const start = record(s['start'])['event'];
    const end = record(s['end'])['event'];
    if (typeof start === 'string' && typeof end === 'string') return `From ${start} to ${end}`;
    if (typeof start === 'string') return `From ${start}`;
    if (typeof end === 'string') return `To ${end}`;
    return 'All paths';
  }
  if (analysis === 'stages') {
    const touch = Array.isArray(s['breakdown']) ? s['breakdown'][0] : undefined;
    return typeof touch === 'string' ? `Touchpoints by ${touch.replace(/^\$/, '').replace(/_/g, ' ')}` : 'By stage';
  }
  if (analysis === 'touchpoints') {
    const conversion = record(s['conversion'])['event'];
    return typeof conversion === 'string' ? `Touchpoints before ${conversion}` : '';
  }
  return '';
}

/** The date range of a spec in words: `Last 30 days`, `2026-10-01 – 2026-10-31`, or the analysis's default. */
export function rangeSummary(spec: unknown): string {
  const range = record(record(spec)['range']);
  const last = record(range['last']);
  if (typeof last['value'] === 'number' && typeof last['unit'] === 'string')
    return `Last ${last['value']} ${last['unit']}${last['value'] === 1 ? '' : 's'}`;
  if (typeof range['from'] === 'string' && typeof range['to'] === 'string')
    return `${range['from'].slice(0, 10)} – ${range['to'].slice(0, 10)}`;
  return 'Default range';
}

const isScalar = (v: unknown): v is string | number | boolean | null =>
  v === null || ['string', 'number', 'boolean'].includes(typeof v);

/** `conversionFromStart` → `Conversion from start`. */
export function columnLabel(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const decimals = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 });

/**
 * The rows of a result no chart draws yet: its first list of records (a funnel's `steps`, a trend's `series`,
 * a retention's `cohorts`…), one column per plain value; nested lists are counted, not spread. `rows` names the
 * list; a result without one is a single row of its plain values.
 */
export function resultRowsTable(result: unknown): TableData & { rowsOf: string | null } {
  const top = record(result);
  const entry = Array.isArray(result)
    ? (['', result] as const)
    : Object.entries(top).find(([, v]) => Array.isArray(v) && v.length > 0 && v.every((x) => isScalar(x) === false));
  const source: Record<string, unknown>[] = entry ? (entry[1] as unknown[]).map(record) : [top];
  const keys: string[] = [];
  for (const row of source)
    for (const [k, v] of Object.entries(row)) if (!keys.includes(k) && (isScalar(v) || Array.isArray(v))) keys.push(k);
  const columns: Column[] = keys.map((key) => {
    const values = source.map((r) => r[key]);
    const numeric = values.every((v) => v === null || v === undefined || typeof v === 'number' || Array.isArray(v));
    const whole = values.every((v) => typeof v !== 'number' || Number.isInteger(v));
    return {
      key,
      label: values.some(Array.isArray) ? `${columnLabel(key)} (count)` : columnLabel(key),
      ...(numeric
        ? {
            numeric: true,
            format: (v: Cell) => (typeof v === 'number' ? (whole ? formatCount(v) : decimals.format(v)) : String(v)),
          }
        : {}),
    };
  });
  const rows = source.map((r) =>
    Object.fromEntries(
      keys.map((k): [string, Cell] => {
        const v = r[k];
        if (Array.isArray(v)) return [k, v.length];
        if (typeof v === 'boolean') return [k, v ? 'yes' : 'no'];
        return [k, v === undefined ? null : (v as Cell)];
      }),
    ),
  );
  return { columns, rows, rowsOf: entry ? entry[0] || null : null };
}

/**
 * The result's lists that are also export tables (docs/export.md), by analysis: list name → table name. Lists not
 * here (a trend's `series`, an overlap's `segments`) have no table of their own rows.
 */
const LIST_TABLES: Record<string, Record<string, string>> = {
  'funnel-trends': { points: 'points' },
  'drop-off': { overRepresented: 'over-represented', nextEvents: 'next-events' },
  'funnel-persons': { persons: 'persons' },
  paths: { links: 'links', nodes: 'nodes' },
  touchpoints: { channels: 'channels', paths: 'paths' },
  'segment-insights': { periods: 'periods' },
  'segment-compare': { differences: 'differences' },
};

/**
 * The export table that holds the rows a saved insight shows (`rowsOf` from `resultRowsTable`): `paths`' `nodes`
 * → `nodes`, a drop-off's `nextEvents` → `next-events`; undefined when none does (the export's default table).
 */
export function listExportTable(analysis: string, rowsOf: string | null): string | undefined {
  return rowsOf === null ? undefined : LIST_TABLES[analysis]?.[rowsOf];
}

/** Pins an insight at the end of a dashboard (once: pinning it again changes nothing). */
export function pin(items: DashboardItem[], insight: string, width: TileWidth = 'half'): DashboardItem[] {
  return items.some((i) => i.insight === insight) ? items : [...items, { insight, width }];
}

export const unpin = (items: DashboardItem[], insight: string): DashboardItem[] =>
  items.filter((i) => i.insight !== insight);

/** Moves the item at `index` up (-1) or down (+1); at either end it stays. */
export function move(items: DashboardItem[], index: number, by: -1 | 1): DashboardItem[] {
  const to = index + by;
  if (index < 0 || index >= items.length || to < 0 || to >= items.length) return items;
  const next = [...items];
  [next[index], next[to]] = [next[to]!, next[index]!];
  return next;
}

export const widen = (items: DashboardItem[], insight: string, width: TileWidth): DashboardItem[] =>
  items.map((i) => (i.insight === insight ? { ...i, width } : i));

/** What `PUT /api/dashboards/:id` takes to store a dashboard with new items. */
export function dashboardDraft(dashboard: Dashboard, items: DashboardItem[]): DashboardDraft {
  return {
    name: dashboard.name,
    ...(dashboard.description === undefined ? {} : { description: dashboard.description }),
    items,
  };
}

/** The saved insights not on the dashboard yet, by name. */
export function pinnable(insights: Insight[], items: DashboardItem[]): Insight[] {
  return insights.filter((i) => !items.some((item) => item.insight === i.id)).sort(byName);
}

/** The dashboards that show an insight. */
export const dashboardsShowing = (dashboards: Dashboard[], insight: string): Dashboard[] =>
  dashboards.filter((d) => d.items.some((i) => i.insight === insight)).sort(byName);

export const byName = (a: { name: string }, b: { name: string }): number =>
  a.name.localeCompare(b.name, 'en', { sensitivity: 'base' });

/** An ISO time as a short date: `Nov 23, 2026`. */
export function formatSavedAt(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleDateString('en-US', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
}
