// `waymark stats`: experiment statistics without a data dir. `compare` reads an experiment file of per-arm summaries,
// `srm` checks a traffic split, `sample-size` plans a test. See docs/experiments.md.

import type { Command } from 'commander';
import { WaymarkError } from '../../core/errors.js';
import { analyzeExperiment, type ExperimentResult } from '../../stats/experiment.js';
import { parseExperimentInput } from '../../stats/experiment-input.js';
import { formatLift, formatP } from '../../stats/recommendation.js';
import { sampleSize } from '../../stats/sample-size.js';
import { sampleRatioMismatch, type SrmResult } from '../../stats/srm.js';
import { readJsonInput } from '../json-input.js';
import { formatCount, printRows } from '../output.js';

type Format = 'table' | 'json';

function parseFormat(value: string): Format {
  if (value === 'table' || value === 'json') return value;
  throw new WaymarkError('invalid_request', `--format must be table or json (got "${value}")`, { field: 'format' });
}

function numberOption(
  value: string | undefined,
  flag: string,
  check: (n: number) => boolean,
  rule: string,
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || !check(n)) {
    throw new WaymarkError('invalid_request', `--${flag} ${rule} (got "${value}")`, { field: flag });
  }
  return n;
}

function numberList(value: string, flag: string, check: (n: number) => boolean, rule: string): number[] {
  return value.split(',').map((part) => numberOption(part, flag, check, rule)!);
}

const json = (value: unknown): void => void process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
const srmLine = (s: SrmResult): string =>
  `chi-square ${s.chiSquare.toFixed(3)}, ${formatP(s.pValue)}: ${s.mismatch ? 'sample-ratio mismatch (p < 0.001)' : 'no sample-ratio mismatch'}`;

function printComparison(result: ExperimentResult): void {
  process.stdout.write(
    `SRM: ${result.srm.arms.map((a, i) => `${a} ${formatCount(result.srm.users[i] ?? 0)}`).join(', ')}; ${srmLine(result.srm)}\n\n`,
  );
  const bayesian = result.method === 'bayesian';
  const rows = result.metrics.flatMap((m) => [
    {
      metric: m.name,
      role: m.role,
      arm: `${m.control.arm} (control)`,
      n: formatCount(m.control.n),
      mean: Number(m.control.mean.toPrecision(4)),
    },
    ...m.variants.map((v) => {
      const rel = v.relative;
      const abs = v.absolute;
      const interval = (lift: typeof rel, d: 'relative' | 'absolute'): string =>
        lift ? `${formatLift(lift.interval[0], d)} to ${formatLift(lift.interval[1], d)}` : '';
      return {
        metric: m.name,
        role: m.role,
        arm: v.arm,
        n: formatCount(v.n),
        mean: Number(v.mean.toPrecision(4)),
        'lift (rel)': rel ? formatLift(rel.estimate, 'relative') : '',
        'interval (rel)': interval(rel, 'relative'),
        'lift (abs)': abs ? formatLift(abs.estimate, 'absolute') : '',
        'interval (abs)': interval(abs, 'absolute'),
        ...(bayesian
          ? {
              'chance to win': v.chanceToWin === undefined ? '' : `${(v.chanceToWin * 100).toFixed(1)}%`,
              'risk (variant)': v.risk === undefined ? '' : Number(v.risk.variant.toPrecision(3)),
            }
          : {
              'p-value': v.pValue === undefined ? '' : Number(v.pValue.toFixed(4)),
              ...(result.correction === 'none'
                ? {}
                : { 'adjusted p': v.adjustedPValue === undefined ? '' : Number(v.adjustedPValue.toFixed(4)) }),
            }),
        verdict: v.warning ?? v.verdict,
      };
    }),
  ]);
  printRows(rows, 'table');
  const r = result.recommendation;
  process.stdout.write(`\nRecommendation: ${r.action}. ${r.reason}\n`);
}

