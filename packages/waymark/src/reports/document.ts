// The weekly report laid out once, as a list of neutral blocks (headings, sentences, lists, tables, charts); the HTML
// and Markdown renderers only translate blocks, so both say the same thing in the same order. Pure.

import { formatChange, formatCount, formatMoney, formatPValue, formatRatio, formatValue } from './findings.js';
import type { WeeklyReport } from './weekly.js';

export type Tone = 'up' | 'down' | 'flat';
/** A table cell; a tone marks a significant rise or fall (a plain string is neutral). */
export type Cell = string | { text: string; tone: Tone };

export type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string; muted?: boolean }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; columns: string[]; rows: Cell[][]; numeric: boolean[] }
  | { kind: 'chart'; cid: string; alt: string };

const toneOf = (current: number | null, previous: number | null, significant: boolean): Tone =>
  !significant || current === null || previous === null || current === previous
    ? 'flat'
    : current > previous
      ? 'up'
      : 'down';

function changeCell(
  current: number | null,
  previous: number | null,
  unit: 'count' | 'money' | 'ratio',
  significant: boolean,
): Cell {
  return { text: formatChange(current, previous, unit), tone: toneOf(current, previous, significant) };
}

/** A p-value for a table column headed "p": `0.07`, `< 0.001`. */
const pCell = (p: number | null | undefined) =>
  p === null || p === undefined ? '–' : formatPValue(p).replace(/^p = /, '').replace(/^p /, '');

/** The report's title: "Demo — week 2026-W47 (17–23 Nov 2026)". */
export function reportTitle(r: WeeklyReport): string {
  const fmt = (iso: string, opts: Intl.DateTimeFormatOptions) =>
    new Date(iso).toLocaleDateString('en-GB', { timeZone: r.project.timeZone, ...opts });
  const last = new Date(Date.parse(r.range.to) - 1).toISOString();
  return `${r.project.name}: week ${r.week} (${fmt(r.range.from, { day: 'numeric', month: 'short' })} – ${fmt(last, { day: 'numeric', month: 'short', year: 'numeric' })})`;
}

