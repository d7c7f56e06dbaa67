// The weekly report: what changed in an ISO week against the week before and the 4-week average, where the journey
// leaks, which channels, segments and stages moved, what the experiments say, and what to do next. This file gathers
// the numbers and the evidence; the renderers (render-*.ts) only lay them out.

import { dropOffAnalysis, type DropOffResult } from '../analytics/funnels/drop-off.js';
import { funnelAnalysis, type FunnelResult } from '../analytics/funnels/funnel.js';
import type { FunnelSpec } from '../analytics/funnels/funnel-spec.js';
import { stagesAnalysis } from '../analytics/stages/stages.js';
import type { AnalysisContext } from '../analytics/analysis.js';
import { WaymarkError } from '../core/errors.js';
import { INSIGHT_KIND, listSaved, type Insight } from '../insights/saved.js';
import { listExperiments } from '../personalization/definitions.js';
import { experimentResults } from '../personalization/results.js';
import { listSegments } from '../segments/segments.js';
import type { StateStore } from '../state/state-store.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import {
  adjustTogether,
  ALPHA,
  changeSentence,
  formatChange,
  formatCount,
  formatMoney,
  formatPValue,
  formatRatio,
  percentChange,
  testChange,
  type ChangeTest,
  type KpiUnit,
  type Sample,
} from './findings.js';
import {
  checkTimeZone,
  lastCompleteWeek,
  parseIsoWeek,
  shiftWeek,
  weekRange,
  zonedToInstant,
  type WeekRange,
} from './iso-week.js';
import { byTouch, dailyTotals, firsts, orderCurrency, segmentWeeks, weekTotals, type GroupWeek } from './weekly-sql.js';

export const REPORT_VERSION = 1;
const DAY_MS = 86_400_000;
/** Saved funnels beyond this many are left out of the report (the first ones by id). */
const MAX_FUNNELS = 5;
const MAX_GROUPS = 8;

export interface Kpi {
  id: string;
  label: string;
  unit: KpiUnit;
  current: number | null;
  previous: number | null;
  /** The average of the four weeks before the report's week. */
  average4: number | null;
  /** The test of current against previous (p adjusted across the headline numbers); null when untestable. */
  test: ChangeTest | null;
  significant: boolean;
  /** The change in words, for significant changes only. */
  sentence: string | null;
  /** What was tested, when it is not the number itself ("revenue per visitor"). */
  testedAs?: string;
}

export interface FunnelSection {
  id: string;
  name: string;
  source: 'saved' | 'default';
  steps: { name: string; current: number; previous: number }[];
  conversion: { current: number | null; previous: number | null; average4: number | null; p: number | null };
  hotspot: {
    step: number;
    stepName: string;
    previousStepName: string;
    /** Share of persons at the previous step lost at this one. */
    loss: number;
    previousLoss: number | null;
    lost: number;
    p: number | null;
    overRepresented: { dimension: string; value: string; lift: number | null; p: number; share: number }[];
  } | null;
}

export interface GroupRow {
  value: string;
  visitors: number;
  previousVisitors: number;
  conversion: number | null;
  previousConversion: number | null;
  revenue: number;
  previousRevenue: number;
  /** Two-proportion test of the conversion change. */
  p: number | null;
}

export interface GroupSection {
  dimension: 'channel' | 'campaign';
  rows: GroupRow[];
  /** Largest revenue gain and loss against the previous week. */
  best: string | null;
  worst: string | null;
}

export interface SegmentRow {
  id: string;
  name: string;
  size: number;
  previousSize: number;
  entered: number;
  exited: number;
  revenuePerPerson: number | null;
}

export interface StageRow {
  name: string;
  current: number;
  previous: number;
  conversionToNext: number | null;
  previousConversionToNext: number | null;
}

