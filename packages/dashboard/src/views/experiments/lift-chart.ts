// The lift intervals as a forest plot: one horizontal interval per metric and variant around 0 (no change), the
// estimate marked on it and its verdict written beside it, so colour is never the only sign. Pure.

import type { CustomSeriesRenderItemAPI, CustomSeriesRenderItemParams, CustomSeriesRenderItemReturn } from 'echarts';
import type { ExperimentAnalysis, VariantResult } from '../../api/experiments.js';
import type { ChartOption } from '../../charts/echarts.js';
import { GREY, OKABE_ITO } from '../../charts/palette.js';
import { formatPercent } from '../../lib/format.js';
import type { TableData } from '../../lib/table.js';
import { VERDICT_LABELS, formatPValue, formatSignedPercent } from './experiment-model.js';

export interface LiftRow {
  /** `Purchase · reassure`, with `(guardrail)` for guardrails. */
  label: string;
  metric: string;
  variant: string;
  role: 'goal' | 'guardrail';
  estimate: number;
  /** Null: an open end (one-sided test). */
  low: number | null;
  high: number | null;
  verdict: VariantResult['verdict'];
  /** `p = 0.012` or `chance to win 97.1%`. */
  evidence: string;
}

/** The relative lift of every variant on every metric that has one (a variant with a warning has none). */
export function liftRows(analysis: ExperimentAnalysis): LiftRow[] {
  return analysis.metrics.flatMap((m) =>
    m.variants.flatMap((v): LiftRow[] =>
      v.relative
        ? [
            {
              label: `${m.name} · ${v.arm}${m.role === 'guardrail' ? ' (guardrail)' : ''}`,
              metric: m.name,
              variant: v.arm,
              role: m.role,
              estimate: v.relative.estimate,
              low: v.relative.interval[0],
              high: v.relative.interval[1],
              verdict: v.verdict,
              evidence:
                v.chanceToWin !== undefined
                  ? `chance to win ${formatPercent(v.chanceToWin)}`
                  : formatPValue(v.adjustedPValue ?? v.pValue),
            },
          ]
        : [],
    ),
  );
}

/** The numbers of the plot: what its table view and CSV show. */
export function liftTable(rows: LiftRow[]): TableData {
  const pct = (v: unknown) => formatSignedPercent(v as number);
  return {
    columns: [
      { key: 'metric', label: 'Metric' },
      { key: 'variant', label: 'Variant' },
      { key: 'role', label: 'Role' },
      { key: 'estimate', label: 'Relative lift', numeric: true, format: pct },
      { key: 'low', label: 'Interval from', numeric: true, format: (v) => formatSignedPercent(v as number, -1) },
      { key: 'high', label: 'Interval to', numeric: true, format: pct },
      { key: 'evidence', label: 'Evidence' },
      { key: 'verdict', label: 'Verdict', format: (v) => VERDICT_LABELS[v as VariantResult['verdict']].label },
    ],
    rows: rows.map((r) => ({
      metric: r.metric,
      variant: r.variant,
      role: r.role,
      estimate: round(r.estimate),
      low: r.low === null ? null : round(r.low),
      high: r.high === null ? null : round(r.high),
      evidence: r.evidence,
      verdict: r.verdict,
    })),
  };
}

const round = (x: number) => Math.round(x * 100_000) / 100_000;

export const VERDICT_COLOURS: Record<VariantResult['verdict'], string> = {
  better: OKABE_ITO.blue,
  worse: OKABE_ITO.vermillion,
  inconclusive: GREY.muted,
};

/** The x-axis: every finite interval end and 0, with a margin, on a round step (1, 2 or 5 × a power of ten). */
export function liftAxisRange(rows: LiftRow[]): { min: number; max: number; step: number } {
  const ends = rows.flatMap((r) => [r.low, r.high, r.estimate]).filter((x): x is number => x !== null);
  const lo = Math.min(0, ...ends);
  const hi = Math.max(0, ...ends);
  const pad = Math.max((hi - lo) * 0.06, 0.005);
  const raw = (hi - lo + 2 * pad) / 5;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw)!;
  const snap = (x: number) => Math.round(x * 1e9) / 1e9;
  return { min: snap(Math.floor((lo - pad) / step) * step), max: snap(Math.ceil((hi + pad) / step) * step), step };
}

