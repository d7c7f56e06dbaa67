// The report as e-mail-safe HTML: one centred table 640 px wide, inline styles only, no scripts or external CSS,
// charts as `cid:` images (or data: URIs for a browser or PDF). Pure.

import { reportBlocks, reportTitle, type Block, type Cell } from './document.js';
import { LAST_WEEK, THIS_WEEK } from './charts.js';
import type { ReportImage } from './rendered.js';
import type { WeeklyReport } from './weekly.js';

const FONT = "font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;";
const TONE_COLOUR = { up: '#0b6e4f', down: '#b3261e', flat: '#374151' } as const;
const TONE_MARK = { up: '▲ ', down: '▼ ', flat: '' } as const;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function cell(c: Cell, numeric: boolean, header = false): string {
  const text = typeof c === 'string' ? c : c.text;
  const tone = typeof c === 'string' ? 'flat' : c.tone;
  const tag = header ? 'th' : 'td';
  const style =
    `padding:6px 8px;border-bottom:1px solid #e5e7eb;text-align:${numeric ? 'right;white-space:nowrap' : 'left'};` +
    `color:${header ? '#4b5563' : TONE_COLOUR[tone]};font-size:13px;${header ? 'font-weight:600;' : ''}` +
    (tone !== 'flat' ? 'font-weight:600;' : '');
  return `<${tag} style="${style}">${escapeHtml(TONE_MARK[tone] + text)}</${tag}>`;
}

function block(b: Block, src: (cid: string) => string): string {
  switch (b.kind) {
    case 'heading':
      return `<h2 style="${FONT}font-size:18px;color:#111827;margin:28px 0 8px;border-bottom:2px solid #e5e7eb;padding-bottom:4px">${escapeHtml(b.text)}</h2>`;
    case 'paragraph':
      return `<p style="${FONT}font-size:${b.muted ? 12 : 14}px;line-height:1.5;color:${b.muted ? '#6b7280' : '#1f2937'};margin:8px 0">${escapeHtml(b.text)}</p>`;
    case 'list':
      return `<ul style="${FONT}font-size:14px;line-height:1.5;color:#1f2937;margin:8px 0;padding-left:20px">${b.items
        .map((i) => `<li style="margin:4px 0">${escapeHtml(i)}</li>`)
        .join('')}</ul>`;
    case 'table':
      return (
        `<table role="presentation" cellpadding="0" cellspacing="0" width="100%" style="${FONT}border-collapse:collapse;margin:8px 0">` +
        `<tr>${b.columns.map((c, i) => cell(c, b.numeric[i] ?? false, true)).join('')}</tr>` +
        b.rows.map((r) => `<tr>${r.map((c, i) => cell(c, b.numeric[i] ?? false)).join('')}</tr>`).join('') +
        '</table>'
      );
    case 'chart':
      return `<img src="${src(b.cid)}" alt="${escapeHtml(b.alt)}" width="600" style="display:block;width:100%;max-width:600px;height:auto;margin:12px 0;border:0">`;
  }
}

export interface HtmlOptions {
  /** How an image is referenced: `cid` for e-mail (default), `data` to embed it (browser, PDF, a saved file). */
  images?: 'cid' | 'data';
}

export function renderHtml(report: WeeklyReport, images: readonly ReportImage[], options: HtmlOptions = {}): string {
  const byCid = new Map(images.map((i) => [i.cid, i]));
  const src = (cid: string) =>
    options.images === 'data' ? `data:image/png;base64,${byCid.get(cid)!.content.toString('base64')}` : `cid:${cid}`;
  const title = reportTitle(report);
  const body = reportBlocks(report, new Set(byCid.keys()))
    .map((b) => block(b, src))
    .join('\n');
  const legend = `<span style="color:${THIS_WEEK};font-weight:600">■ this week</span> &nbsp; <span style="color:${LAST_WEEK};font-weight:600">■ last week</span>`;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title></head>
<body style="margin:0;padding:0;background:#f3f4f6">
<table role="presentation" cellpadding="0" cellspacing="0" width="100%" style="background:#f3f4f6"><tr><td align="center" style="padding:24px 8px">
<table role="presentation" cellpadding="0" cellspacing="0" width="640" style="max-width:640px;width:100%;background:#ffffff;border-radius:8px"><tr><td style="padding:24px">
<p style="${FONT}font-size:12px;color:#6b7280;margin:0;text-transform:uppercase;letter-spacing:0.05em">Waymark weekly report</p>
<h1 style="${FONT}font-size:22px;color:#111827;margin:4px 0 4px">${escapeHtml(title)}</h1>
<p style="${FONT}font-size:12px;color:#6b7280;margin:0 0 8px">Compared with ${escapeHtml(report.previousWeek)} and the 4-week average. Charts: ${legend}</p>
${body}
</td></tr></table>
</td></tr></table>
</body></html>
`;
}