export interface ExperimentRow {
  id: string;
  name: string;
  status: 'running' | 'stopped';
  persons: number;
  srm: { ok: boolean; p: number } | null;
  primary: string | null;
  variants: {
    variant: string;
    lift: number | null;
    interval: [number, number] | null;
    p: number | null;
    chanceToWin: number | null;
  }[];
  recommendation: { action: string; variant?: string; reason: string } | null;
}

export interface Action {
  text: string;
  /** The finding it rests on, in words. */
  evidence: string;
}

export interface WeeklyReport {
  version: number;
  project: { id: string; name: string; timeZone: string };
  week: string;
  range: { from: string; to: string };
  previousWeek: string;
  generatedAt: string;
  currency: string | null;
  kpis: Kpi[];
  /** The biggest significant changes first, as sentences; `noise` names the numbers that moved without evidence. */
  changes: { significant: string[]; noise: string[] };
  daily: {
    day: string;
    visitors: number;
    orders: number;
    revenue: number;
    previousVisitors: number;
    previousOrders: number;
    previousRevenue: number;
  }[];
  funnels: FunnelSection[];
  channels: GroupSection[];
  segments: SegmentRow[];
  stages: StageRow[];
  experiments: ExperimentRow[];
  actions: Action[];
}

export interface WeeklyReportOptions {
  projectId: string;
  /** ISO week, `2026-W47`; default the last complete week in the project's time zone. */
  week?: string;
  /** The clock (default Date.now). */
  now?: number;
}

export interface ReportSources {
  warehouse: Warehouse;
  state: StateStore;
}

/** The main funnel when a project has saved none: the Segment e-commerce spec's path to purchase. */
export const DEFAULT_FUNNEL: FunnelSpec = funnelAnalysis.parse({
  steps: [
    { event: 'Product Viewed' },
    { event: 'Product Added' },
    { event: 'Checkout Started' },
    { event: 'Order Completed', name: 'Purchase' },
  ],
  window: { value: 7, unit: 'day' },
});

const iso = (t: number) => new Date(t).toISOString();
const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);
const mean = (xs: (number | null)[]): number | null => {
  const present = xs.filter((x): x is number => x !== null);
  return present.length === 0 ? null : present.reduce((s, x) => s + x, 0) / present.length;
};