export function reportBlocks(r: WeeklyReport, charts: ReadonlySet<string>): Block[] {
  const blocks: Block[] = [];
  const money = (x: number | null) => formatMoney(x, r.currency);
  const chart = (cid: string, alt: string) => {
    if (charts.has(cid)) blocks.push({ kind: 'chart', cid, alt });
  };

  blocks.push({ kind: 'heading', text: 'What changed' });
  if (r.changes.significant.length > 0) blocks.push({ kind: 'list', items: r.changes.significant });
  else blocks.push({ kind: 'paragraph', text: `No headline number changed significantly against ${r.previousWeek}.` });
  if (r.changes.noise.length > 0)
    blocks.push({
      kind: 'paragraph',
      muted: true,
      text: `Moved, but within what chance explains: ${r.changes.noise.join('; ')}.`,
    });

  blocks.push({ kind: 'heading', text: 'Recommended actions' });
  if (r.actions.length > 0)
    blocks.push({ kind: 'list', items: r.actions.map((a) => `${a.text} Evidence: ${a.evidence}`) });
  else
    blocks.push({
      kind: 'paragraph',
      text: 'Nothing calls for action this week: no significant change needs a response.',
    });

  blocks.push({ kind: 'heading', text: 'Headline numbers' });
  blocks.push({
    kind: 'table',
    columns: ['', 'This week', 'Last week', 'Change', '4-week average', 'p'],
    numeric: [false, true, true, true, true, true],
    rows: r.kpis.map((k) => [
      k.testedAs ? `${k.label} (tested ${k.testedAs})` : k.label,
      formatValue(k.current, k.unit, r.currency),
      formatValue(k.previous, k.unit, r.currency),
      changeCell(k.current, k.previous, k.unit, k.significant),
      formatValue(k.average4, k.unit, r.currency),
      pCell(k.test?.p),
    ]),
  });
  chart('visitors', 'Visitors per day, this week against last week');
  chart('revenue', 'Revenue per day, this week against last week');

  if (r.funnels.length > 0) {
    blocks.push({ kind: 'heading', text: 'Funnels and drop-off hotspots' });
    r.funnels.forEach((f, i) => {
      blocks.push({
        kind: 'paragraph',
        text: `${f.name}${f.source === 'default' ? ' (the default purchase funnel: save a funnel to report on your own)' : ''}: ${formatRatio(f.conversion.current)} converted this week, against ${formatRatio(f.conversion.previous)} last week${f.conversion.p === null ? '' : `, ${formatPValue(f.conversion.p)}`}.`,
      });
      blocks.push({
        kind: 'table',
        columns: ['Step', 'This week', 'Last week', 'Change'],
        numeric: [false, true, true, true],
        rows: f.steps.map((s) => [
          s.name,
          formatCount(s.current),
          formatCount(s.previous),
          changeCell(s.current, s.previous, 'count', false),
        ]),
      });
      chart(`funnel-${i + 1}`, `${f.name}: share reaching each step`);
      const h = f.hotspot;
      if (h) {
        const moved =
          h.previousLoss === null
            ? ''
            : `; last week ${formatRatio(h.previousLoss)}${h.p !== null ? `, ${formatPValue(h.p)}` : ''}`;
        const who =
          h.overRepresented.length > 0
            ? ` Over-represented among them: ${h.overRepresented
                .map(
                  (o) =>
                    `${o.dimension} ${o.value} (${formatRatio(o.share)} of those lost${o.lift !== null ? `, ${o.lift.toFixed(1)}×` : ''}, ${formatPValue(o.p)})`,
                )
                .join('; ')}.`
            : ' No channel, device or trait is significantly over-represented among them.';
        blocks.push({
          kind: 'paragraph',
          text: `Largest loss: ${h.previousStepName} → ${h.stepName}, where ${formatRatio(h.loss)} were lost (${formatCount(h.lost)} persons)${moved}.${who}`,
        });
      }
    });
  }

  for (const g of r.channels) {
    if (g.rows.length === 0) continue;
    blocks.push({ kind: 'heading', text: g.dimension === 'channel' ? 'Channels' : 'Campaigns' });
    const movers = [g.best ? `best mover ${g.best}` : null, g.worst ? `worst mover ${g.worst}` : null].filter(
      (x): x is string => x !== null,
    );
    if (movers.length > 0)
      blocks.push({ kind: 'paragraph', text: `By revenue against last week: ${movers.join(', ')}.` });
    blocks.push({
      kind: 'table',
      columns: [
        g.dimension === 'channel' ? 'Channel' : 'Campaign',
        'Visitors',
        'Last week',
        'Conversion',
        'Last week',
        'Revenue',
        'Last week',
      ],
      numeric: [false, true, true, true, true, true, true],
      rows: g.rows.map((x) => [
        x.value,
        formatCount(x.visitors),
        formatCount(x.previousVisitors),
        changeFormatted(x.conversion, x.previousConversion, x.p),
        formatRatio(x.previousConversion),
        money(x.revenue),
        money(x.previousRevenue),
      ]),
    });
    if (g.dimension === 'channel') chart('channels', 'Visitors by channel, this week against last week');
  }

  if (r.segments.length > 0) {
    blocks.push({ kind: 'heading', text: 'Segments' });
    blocks.push({
      kind: 'table',
      columns: ['Segment', 'Size', 'Week before', 'Change', 'Entered', 'Exited', 'Revenue per person'],
      numeric: [false, true, true, true, true, true, true],
      rows: r.segments.map((s) => [
        s.name,
        formatCount(s.size),
        formatCount(s.previousSize),
        changeCell(s.size, s.previousSize, 'count', false),
        formatCount(s.entered),
        formatCount(s.exited),
        money(s.revenuePerPerson),
      ]),
    });
  }

  if (r.stages.length > 0) {
    blocks.push({ kind: 'heading', text: 'Journey stages' });
    blocks.push({
      kind: 'table',
      columns: ['Stage', 'Persons at the end of the week', 'Week before', 'On to the next stage', 'Week before'],
      numeric: [false, true, true, true, true],
      rows: r.stages.map((s) => [
        s.name,
        formatCount(s.current),
        formatCount(s.previous),
        formatRatio(s.conversionToNext),
        formatRatio(s.previousConversionToNext),
      ]),
    });
  }

  blocks.push({ kind: 'heading', text: 'Experiments' });
  if (r.experiments.length === 0) blocks.push({ kind: 'paragraph', text: 'No experiment ran this week.' });
  for (const e of r.experiments) {
    const srm =
      e.srm === null
        ? 'no exposures yet'
        : e.srm.ok
          ? `traffic split OK (${formatPValue(e.srm.p)})`
          : `SAMPLE-RATIO MISMATCH (${formatPValue(e.srm.p)}): do not trust the results`;
    blocks.push({
      kind: 'paragraph',
      text: `${e.name} (${e.status === 'running' ? 'running' : 'finished this week'}, ${formatCount(e.persons)} persons): ${srm}.${e.recommendation ? ` Recommendation: ${e.recommendation.action.toUpperCase()}${e.recommendation.variant ? ` ${e.recommendation.variant}` : ''}: ${e.recommendation.reason}` : ''}`,
    });
    if (e.variants.length > 0)
      blocks.push({
        kind: 'table',
        columns: [`Variant (${e.primary ?? 'primary metric'})`, 'Lift', 'Interval', 'p / chance to win'],
        numeric: [false, true, true, true],
        rows: e.variants.map((v) => [
          v.variant,
          v.lift === null ? '–' : `${v.lift > 0 ? '+' : ''}${(v.lift * 100).toFixed(1)}%`,
          v.interval === null ? '–' : `${(v.interval[0] * 100).toFixed(1)}% to ${(v.interval[1] * 100).toFixed(1)}%`,
          v.chanceToWin !== null ? `${(v.chanceToWin * 100).toFixed(1)}% to win` : pCell(v.p),
        ]),
      });
  }

  blocks.push({
    kind: 'paragraph',
    muted: true,
    text:
      `How to read this: weeks run Monday to Sunday in ${r.project.timeZone}; each week is read at the same age, so late ` +
      'conversions do not favour older weeks. Counts are compared with a Poisson test, proportions with a two-proportion ' +
      'z-test, means with Welch’s t-test; the headline p-values are adjusted together (Benjamini-Hochberg), and only ' +
      `changes with p < 0.05 are called out. Generated ${r.generatedAt.slice(0, 16).replace('T', ' ')} UTC by Waymark.`,
  });
  return blocks;
}

function changeFormatted(current: number | null, previous: number | null, p: number | null): Cell {
  const significant = p !== null && p < 0.05;
  return { text: formatRatio(current), tone: toneOf(current, previous, significant) };
}