/** An axis tick: `+20%`, `−5%`, `+2.5%`. */
export function formatAxisPercent(ratio: number): string {
  const pct = Math.round(ratio * 1e6) / 1e4;
  const text = `${Number.isInteger(pct) ? pct.toFixed(0) : pct.toFixed(1)}%`;
  return pct > 0 ? `+${text}` : pct < 0 ? `−${text.slice(1)}` : text;
}

export const ROW_HEIGHT = 44;

export function liftChartOption(rows: LiftRow[]): ChartOption {
  const { min, max, step } = liftAxisRange(rows);
  const renderItem = (
    params: CustomSeriesRenderItemParams,
    api: CustomSeriesRenderItemAPI,
  ): CustomSeriesRenderItemReturn => {
    const row = rows[params.dataIndex];
    if (!row) return { type: 'group', children: [] };
    const y = api.coord([0, params.dataIndex])[1]!;
    const x = (value: number | null, open: number) => api.coord([value ?? open, params.dataIndex])[0]!;
    const [x0, x1, xe, xZero] = [x(row.low, min), x(row.high, max), x(row.estimate, 0), x(0, 0)];
    const band = (api.size!([0, 1]) as number[])[1]!;
    const colour = VERDICT_COLOURS[row.verdict];
    const cap = (at: number, open: boolean) =>
      open
        ? []
        : [
            {
              type: 'line' as const,
              shape: { x1: at, y1: y - 7, x2: at, y2: y + 7 },
              style: { stroke: colour, lineWidth: 2 },
            },
          ];
    const mark = VERDICT_LABELS[row.verdict].mark;
    return {
      type: 'group',
      children: [
        {
          type: 'line',
          shape: { x1: xZero, y1: y - band / 2, x2: xZero, y2: y + band / 2 },
          style: { stroke: GREY.axis, lineWidth: 1, lineDash: [4, 3] },
          silent: true,
        },
        { type: 'line', shape: { x1: x0, y1: y, x2: x1, y2: y }, style: { stroke: colour, lineWidth: 2.5 } },
        ...cap(x0, row.low === null),
        ...cap(x1, row.high === null),
        {
          type: 'polygon',
          shape: {
            points: [
              [xe, y - 7],
              [xe + 7, y],
              [xe, y + 7],
              [xe - 7, y],
            ],
          },
          style: { fill: colour, stroke: '#fff', lineWidth: 1.5 },
        },
        {
          type: 'text',
          x: Math.max(x1, xe) + 10,
          y,
          style: {
            text: `${mark} ${formatSignedPercent(row.estimate)} ${VERDICT_LABELS[row.verdict].label.toLowerCase()}`,
            fill: row.verdict === 'inconclusive' ? GREY.text : colour,
            font: '600 12px system-ui, sans-serif',
            verticalAlign: 'middle',
          },
        },
      ],
    };
  };
  return {
    animation: false,
    grid: { left: 8, right: 150, top: 12, bottom: 44, containLabel: true },
    tooltip: {
      trigger: 'item',
      formatter: (p: unknown) => {
        const row = rows[(p as { dataIndex: number }).dataIndex];
        if (!row) return '';
        return [
          `<strong>${escapeHtml(row.label)}</strong>`,
          `Lift: ${formatSignedPercent(row.estimate)}`,
          `Interval: ${formatSignedPercent(row.low, -1)} to ${formatSignedPercent(row.high)}`,
          `${row.evidence} · ${VERDICT_LABELS[row.verdict].label}`,
        ].join('<br>');
      },
    },
    xAxis: {
      type: 'value',
      min,
      max,
      interval: step,
      name: 'Relative lift against control',
      nameLocation: 'middle',
      nameGap: 28,
      nameTextStyle: { color: GREY.muted },
      axisLabel: { color: GREY.muted, formatter: (v: number) => formatAxisPercent(v) },
      splitLine: { lineStyle: { color: GREY.grid } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map((r) => r.label),
      axisTick: { show: false },
      axisLine: { lineStyle: { color: GREY.axis } },
      axisLabel: { color: GREY.text, fontSize: 12, width: 220, overflow: 'truncate' },
    },
    series: [
      {
        type: 'custom',
        name: 'Relative lift',
        renderItem: renderItem as never,
        encode: { x: [1, 2, 3], y: 0 },
        data: rows.map((r, i) => [i, r.low ?? min, r.high ?? max, r.estimate]),
      },
    ],
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