export async function buildWeeklyReport(sources: ReportSources, options: WeeklyReportOptions): Promise<WeeklyReport> {
  const now = options.now ?? Date.now();
  const project = await sources.state.projects.get(options.projectId);
  if (!project) throw new WaymarkError('not_found', `no project "${options.projectId}"`, { field: 'project' });
  const timeZone = checkTimeZone(project.timeZone, 'project.timeZone');
  const week = options.week ? parseIsoWeek(options.week) : lastCompleteWeek(now, timeZone);
  // Weeks 0..4 are the four before the report's week and the week itself, oldest first.
  const weeks: WeekRange[] = [-4, -3, -2, -1, 0].map((k) => weekRange(shiftWeek(week, k), timeZone));
  const current = weeks[4]!;
  const previous = weeks[3]!;
  if (current.from > now)
    throw new WaymarkError('invalid_request', `${current.week} has not started yet`, { field: 'week' });
  // Each week is read at the same age as the report's week: as of its end plus the time since the report's week ended.
  const age = Math.max(0, now - current.to);
  const asOf = (w: WeekRange) => Math.min(now, w.to + age);
  const { warehouse, state } = sources;
  const pid = project.id;
  const starts = weeks.map((w) => w.from);

  const [totals, first, currency, channelWeeks, campaignWeeks] = await Promise.all([
    weekTotals(warehouse, pid, starts, current.to),
    firsts(warehouse, pid, starts, current.to),
    orderCurrency(warehouse, pid, previous.from, current.to),
    byTouch(warehouse, pid, 'channel', [previous.from, current.from], current.to),
    byTouch(warehouse, pid, 'campaign', [previous.from, current.from], current.to),
  ]);
  const dayStarts = [...dayBoundaries(previous, timeZone), ...dayBoundaries(current, timeZone)];
  const daily = await dailyTotals(warehouse, pid, dayStarts, current.to);

  const funnels = await funnelSections(warehouse, state, pid, weeks, asOf);

  // Headline numbers, each with its test; p-values adjusted together.
  const t = totals;
  type Raw = Omit<Kpi, 'test' | 'significant' | 'sentence'> & { samples: [Sample, Sample] | null };
  const perWeek = (f: (i: number) => number | null) => ({
    current: f(4),
    previous: f(3),
    average4: mean([f(0), f(1), f(2), f(3)]),
  });
  const count = (id: string, label: string, f: (i: number) => number): Raw => ({
    id,
    label,
    unit: 'count',
    ...perWeek(f),
    samples: [
      { kind: 'count', value: f(4) },
      { kind: 'count', value: f(3) },
    ],
  });
  const raws: Raw[] = [
    count('visitors', 'Visitors', (i) => t[i]!.visitors),
    count('identified', 'Identified customers', (i) => t[i]!.identified),
    count('new_customers', 'New customers', (i) => first.newCustomers[i]!),
    count('orders', 'Orders', (i) => t[i]!.orders),
    {
      id: 'revenue',
      label: 'Revenue',
      unit: 'money',
      ...perWeek((i) => t[i]!.revenue),
      testedAs: 'per visitor',
      samples: [
        { kind: 'mean', n: t[4]!.visitors, sum: t[4]!.revenue, sumSquares: t[4]!.visitorRevenueSquares },
        { kind: 'mean', n: t[3]!.visitors, sum: t[3]!.revenue, sumSquares: t[3]!.visitorRevenueSquares },
      ],
    },
    {
      id: 'aov',
      label: 'Average order value',
      unit: 'money',
      ...perWeek((i) => ratio(t[i]!.revenue, t[i]!.orders)),
      samples: [
        { kind: 'mean', n: t[4]!.orders, sum: t[4]!.revenue, sumSquares: t[4]!.orderRevenueSquares },
        { kind: 'mean', n: t[3]!.orders, sum: t[3]!.revenue, sumSquares: t[3]!.orderRevenueSquares },
      ],
    },
    ...funnels.map((f): Raw => ({
      id: `funnel:${f.section.id}`,
      label: `${f.section.name} conversion`,
      unit: 'ratio',
      current: f.section.conversion.current,
      previous: f.section.conversion.previous,
      average4: f.section.conversion.average4,
      samples: f.samples,
    })),
    {
      id: 'retention',
      label: "Retention of last month's new visitors",
      unit: 'ratio',
      ...perWeek((i) => ratio(first.cohort[i]!.retained, first.cohort[i]!.persons)),
      samples: [
        { kind: 'proportion', successes: first.cohort[4]!.retained, trials: first.cohort[4]!.persons },
        { kind: 'proportion', successes: first.cohort[3]!.retained, trials: first.cohort[3]!.persons },
      ],
    },
  ];
  const tests = adjustTogether(raws.map((r) => (r.samples ? testChange(r.samples[0], r.samples[1]) : null)));
  const kpis: Kpi[] = raws.map(({ samples: _samples, ...r }, i) => {
    const test = tests[i] ?? null;
    const significant =
      test !== null && test.p < ALPHA && r.current !== null && r.previous !== null && r.current !== r.previous;
    return {
      ...r,
      test,
      significant,
      sentence: significant ? changeSentence(r.label, r.current!, r.previous!, r.unit, test.p, currency) : null,
    };
  });
  for (const f of funnels)
    f.section.conversion.p = kpis.find((k) => k.id === `funnel:${f.section.id}`)?.test?.p ?? null;

  const changes = {
    significant: kpis
      .filter((k) => k.significant)
      .sort((a, b) => (a.test?.p ?? 1) - (b.test?.p ?? 1))
      .map((k) => k.sentence!),
    noise: kpis
      .filter((k) => !k.significant && k.current !== null && k.previous !== null && k.current !== k.previous)
      .map(
        (k) =>
          `${k.label} (${formatChange(k.current, k.previous, k.unit)}, ${k.test ? formatPValue(k.test.p) : 'not testable'})`,
      ),
  };

  const [segments, stages, experiments] = await Promise.all([
    segmentRows(warehouse, state, pid, current),
    stageRows(warehouse, state, pid, current, previous, asOf),
    experimentRows(warehouse, state, pid, current, now),
  ]);
  const channels = [groupSection('channel', channelWeeks), groupSection('campaign', campaignWeeks)];
  const report: WeeklyReport = {
    version: REPORT_VERSION,
    project: { id: project.id, name: project.name, timeZone },
    week: current.week,
    range: { from: iso(current.from), to: iso(current.to) },
    previousWeek: previous.week,
    generatedAt: iso(now),
    currency,
    kpis,
    changes,
    daily: daily.slice(7).map((d, i) => ({
      day: iso(dayStarts[7 + i]!),
      visitors: d.visitors,
      orders: d.orders,
      revenue: d.revenue,
      previousVisitors: daily[i]!.visitors,
      previousOrders: daily[i]!.orders,
      previousRevenue: daily[i]!.revenue,
    })),
    funnels: funnels.map((f) => f.section),
    channels,
    segments,
    stages,
    experiments,
    actions: [],
  };
  report.actions = recommendActions(report);
  return report;
}