export function registerStats(program: Command): void {
  const stats = program
    .command('stats')
    .description('experiment statistics: compare arms, check the split, plan a test');

  stats
    .command('compare')
    .description('compare variants to control from per-arm summaries (frequentist, sequential or Bayesian)')
    .requiredOption('-i, --input <file>', 'the experiment JSON: a file, - for standard input, or the JSON itself')
    .option('-f, --format <format>', 'table or json', 'table')
    .addHelpText(
      'after',
      '\nThe file format is described in docs/experiments.md.\n\nExample:\n  $ waymark stats compare --input experiment.json --format json',
    )
    .action((options: { input: string; format: string }) => {
      const format = parseFormat(options.format);
      const result = analyzeExperiment(parseExperimentInput(readJsonInput(options.input, 'experiment input')));
      if (format === 'json') json(result);
      else printComparison(result);
    });

  stats
    .command('srm')
    .description('sample-ratio mismatch: do the persons per arm fit the planned split?')
    .requiredOption('-u, --users <counts>', 'persons per arm, comma-separated (control first)')
    .option('-w, --weights <shares>', 'planned split, comma-separated (default: equal)')
    .option('-f, --format <format>', 'table or json', 'table')
    .action((options: { users: string; weights?: string; format: string }) => {
      const format = parseFormat(options.format);
      const users = numberList(
        options.users,
        'users',
        (n) => Number.isInteger(n) && n >= 0,
        'must be whole numbers ≥ 0, comma-separated',
      );
      const weights =
        options.weights === undefined
          ? undefined
          : numberList(options.weights, 'weights', (n) => n >= 0, 'must be numbers ≥ 0, comma-separated');
      if (users.length < 2)
        throw new WaymarkError('invalid_request', '--users needs at least two arms', { field: 'users' });
      if (weights && weights.length !== users.length) {
        throw new WaymarkError('invalid_request', `--weights needs one weight per arm (${users.length})`, {
          field: 'weights',
        });
      }
      const result = sampleRatioMismatch(users, weights);
      if (format === 'json') return json(result);
      printRows(
        users.map((u, i) => ({
          arm: i + 1,
          users: formatCount(u),
          expected: Number((result.expected[i] ?? 0).toFixed(1)),
          weight: Number((result.weights[i] ?? 0).toFixed(4)),
        })),
        'table',
      );
      process.stdout.write(`\n${srmLine(result)}\n`);
    });

  stats
    .command('sample-size')
    .description('persons per arm (and days) needed to detect a relative effect')
    .requiredOption('-b, --baseline <value>', 'baseline conversion rate (or mean, with --sd)')
    .requiredOption('-m, --mde <effect>', 'minimum detectable effect, relative (0.1 = +10%)')
    .option('--sd <value>', 'standard deviation per person, for a mean metric')
    .option('--alpha <alpha>', 'significance level', '0.05')
    .option('--power <power>', 'chance to detect the effect', '0.8')
    .option('--variants <arms>', 'arms including control', '2')
    .option('--daily <persons>', 'persons entering per day, all arms together')
    .option('--sequential <tuning>', 'plan for the sequential test with this tuning parameter')
    .option('-f, --format <format>', 'table or json', 'table')
    .action((o: Record<string, string | undefined>) => {
      const format = parseFormat(o['format'] ?? 'table');
      const positive = (n: number): boolean => n > 0;
      const sd = numberOption(o['sd'], 'sd', positive, 'must be > 0');
      const baseline = numberOption(
        o['baseline'],
        'baseline',
        sd === undefined ? (n) => n > 0 && n < 1 : (n) => n !== 0,
        sd === undefined ? 'must be a rate between 0 and 1 (or give --sd for a mean)' : 'must not be 0',
      )!;
      const input = {
        baseline,
        sd,
        mde: numberOption(o['mde'], 'mde', positive, 'must be > 0 (relative, e.g. 0.1)')!,
        alpha: numberOption(o['alpha'], 'alpha', (n) => n > 0 && n < 0.5, 'must be between 0 and 0.5'),
        power: numberOption(o['power'], 'power', (n) => n > 0 && n < 1, 'must be between 0 and 1'),
        arms: numberOption(
          o['variants'],
          'variants',
          (n) => Number.isInteger(n) && n >= 2,
          'must be a whole number ≥ 2',
        ),
        dailyPersons: numberOption(o['daily'], 'daily', positive, 'must be > 0'),
        sequentialTuning: numberOption(o['sequential'], 'sequential', positive, 'must be > 0'),
      };
      const result = sampleSize(input);
      if (format === 'json') return json({ ...input, ...result });
      printRows(
        [
          {
            'per arm': formatCount(result.perArm),
            arms: input.arms ?? 2,
            total: formatCount(result.total),
            days: result.days === undefined ? '(give --daily)' : result.days,
          },
        ],
        'table',
      );
    });
}
