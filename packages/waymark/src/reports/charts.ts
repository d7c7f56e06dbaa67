// Charts of the weekly report, drawn on the server: Apache ECharts renders SVG without a DOM, resvg turns it into a
// PNG that every e-mail client shows (most strip inline SVG). The numbers are in the report's tables as well.

import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import type { ReportImage } from './rendered.js';
import type { WeeklyReport } from './weekly.js';

const WIDTH = 600;
const HEIGHT = 240;
/** Colour-blind-safe pair (Okabe-Ito blue and orange): this week, last week. */
export const THIS_WEEK = '#0072B2';
export const LAST_WEEK = '#E69F00';
const FONT = 'DejaVu Sans, Liberation Sans, Arial, sans-serif';

function toPng(option: echarts.EChartsCoreOption, height = HEIGHT): Buffer {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: FONT }, ...option });
    const svg = chart.renderToSVGString();
    // Twice the pixels of the layout size, so the image stays sharp on high-density screens.
    const png = new Resvg(svg, {
      fitTo: { mode: 'zoom', value: 2 },
      background: '#ffffff',
      font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
    })
      .render()
      .asPng();
    return Buffer.from(png);
  } finally {
    chart.dispose();
  }
}

function weekComparison(
  title: string,
  days: string[],
  current: number[],
  previous: number[],
): echarts.EChartsCoreOption {
  return {
    title: { text: title, left: 8, top: 4, textStyle: { fontSize: 14, fontWeight: 'bold', color: '#1f2937' } },
    legend: { top: 6, right: 8, data: ['This week', 'Last week'] },
    grid: { left: 56, right: 16, top: 40, bottom: 28 },
    xAxis: { type: 'category', data: days },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: 'This week', type: 'bar', data: current, itemStyle: { color: THIS_WEEK } },
      { name: 'Last week', type: 'bar', data: previous, itemStyle: { color: LAST_WEEK } },
    ],
  };
}

/** One PNG per chart, with the cid the HTML refers to. Charts without data are left out. */
export function reportCharts(report: WeeklyReport): ReportImage[] {
  const images: ReportImage[] = [];
  const add = (cid: string, content: Buffer) =>
    images.push({ cid, filename: `${cid}.png`, contentType: 'image/png', content });
  // The report's days are local midnights; their weekday is read in the project's zone.
  const days = report.daily.map((d) =>
    new Date(d.day).toLocaleDateString('en-US', { weekday: 'short', timeZone: report.project.timeZone }),
  );
  if (report.daily.some((d) => d.visitors + d.previousVisitors > 0))
    add(
      'visitors',
      toPng(
        weekComparison(
          'Visitors per day',
          days,
          report.daily.map((d) => d.visitors),
          report.daily.map((d) => d.previousVisitors),
        ),
      ),
    );
  if (report.daily.some((d) => d.revenue + d.previousRevenue > 0))
    add(
      'revenue',
      toPng(
        weekComparison(
          `Revenue per day${report.currency ? ` (${report.currency})` : ''}`,
          days,
          report.daily.map((d) => Math.round(d.revenue * 100) / 100),
          report.daily.map((d) => Math.round(d.previousRevenue * 100) / 100),
        ),
      ),
    );
  report.funnels.forEach((f, i) => {
    if (f.steps.every((s) => s.current + s.previous === 0)) return;
    const first = (k: 'current' | 'previous') => f.steps[0]?.[k] || 1;
    add(
      `funnel-${i + 1}`,
      toPng({
        title: {
          text: `${f.name}: share reaching each step`,
          left: 8,
          top: 4,
          textStyle: { fontSize: 14, color: '#1f2937' },
        },
        legend: { top: 6, right: 8, data: ['This week', 'Last week'] },
        grid: { left: 56, right: 16, top: 40, bottom: 28 },
        xAxis: { type: 'category', data: f.steps.map((s) => s.name) },
        yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
        series: [
          {
            name: 'This week',
            type: 'bar',
            itemStyle: { color: THIS_WEEK },
            data: f.steps.map((s) => Math.round((s.current / first('current')) * 1000) / 10),
          },
          {
            name: 'Last week',
            type: 'bar',
            itemStyle: { color: LAST_WEEK },
            data: f.steps.map((s) => Math.round((s.previous / first('previous')) * 1000) / 10),
          },
        ],
      }),
    );
  });
  const channels = report.channels.find((c) => c.dimension === 'channel');
  if (channels && channels.rows.some((r) => r.visitors + r.previousVisitors > 0)) {
    const rows = [...channels.rows].reverse();
    add(
      'channels',
      toPng(
        {
          title: { text: 'Visitors by channel', left: 8, top: 4, textStyle: { fontSize: 14, color: '#1f2937' } },
          legend: { top: 6, right: 8, data: ['This week', 'Last week'] },
          grid: { left: 120, right: 24, top: 40, bottom: 24 },
          yAxis: { type: 'category', data: rows.map((r) => r.value) },
          xAxis: { type: 'value', minInterval: 1 },
          series: [
            { name: 'This week', type: 'bar', data: rows.map((r) => r.visitors), itemStyle: { color: THIS_WEEK } },
            {
              name: 'Last week',
              type: 'bar',
              data: rows.map((r) => r.previousVisitors),
              itemStyle: { color: LAST_WEEK },
            },
          ],
        },
        Math.max(HEIGHT, 60 + rows.length * 28),
      ),
    );
  }
  return images;
}