/** The local midnights that start each day of a week. */
function dayBoundaries(w: WeekRange, timeZone: string): number[] {
  const monday = parseIsoWeek(w.week);
  const first = weekRange(monday, 'UTC').from;
  return Array.from({ length: 7 }, (_, i) => zonedToInstant(first + i * DAY_MS, timeZone));
}

async function funnelSections(
  warehouse: Warehouse,
  state: StateStore,
  projectId: string,
  weeks: WeekRange[],
  asOf: (w: WeekRange) => number,
): Promise<{ section: FunnelSection; samples: [Sample, Sample] | null }[]> {
  const saved = (await listSaved<Insight>(state.definitions, projectId, INSIGHT_KIND))
    .filter((i) => i.analysis === 'funnel')
    .slice(0, MAX_FUNNELS);
  const chosen: { id: string; name: string; source: 'saved' | 'default'; spec: FunnelSpec }[] =
    saved.length > 0
      ? saved.map((i) => ({ id: i.id, name: i.name, source: 'saved', spec: funnelAnalysis.parse(i.spec) }))
      : [{ id: 'purchase', name: 'Purchase funnel', source: 'default', spec: DEFAULT_FUNNEL }];
  const out: { section: FunnelSection; samples: [Sample, Sample] | null }[] = [];
  for (const f of chosen) {
    const spec = (w: WeekRange): FunnelSpec => ({
      ...f.spec,
      range: { from: iso(w.from), to: iso(w.to) },
      breakdown: undefined,
    });
    const results: FunnelResult[] = [];
    for (const w of weeks) {
      const ctx: AnalysisContext = { warehouse, now: () => asOf(w), definitions: state.definitions };
      results.push(await funnelAnalysis.run(ctx, projectId, spec(w)));
    }
    const entered = (r: FunnelResult) => r.steps[0]?.count ?? 0;
    const completed = (r: FunnelResult) => r.steps[r.steps.length - 1]?.count ?? 0;
    const conv = results.map((r) => ratio(completed(r), entered(r)));
    const [cur, prev] = [results[4]!, results[3]!];
    if (entered(cur) === 0 && entered(prev) === 0 && f.source === 'default') continue; // not a shop: no funnel
    const section: FunnelSection = {
      id: f.id,
      name: f.name,
      source: f.source,
      steps: cur.steps.map((s, i) => ({ name: s.name, current: s.count, previous: prev.steps[i]?.count ?? 0 })),
      conversion: { current: conv[4]!, previous: conv[3]!, average4: mean(conv.slice(0, 4)), p: null },
      hotspot: await hotspot(warehouse, state, projectId, spec(weeks[4]!), cur, prev, asOf(weeks[4]!)),
    };
    out.push({
      section,
      samples: [
        { kind: 'proportion', successes: completed(cur), trials: entered(cur) },
        { kind: 'proportion', successes: completed(prev), trials: entered(prev) },
      ],
    });
  }
  return out;
}

