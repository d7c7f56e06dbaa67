// `waymark report weekly` as a user runs it: the built binary on a small demo data dir.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtCliAvailable, runCli } from '../../test-support/cli.js';
import { testDir } from '../../test-support/stores.js';

const dataDir = join(testDir(), 'report-cli');

describe.runIf(builtCliAvailable())('waymark report weekly', () => {
  beforeAll(() => {
    const demo = runCli(['demo', '--data-dir', dataDir, '--customers', '300', '--days', '40']);
    expect(demo.status, demo.stderr).toBe(0);
  }, 300_000);

  it('prints the last complete week as Markdown', () => {
    const run = runCli(['report', 'weekly', '--data-dir', dataDir]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^# Demo Shop: week \d{4}-W\d{2}/);
    expect(run.stdout).toContain('## Headline numbers');
    expect(run.stdout).toContain('| Visitors |');
  }, 120_000);

  it('writes HTML with its charts embedded to a file', () => {
    const out = join(testDir(), 'week.html');
    const run = runCli(['report', 'weekly', '--data-dir', dataDir, '--format', 'html', '--out', out]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain(`wrote ${out}`);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('<img src="data:image/png;base64,');
    expect(html).not.toContain('<script');
  }, 120_000);

  it('explains bad options, naming what is wrong', () => {
    const week = runCli(['report', 'weekly', '--data-dir', dataDir, '--week', '2026-W60']);
    expect(week.status).not.toBe(0);
    expect(week.stderr).toContain('2026 has weeks 1 to 53, not 60');
    const pdf = runCli(['report', 'weekly', '--data-dir', dataDir, '--format', 'pdf']);
    expect(pdf.status).not.toBe(0);
    expect(pdf.stderr).toContain('a PDF goes to a file: add --out report.pdf');
    expect(existsSync(join(dataDir, 'report.pdf'))).toBe(false);
  }, 120_000);
});
