// How an experiment reads in the dashboard: its list row, its status actions, the sample-ratio check in words, and
// the per-variant results of every metric as a table (the same numbers as `waymark experiments results`).

import type {
  Experiment,
  ExperimentAnalysis,
  ExperimentMetric,
  ExperimentStatus,
  Lift,
  MetricResult,
  Recommendation,
  SrmCheck,
  VariantResult,
} from '../../api/experiments.js';
import { formatAmount, formatCount, formatPercent } from '../../lib/format.js';
import type { TableData } from '../../lib/table.js';

export const STATUS_LABELS: Record<ExperimentStatus, string> = {
  draft: 'Draft',
  running: 'Running',
  stopped: 'Stopped',
};

/** A metric in words: `Purchase: did Order Completed within 7 days`. */
export function describeMetric(m: ExperimentMetric): string {
  const name = m.name ?? m.id;
  const days = `within ${m.withinDays ?? 7} days`;
  if (m.type === 'conversion') return `${name}: did ${m.event ?? 'the event'} ${days}`;
  if (m.type === 'count') return `${name}: times ${m.event ?? 'the event'} was done ${days}`;
  if (m.type === 'revenue') return `${name}: revenue${m.event ? ` of ${m.event}` : ''} ${days}`;
  if (m.type === 'funnel') return `${name}: completed ${(m.steps ?? []).join(' → ')} ${days}`;
  return `${name}: a ratio per variant ${days}`;
}

export const controlOf = (e: Experiment): string => e.control ?? e.variants[0]?.id ?? '';

/** The variants with their planned share: `Secure checkout (control) 50% · Free returns message 50%`. */
export function describeVariants(e: Experiment): string {
  const total = e.variants.reduce((s, v) => s + v.weight, 0);
  const control = controlOf(e);
  return e.variants
    .map((v) => {
      const share = total > 0 ? ` ${Math.round((v.weight / total) * 100)}%` : '';
      return `${v.name ?? v.id}${v.id === control ? ' (control)' : ''}${share}`;
    })
    .join(' · ');
}

export interface StatusAction {
  status: ExperimentStatus;
  label: string;
  /** What happens, said before the user confirms. */
  consequence: string;
}

/** What the user may do next with an experiment in this status. */
export function statusActionOf(status: ExperimentStatus): StatusAction {
  if (status === 'running')
    return {
      status: 'stopped',
      label: 'Stop experiment',
      consequence: 'Exposures stop counting now; the slot passes everyone to its next rule.',
    };
  if (status === 'stopped')
    return {
      status: 'running',
      label: 'Resume experiment',
      consequence: 'Assignment resumes; results count exposures from the original start.',
    };
  return { status: 'running', label: 'Start experiment', consequence: 'Assignment starts now and stamps the start.' };
}

/**
 * The definition to save for a new status (PUT replaces the whole experiment). The server stamps `start` and
 * `stop`; resuming drops the old `stop` so that exposures count again.
 */
export function withStatus(e: Experiment, status: ExperimentStatus): Experiment {
  const next: Experiment = { ...e, status };
  if (status === 'running') delete next.stop;
  return next;
}

/** A p-value in a table cell, where the column says it is one: `< 0.001`, `0.405`. */
const pValueCell = (p: number | undefined) => formatPValue(p).replace(/^p = /, '').replace(/^p /, '');

/** `p < 0.001` or `p = 0.405`. */
export function formatPValue(p: number | undefined): string {
  if (p === undefined || !Number.isFinite(p)) return '–';
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
}

/** A signed percentage of a ratio: 0.123 → `+12.3%`, -0.044 → `−4.4%`; null (an open end) → `∞` with its sign. */
export function formatSignedPercent(ratio: number | null | undefined, openSign: 1 | -1 = 1): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return openSign > 0 ? '+∞' : '−∞';
  const text = formatPercent(Math.abs(ratio));
  if (text === '0.0%') return text;
  return `${ratio > 0 ? '+' : '−'}${text}`;
}

/** How a metric's values read: rates as percentages, amounts with two decimals. */
export function metricValueFormat(type: MetricResult['type']): (v: number | null | undefined) => string {
  return type === 'proportion' ? (v) => formatPercent(v) : (v) => formatAmount(v);
}

/** An absolute lift: a rate's change in points (`+2.5 pts`), an amount signed (`+100.61`). */
export function formatAbsoluteLift(value: number | null | undefined, type: MetricResult['type']): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const sign = value > 0 ? '+' : value < 0 ? '−' : '';
  if (type === 'proportion') return `${sign}${(Math.abs(value) * 100).toFixed(1)} pts`;
  return `${sign}${formatAmount(Math.abs(value))}`;
}

export function formatInterval(lift: Lift | undefined, format: (v: number | null, open: 1 | -1) => string): string {
  if (!lift) return '–';
  return `${format(lift.interval[0], -1)} to ${format(lift.interval[1], 1)}`;
}

export const VERDICT_LABELS: Record<VariantResult['verdict'] | 'control', { label: string; mark: string }> = {
  better: { label: 'Better', mark: '▲' },
  worse: { label: 'Worse', mark: '▼' },
  inconclusive: { label: 'Inconclusive', mark: '●' },
  control: { label: 'Control', mark: '◆' },
};

