// The report as Markdown, for chat tools and the plain-text part of the e-mail. Pure.

import { reportBlocks, reportTitle, type Block, type Cell } from './document.js';
import type { WeeklyReport } from './weekly.js';

const MARK = { up: '▲ ', down: '▼ ', flat: '' } as const;

const text = (c: Cell) => (typeof c === 'string' ? c : MARK[c.tone] + c.text);
const escapeCell = (s: string) => s.replace(/\|/g, '\\|');

function block(b: Block): string {
  switch (b.kind) {
    case 'heading':
      return `## ${b.text}`;
    case 'paragraph':
      return b.muted ? `_${b.text}_` : b.text;
    case 'list':
      return b.items.map((i) => `- ${i}`).join('\n');
    case 'table':
      return [
        `| ${b.columns.map(escapeCell).join(' | ')} |`,
        `| ${b.numeric.map((n) => (n ? '---:' : '---')).join(' | ')} |`,
        ...b.rows.map((r) => `| ${r.map((c) => escapeCell(text(c))).join(' | ')} |`),
      ].join('\n');
    case 'chart':
      return ''; // the numbers are in the tables; charts travel with the HTML
  }
}

export function renderMarkdown(report: WeeklyReport): string {
  const blocks = reportBlocks(report, new Set());
  return `# ${reportTitle(report)}\n\n${blocks
    .map(block)
    .filter((s) => s !== '')
    .join('\n\n')}\n`;
}