/** The step with the largest loss this week, how its loss moved, and who is over-represented among those lost. */
async function hotspot(
  warehouse: Warehouse,
  state: StateStore,
  projectId: string,
  spec: FunnelSpec,
  cur: FunnelResult,
  prev: FunnelResult,
  now: number,
): Promise<FunnelSection['hotspot']> {
  let best = -1;
  let bestLoss = -1;
  cur.steps.forEach((s, i) => {
    if (i === 0) return;
    const before = cur.steps[i - 1]!.count;
    const loss = before > 0 ? (before - s.count) / before : 0;
    if (before > 0 && loss > bestLoss) [best, bestLoss] = [i, loss];
  });
  if (best < 1) return null;
  const before = cur.steps[best - 1]!;
  const prevBefore = prev.steps[best - 1]?.count ?? 0;
  const prevAt = prev.steps[best]?.count ?? 0;
  const lost = before.count - cur.steps[best]!.count;
  const test = testChange(
    { kind: 'proportion', successes: lost, trials: before.count },
    { kind: 'proportion', successes: prevBefore - prevAt, trials: prevBefore },
  );
  let drop: DropOffResult | null = null;
  try {
    const ctx: AnalysisContext = { warehouse, now: () => now, definitions: state.definitions };
    drop = await dropOffAnalysis.run(ctx, projectId, dropOffAnalysis.parse({ ...spec, step: best }));
  } catch {
    drop = null; // the hotspot still stands without its drill-down
  }
  return {
    step: best,
    stepName: cur.steps[best]!.name,
    previousStepName: before.name,
    loss: bestLoss,
    previousLoss: ratio(prevBefore - prevAt, prevBefore),
    lost,
    p: test?.p ?? null,
    overRepresented: (drop?.overRepresented ?? [])
      // Most excess first: a large group somewhat over-represented explains more of the loss than a tiny one.
      .filter((o) => o.significant && (o.lift ?? 0) > 1)
      .sort((a, b) => b.shareOfDropped - b.shareOfReached - (a.shareOfDropped - a.shareOfReached))
      .slice(0, 3)
      .map((o) => ({ dimension: o.dimension, value: o.value, lift: o.lift, p: o.p, share: o.shareOfDropped })),
  };
}

function groupSection(dimension: 'channel' | 'campaign', weeks: GroupWeek[][]): GroupSection {
  const [prev, cur] = [weeks[0] ?? [], weeks[1] ?? []];
  const values = new Set([...cur, ...prev].map((g) => g.value));
  const rows: GroupRow[] = [...values].map((value) => {
    const c = cur.find((g) => g.value === value) ?? { visitors: 0, converted: 0, revenue: 0 };
    const p = prev.find((g) => g.value === value) ?? { visitors: 0, converted: 0, revenue: 0 };
    const test = testChange(
      { kind: 'proportion', successes: c.converted, trials: c.visitors },
      { kind: 'proportion', successes: p.converted, trials: p.visitors },
    );
    return {
      value,
      visitors: c.visitors,
      previousVisitors: p.visitors,
      conversion: ratio(c.converted, c.visitors),
      previousConversion: ratio(p.converted, p.visitors),
      revenue: c.revenue,
      previousRevenue: p.revenue,
      p: test?.p ?? null,
    };
  });
  rows.sort((a, b) => b.visitors - a.visitors || a.value.localeCompare(b.value));
  const shown = rows.filter((r) => !(dimension === 'campaign' && r.value === '(none)')).slice(0, MAX_GROUPS);
  const moved = [...shown].sort((a, b) => b.revenue - b.previousRevenue - (a.revenue - a.previousRevenue));
  const best = moved[0] && moved[0].revenue > moved[0].previousRevenue ? moved[0].value : null;
  const last = moved[moved.length - 1];
  const worst = last && last.revenue < last.previousRevenue ? last.value : null;
  return { dimension, rows: shown, best, worst };
}

