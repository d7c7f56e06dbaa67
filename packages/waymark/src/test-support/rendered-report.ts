// A rendered weekly report for delivery tests, built here rather than by the report builder: two real PNG charts
// (drawn from SVG by resvg, as the report's charts are) referenced from the HTML by content id.

import { Resvg } from '@resvg/resvg-js';
import type { RenderedReport } from '../reports/rendered.js';

function barChartPng(values: number[], color: string): Buffer {
  const bars = values
    .map((v, i) => `<rect x="${10 + i * 30}" y="${110 - v}" width="20" height="${v}" fill="${color}"/>`)
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${20 + values.length * 30}" height="120"><rect width="100%" height="100%" fill="white"/>${bars}</svg>`;
  return Buffer.from(new Resvg(svg).render().asPng());
}

export function testReport(projectId: string, week: string): RenderedReport {
  const visitors = [40, 55, 70, 62];
  const revenue = [20, 35, 90];
  return {
    projectId,
    week,
    subject: `Weekly report ${week}: ${projectId}`,
    html: `<!doctype html><html><body style="font-family:sans-serif"><h1 style="font-size:20px">Week ${week}</h1><p>Visitors rose.</p><img src="cid:visitors@waymark" alt="Visitors" width="140"><img src="cid:revenue@waymark" alt="Revenue" width="110"><table><tr><td>Visitors</td><td>${visitors.at(-1)}</td></tr></table></body></html>`,
    text: `# Week ${week}\n\nVisitors rose.\n\n| Visitors | ${visitors.at(-1)} |\n`,
    images: [
      {
        cid: 'visitors@waymark',
        filename: 'visitors.png',
        contentType: 'image/png',
        content: barChartPng(visitors, '#2563eb'),
      },
      {
        cid: 'revenue@waymark',
        filename: 'revenue.png',
        contentType: 'image/png',
        content: barChartPng(revenue, '#16a34a'),
      },
    ],
    json: { week, project: projectId, kpis: { visitors: visitors.at(-1), revenue: revenue.at(-1) } },
  };
}
