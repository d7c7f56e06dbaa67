// The weekly report: what changed in an ISO week against the week before and the 4-week average, where the journey
// leaks, which channels, segments and stages moved, what the experiments say, and what to do next. This file builds
// it: the headline numbers and their tests here, the other sections in sections.ts, the actions in actions.ts; its
// shape is report-model.ts. The renderers (render-*.ts) only lay it out.

import { WaymarkError } from '../core/errors.js';
import { recommendActions } from './actions.js';
import {
  adjustTogether,
  ALPHA,
  changeSentence,
  formatChange,
  formatPValue,
  mean,
  ratio,
  testChange,
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
import {
  REPORT_VERSION,
  type Kpi,
  type ReportSources,
  type WeeklyReport,
  type WeeklyReportOptions,
} from './report-model.js';
import { experimentRows, funnelSections, groupSection, segmentRows, stageRows } from './sections.js';
import { byTouch, dailyTotals, firsts, orderCurrency, weekTotals } from './weekly-sql.js';

export type * from './report-model.js';
export { DEFAULT_FUNNEL } from './sections.js';
export { recommendActions } from './actions.js';

const DAY_MS = 86_400_000;
const iso = (t: number) => new Date(t).toISOString();

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