export interface SrmSummary {
  mismatch: boolean;
  headline: string;
  detail: string;
}

/** The sample-ratio check in words: who was exposed against what the planned split expects. */
export function srmSummary(srm: SrmCheck): SrmSummary {
  const arms = srm.arms.map(
    (arm, i) =>
      `${arm} ${formatCount(srm.users[i] ?? 0)} (expected ${formatCount(Math.round(srm.expected[i] ?? 0))}, ${formatPercent(srm.weights[i] ?? 0, 0)} planned)`,
  );
  const p = formatPValue(srm.pValue);
  return srm.mismatch
    ? {
        mismatch: true,
        headline: `Sample-ratio mismatch (${p}): do not trust these results`,
        detail: `Exposed: ${arms.join(', ')}. The persons per variant do not fit the planned split, so assignment or tracking is broken. Fix it before reading any metric.`,
      }
    : {
        mismatch: false,
        headline: `Sample ratio OK (${p})`,
        detail: `Exposed: ${arms.join(', ')}. The split fits the plan (chi-square ${srm.chiSquare.toFixed(3)}).`,
      };
}

export const ACTION_LABELS: Record<Recommendation['action'], string> = {
  ship: 'Ship',
  'keep running': 'Keep running',
  stop: 'Stop',
};

const isBayesian = (a: ExperimentAnalysis) => a.method === 'bayesian';

/** One row per metric and variant (control first): persons, mean, lifts with intervals, p-value or chance to win. */
export function resultsTable(analysis: ExperimentAnalysis): TableData {
  const text = (v: unknown) => (v === null || v === undefined ? '–' : String(v));
  const bayesian = isBayesian(analysis);
  const evidence: TableData['columns'] = bayesian
    ? [
        { key: 'chanceToWin', label: 'Chance to win', numeric: true, format: (v) => formatPercent(v as number) },
        { key: 'risk', label: 'Risk if shipped', numeric: true, format: (v) => formatPercent(v as number) },
      ]
    : [
        { key: 'pValue', label: 'p-value', numeric: true, format: (v) => pValueCell(v as number) },
        { key: 'adjustedPValue', label: 'Adjusted p', numeric: true, format: (v) => pValueCell(v as number) },
      ];
  const columns: TableData['columns'] = [
    { key: 'metric', label: 'Metric' },
    { key: 'variant', label: 'Variant' },
    { key: 'persons', label: 'Persons', numeric: true, format: (v) => formatCount(v as number) },
    { key: 'mean', label: 'Mean', numeric: true, format: text },
    { key: 'lift', label: 'Lift', numeric: true, format: (v) => formatSignedPercent(v as number) },
    { key: 'interval', label: `${Math.round((1 - analysis.alpha) * 100)}% interval`, numeric: true, format: text },
    { key: 'absolute', label: 'Absolute lift', numeric: true, format: text },
    ...evidence,
    { key: 'verdict', label: 'Verdict', format: text },
  ];
  const rows: TableData['rows'] = [];
  for (const m of analysis.metrics) {
    const value = metricValueFormat(m.type);
    const metric = m.role === 'guardrail' ? `${m.name} (guardrail)` : m.name;
    rows.push({
      metric,
      variant: m.control.arm,
      persons: m.control.n,
      mean: value(m.control.mean),
      verdict: `${VERDICT_LABELS.control.mark} ${VERDICT_LABELS.control.label}`,
    });
    for (const v of m.variants) {
      const verdict = VERDICT_LABELS[v.verdict];
      rows.push({
        metric,
        variant: v.arm,
        persons: v.n,
        mean: value(v.mean),
        lift: v.relative ? round(v.relative.estimate) : null,
        interval: v.relative ? formatInterval(v.relative, formatSignedPercent) : (v.warning ?? null),
        absolute: v.absolute ? formatAbsoluteLift(v.absolute.estimate, m.type) : null,
        ...(bayesian
          ? { chanceToWin: v.chanceToWin ?? null, risk: v.risk ? round(v.risk.variant) : null }
          : { pValue: v.pValue ?? null, adjustedPValue: v.adjustedPValue ?? null }),
        verdict: `${verdict.mark} ${verdict.label}`,
      });
    }
  }
  return { columns, rows };
}

const round = (x: number) => Math.round(x * 100_000) / 100_000;

/** Persons exposed in all variants, and per day since the start (to now, or to the stop). */
export function exposureRate(
  exposures: { persons: number }[],
  start: string | null,
  stop: string | null,
  now: number,
): { total: number; perDay: number | null } {
  const total = exposures.reduce((s, x) => s + x.persons, 0);
  if (start === null) return { total, perDay: null };
  const end = stop === null ? now : Math.min(now, Date.parse(stop));
  const days = (end - Date.parse(start)) / 86_400_000;
  return { total, perDay: days >= 1 && total > 0 ? total / days : null };
}

/** An ISO time as a date with its year (UTC): `Nov 11, 2026`; `–` when absent. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '–';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString('en-US', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}
