// `waymark stats` as a user runs it: the built binary on real files and on standard input.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtCliAvailable, runCli } from '../../test-support/cli.js';
import { testDir } from '../../test-support/stores.js';

const file = (name: string, content: unknown): string => {
  const path = join(testDir(), name);
  writeFileSync(path, JSON.stringify(content));
  return path;
};

const experiment = {
  correction: 'holm',
  arms: [
    { name: 'Control', users: 20000 },
    { name: 'Variant B', users: 20080 },
  ],
  metrics: [
    {
      name: 'Purchase',
      type: 'proportion',
      data: { Control: { n: 20000, conversions: 2000 }, 'Variant B': { n: 20080, conversions: 2210 } },
    },
    {
      name: 'Refund rate',
      type: 'proportion',
      role: 'guardrail',
      inverse: true,
      data: { Control: { n: 20000, conversions: 300 }, 'Variant B': { n: 20080, conversions: 310 } },
    },
  ],
};

describe.skipIf(!builtCliAvailable())('waymark stats (needs `npm run build`)', () => {
  it('compares arms from a file: SRM first, a row per arm, then the recommendation', () => {
    const run = runCli(['stats', 'compare', '--input', file('experiment.json', experiment)]);
    expect(run.status).toBe(0);
    const [srm, ...rest] = run.stdout.split('\n');
    expect(srm).toBe('SRM: Control 20,000, Variant B 20,080; chi-square 0.160, p = 0.689: no sample-ratio mismatch');
    expect(run.stdout).toMatch(/Purchase\s+goal\s+Variant B\s+20,080\s+0\.1101\s+\+10\.1%\s+\+3\.8% to \+16\.4%/);
    expect(rest.join('\n')).toContain(
      'Recommendation: ship. Variant B beats control on Purchase: +10.1% (95% CI +3.8% to +16.4%), p = 0.002; guardrails are fine.',
    );
  });

  it('reads standard input and prints JSON for scripts', () => {
    const bayesian = { ...experiment, method: 'bayesian', correction: 'none' };
    const run = runCli(['stats', 'compare', '--input', '-', '--format', 'json'], { input: JSON.stringify(bayesian) });
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout) as {
      srm: { mismatch: boolean };
      metrics: { variants: { chanceToWin: number; risk: { variant: number }; relative: { interval: number[] } }[] }[];
      recommendation: { action: string; variant: string };
    };
    expect(result.srm.mismatch).toBe(false);
    expect(result.metrics[0]!.variants[0]!.chanceToWin).toBeGreaterThan(0.99);
    expect(result.recommendation).toMatchObject({ action: 'ship', variant: 'Variant B' });
  });

  it('reports bad input with the field at fault', () => {
    const bad = {
      ...experiment,
      metrics: [{ ...experiment.metrics[0], data: { Control: { n: 10, conversions: 20 } } }],
    };
    const run = runCli(['stats', 'compare', '--input', file('bad.json', bad)]);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('waymark: metrics[0].data.Control.conversions must be a whole number between 0 and n\n');
    expect(runCli(['stats', 'compare', '--input', '-'], { input: '{oops' }).stderr).toContain('is not valid JSON');
  });

  it('checks a traffic split', () => {
    const table = runCli(['stats', 'srm', '--users', '1000,1200']);
    expect(table.status).toBe(0);
    expect(table.stdout).toContain('chi-square 18.182, p < 0.001: sample-ratio mismatch');
    const json = runCli(['stats', 'srm', '--users', '1000,1200', '--weights', '0.5,0.5', '--format', 'json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ chiSquare: 200 / 11, mismatch: true, degreesOfFreedom: 1 });
    const wrong = runCli(['stats', 'srm', '--users', '1000,1200', '--weights', '1']);
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain('--weights needs one weight per arm (2)');
  });

  it('plans a test: persons per arm and days', () => {
    const run = runCli([
      'stats',
      'sample-size',
      '--baseline',
      '0.05',
      '--mde',
      '0.1',
      '--daily',
      '1000',
      '--format',
      'json',
    ]);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ perArm: 32958, total: 65916, days: 66 });
    const table = runCli(['stats', 'sample-size', '--baseline', '0.05', '--mde', '0.1']);
    expect(table.stdout).toMatch(/32,958\s+2\s+65,916\s+\(give --daily\)/);
    expect(runCli(['stats', 'sample-size', '--baseline', '5', '--mde', '0.1']).stderr).toContain(
      '--baseline must be a rate between 0 and 1 (or give --sd for a mean)',
    );
  });
});
