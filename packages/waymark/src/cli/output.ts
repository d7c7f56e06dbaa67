// How CLI commands print results: a table for people, JSON or CSV for scripts (`--format`).

export type OutputFormat = 'table' | 'json' | 'csv';

export function parseOutputFormat(value: string): OutputFormat {
  if (value === 'table' || value === 'json' || value === 'csv') return value;
  throw new Error(`--format must be table, json or csv (got "${value}")`);
}

type Cell = string | number | boolean | null | undefined;

export function printRows(rows: Record<string, Cell>[], format: OutputFormat, columns?: string[]): void {
  const cols = columns ?? [...new Set(rows.flatMap((r) => Object.keys(r)))];
  if (format === 'json') {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return;
  }
  const text = (c: Cell): string => (c === null || c === undefined ? '' : String(c));
  if (format === 'csv') {
    const esc = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    process.stdout.write(`${cols.join(',')}\n`);
    for (const r of rows) process.stdout.write(`${cols.map((c) => esc(text(r[c]))).join(',')}\n`);
    return;
  }
  if (rows.length === 0) {
    process.stdout.write('(none)\n');
    return;
  }
  const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => text(r[c]).length)));
  const line = (cells: string[]): string =>
    cells
      .map((s, i) => s.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  process.stdout.write(`${line(cols)}\n${line(widths.map((w) => '-'.repeat(w)))}\n`);
  for (const r of rows) process.stdout.write(`${line(cols.map((c) => text(r[c])))}\n`);
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