async function segmentRows(
  warehouse: Warehouse,
  state: StateStore,
  projectId: string,
  week: WeekRange,
): Promise<SegmentRow[]> {
  const saved = await listSegments(state.definitions, projectId);
  const moves = await segmentWeeks(
    warehouse,
    projectId,
    saved.map((s) => s.id),
    week.from,
    week.to,
  );
  return saved.map((s, i) => {
    const m = moves[i]!;
    return {
      id: s.id,
      name: s.name,
      size: m.size,
      previousSize: m.previousSize,
      entered: m.entered,
      exited: m.exited,
      revenuePerPerson: ratio(m.revenue, m.size),
    };
  });
}

async function stageRows(
  warehouse: Warehouse,
  state: StateStore,
  projectId: string,
  current: WeekRange,
  previous: WeekRange,
  asOf: (w: WeekRange) => number,
): Promise<StageRow[]> {
  const run = (w: WeekRange) =>
    stagesAnalysis.run(
      { warehouse, now: () => asOf(w), definitions: state.definitions },
      projectId,
      stagesAnalysis.parse({ range: { from: iso(w.from), to: iso(w.to) } }),
    );
  const [cur, prev] = [await run(current), await run(previous)];
  return cur.stages.map((s, i) => ({
    name: s.name,
    current: s.current,
    previous: prev.stages[i]?.current ?? 0,
    conversionToNext: s.conversionToNext,
    previousConversionToNext: prev.stages[i]?.conversionToNext ?? null,
  }));
}

async function experimentRows(
  warehouse: Warehouse,
  state: StateStore,
  projectId: string,
  week: WeekRange,
  now: number,
): Promise<ExperimentRow[]> {
  const all = await listExperiments(state.definitions, projectId);
  const rows: ExperimentRow[] = [];
  for (const e of all) {
    const started = e.start ? Date.parse(e.start) : null;
    const stopped = e.stop ? Date.parse(e.stop) : null;
    // Running during the week, or finished within it.
    const running = e.status === 'running' && started !== null && started < week.to;
    const finished = e.status === 'stopped' && stopped !== null && stopped >= week.from && stopped < week.to;
    if (!running && !finished) continue;
    const report = await experimentResults(warehouse, projectId, e, Math.min(now, stopped ?? now));
    const a = report.analysis;
    const primary = a?.metrics[0];
    const difference = a?.difference ?? 'relative';
    rows.push({
      id: e.id,
      name: e.name,
      status: running ? 'running' : 'stopped',
      persons: report.exposures.reduce((s, x) => s + x.persons, 0),
      srm: a ? { ok: !a.srm.mismatch, p: a.srm.pValue } : null,
      primary: primary?.name ?? null,
      variants: (primary?.variants ?? []).map((v) => {
        const lift = v[difference];
        return {
          variant: v.arm,
          lift: lift?.estimate ?? null,
          interval: lift?.interval ?? null,
          p: v.adjustedPValue ?? v.pValue ?? null,
          chanceToWin: v.chanceToWin ?? null,
        };
      }),
      recommendation: a?.recommendation ?? null,
    });
  }
  return rows;
}

/** Actions that follow from the evidence, most pressing first; each names what it rests on. */
export function recommendActions(r: WeeklyReport): Action[] {
  const actions: Action[] = [];
  const pct = (x: number) => `${Math.abs(x).toFixed(0)}%`;
  for (const e of r.experiments) {
    if (e.srm && !e.srm.ok)
      actions.push({
        text: `Fix the assignment of "${e.name}" before reading it: its traffic split does not match the plan.`,
        evidence: `Sample-ratio mismatch, ${formatPValue(e.srm.p)}.`,
      });
    else if (e.recommendation?.action === 'ship')
      actions.push({
        text: `Ship ${e.recommendation.variant ? `"${e.recommendation.variant}" of ` : ''}"${e.name}".`,
        evidence: e.recommendation.reason,
      });
    else if (e.recommendation?.action === 'stop')
      actions.push({ text: `Stop "${e.name}".`, evidence: e.recommendation.reason });
  }
  for (const f of r.funnels) {
    const k = r.kpis.find((x) => x.id === `funnel:${f.id}`);
    if (k?.significant && k.current !== null && k.previous !== null && k.current < k.previous && f.hotspot) {
      const who = f.hotspot.overRepresented[0];
      actions.push({
        text: `Look into "${f.hotspot.previousStepName} → ${f.hotspot.stepName}" of the ${f.name}${who ? `, starting with ${who.dimension} ${who.value}` : ''}.`,
        evidence: `${k.sentence} The step loses ${formatRatio(f.hotspot.loss)} of those who reach "${f.hotspot.previousStepName}"${who && who.lift !== null ? `; ${who.dimension} ${who.value} is ${who.lift.toFixed(1)}× as common among them` : ''}.`,
      });
    } else if (
      f.hotspot &&
      f.hotspot.previousLoss !== null &&
      f.hotspot.p !== null &&
      f.hotspot.p < ALPHA &&
      f.hotspot.loss > f.hotspot.previousLoss
    ) {
      actions.push({
        text: `Review "${f.hotspot.stepName}" in the ${f.name}: more people stop before it than last week.`,
        evidence: `Loss at the step rose from ${formatRatio(f.hotspot.previousLoss)} to ${formatRatio(f.hotspot.loss)}, ${formatPValue(f.hotspot.p)}.`,
      });
    }
  }
  for (const s of r.segments) {
    const change = percentChange(s.size, s.previousSize);
    if (change === null || s.previousSize < 20 || Math.abs(change) < 15) continue;
    const grew = change > 0;
    actions.push({
      text: grew
        ? `"${s.name}" grew ${pct(change)}: consider a campaign or a personalized offer for it.`
        : `"${s.name}" shrank ${pct(change)}: check whether that is the outcome you wanted.`,
      evidence: `${formatCount(s.previousSize)} → ${formatCount(s.size)} persons (${formatCount(s.entered)} entered, ${formatCount(s.exited)} exited).`,
    });
  }
  for (const g of r.channels.filter((c) => c.dimension === 'channel')) {
    const worst = g.rows.find((x) => x.value === g.worst);
    if (worst && worst.p !== null && worst.p < ALPHA && (worst.conversion ?? 0) < (worst.previousConversion ?? 0))
      actions.push({
        text: `Check the ${worst.value} channel: its visitors convert less than last week.`,
        evidence: `Conversion ${formatRatio(worst.previousConversion)} → ${formatRatio(worst.conversion)}, ${formatPValue(worst.p)}; revenue ${formatMoney(worst.previousRevenue, r.currency)} → ${formatMoney(worst.revenue, r.currency)}.`,
      });
  }
  for (const g of r.channels) {
    const best = g.rows.find((x) => x.value === g.best);
    if (best && best.p !== null && best.p < ALPHA && (best.conversion ?? 0) > (best.previousConversion ?? 0))
      actions.push({
        text: `Build on the ${best.value} ${g.dimension}: it brought the largest revenue gain and converts better than last week.`,
        evidence: `Conversion ${formatRatio(best.previousConversion)} → ${formatRatio(best.conversion)}, ${formatPValue(best.p)}; revenue ${formatMoney(best.previousRevenue, r.currency)} → ${formatMoney(best.revenue, r.currency)}.`,
      });
  }
  for (const k of r.kpis) {
    if (k.id === 'retention' && k.significant && k.current! < k.previous!)
      actions.push({
        text: 'Win back last month’s new visitors: a welcome series or a returning-visitor offer.',
        evidence: k.sentence!,
      });
  }
  return actions;
}
