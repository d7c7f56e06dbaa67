// `waymark slots` and `waymark experiments`: save, list, show and delete definitions, preview what a customer would
// see in a slot and why, read an experiment's results. Through the running server when there is one, else the
// data dir.

import type { Command } from 'commander';
import { WaymarkError } from '../../core/errors.js';
import type { Decision } from '../../decisions/decide.js';
import type { Experiment, Slot } from '../../decisions/model.js';
import {
  deleteExperiment,
  deleteSlot,
  getExperiment,
  getSlot,
  listExperiments,
  listSlots,
  saveExperiment,
  saveSlot,
} from '../../personalization/definitions.js';
import { parseDecideBody } from '../../personalization/request.js';
import { experimentResults, type ExperimentReport } from '../../personalization/results.js';
import { formatLift, formatP } from '../../stats/recommendation.js';
import { readJsonInput } from '../json-input.js';
import { formatCount, parseOutputFormat, printRows } from '../output.js';
import { defaultProject } from '../projects-lookup.js';
import { DEFAULT_DATA_DIR, withTarget, type Target } from '../target.js';

interface Common {
  dataDir: string;
  project?: string;
  format: string;
}

function common(command: Command): Command {
  return command
    .option('-d, --data-dir <dir>', 'data directory', DEFAULT_DATA_DIR)
    .option('-p, --project <id>', 'project (default: the only project)')
    .option('-f, --format <format>', 'table, json or csv', 'table');
}

const query = (o: Common): string => (o.project ? `?project=${encodeURIComponent(o.project)}` : '');

/** Runs `viaServer` against a running server, else `viaEngine` on the data dir with the project resolved. */
function run<T>(
  o: Common,
  viaServer: (server: Extract<Target, { kind: 'server' }>['server'], q: string) => Promise<T>,
  viaEngine: (engine: Extract<Target, { kind: 'engine' }>['engine'], projectId: string) => Promise<T>,
): Promise<T> {
  return withTarget(o.dataDir, async (t) =>
    t.kind === 'server'
      ? viaServer(t.server, query(o))
      : viaEngine(t.engine, o.project ?? (await defaultProject(t.engine.state))),
  );
}

/** Four significant digits: enough to read a rate or a mean. */
const round = (x: number): number => Number(x.toPrecision(4));

const json = (value: unknown): void => void process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);

function printSlots(slots: Slot[], format: string): void {
  const f = parseOutputFormat(format);
  if (f === 'json') return json(slots);
  printRows(
    slots.map((s) => ({
      id: s.id,
      name: s.name,
      variants: s.variants.map((v) => v.id).join(' '),
      default: s.default,
      rules: s.rules.length,
      holdout: s.holdout ?? 0,
      status: s.status ?? 'active',
    })),
    f,
  );
}

function printExperiments(list: Experiment[], format: string): void {
  const f = parseOutputFormat(format);
  if (f === 'json') return json(list);
  printRows(
    list.map((e) => ({
      id: e.id,
      name: e.name,
      status: e.status,
      variants: e.variants.map((v) => `${v.id}:${v.weight}`).join(' '),
      primary: e.metrics.primary.id,
      start: e.start ?? '',
      stop: e.stop ?? '',
    })),
    f,
  );
}

/** The results as a person reads them: the SRM check first, then each metric, then the recommendation. */
export function printResults(r: ExperimentReport, format: string): void {
  const f = parseOutputFormat(format);
  if (f === 'json') return json(r);
  const out = (s: string) => process.stdout.write(`${s}\n`);
  out(`Experiment "${r.experiment}" (${r.status}), as of ${r.at}`);
  out(
    `Exposed: ${r.exposures.map((x) => `${x.variant} ${formatCount(x.persons)}`).join(', ')}` +
      (r.multipleExposures > 0 ? ` (${formatCount(r.multipleExposures)} left out: saw more than one variant)` : ''),
  );
  const a = r.analysis;
  if (!a) {
    out('Not enough exposures yet to compare variants.');
    return;
  }
  out(
    a.srm.mismatch
      ? `Sample ratio MISMATCH: chi-square ${a.srm.chiSquare.toFixed(2)}, ${formatP(a.srm.pValue)}. Fix the assignment before reading results.`
      : `Sample ratio OK (${formatP(a.srm.pValue)}).`,
  );
  out('');
  const rows = a.metrics.flatMap((m) => [
    {
      metric: m.name,
      role: m.role,
      variant: m.control.arm,
      persons: m.control.n,
      mean: round(m.control.mean),
      lift: '',
      interval: '',
      'p / chance': '',
      verdict: 'control',
    },
    ...m.variants.map((v) => {
      const lift = v[a.difference];
      return {
        metric: m.name,
        role: m.role,
        variant: v.arm,
        persons: v.n,
        mean: round(v.mean),
        lift: lift ? formatLift(lift.estimate, a.difference) : '',
        interval: lift
          ? `${formatLift(lift.interval[0], a.difference)} to ${formatLift(lift.interval[1], a.difference)}`
          : '',
        'p / chance':
          v.chanceToWin !== undefined
            ? `${(v.chanceToWin * 100).toFixed(1)}% to win`
            : formatP(v.adjustedPValue ?? v.pValue ?? 1),
        verdict: v.verdict,
      };
    }),
  ]);
  printRows(rows, f);
  out('');
  out(`Recommendation: ${a.recommendation.action.toUpperCase()}. ${a.recommendation.reason}`);
}

export function registerPersonalization(program: Command): void {
  const slots = program
    .command('slots')
    .description('personalization slots: variants and targeting rules, and what a customer would see')
    .addHelpText(
      'after',
      `\nExamples:\n  $ waymark slots create --definition docs/examples/personalization/home-hero.json\n  $ waymark slots preview home-hero --user ann@example.com\n  $ waymark slots list`,
    );
  common(slots.command('list').description('saved slots')).action(async (o: Common) => {
    const list = await run(
      o,
      async (s, q) => (await s.json<{ slots: Slot[] }>('GET', `/api/slots${q}`)).slots,
      (e, p) => listSlots(e.state.definitions, p),
    );
    printSlots(list, o.format);
  });
  common(slots.command('show').argument('<id>').description('one slot, whole')).action(
    async (id: string, o: Common) => {
      json(
        await run(
          o,
          (s, q) => s.json<Slot>('GET', `/api/slots/${encodeURIComponent(id)}${q}`),
          (e, p) => getSlot(e.state.definitions, p, id),
        ),
      );
    },
  );
  const save = (replace: boolean) => async (a: string | Common, b?: Common & { definition?: string }) => {
    const o = (replace ? b : a) as Common & { definition?: string };
    const id = replace ? (a as string) : undefined;
    if (o.definition === undefined)
      throw new WaymarkError('invalid_request', 'give --definition FILE (or - for standard input)');
    const body = readJsonInput(o.definition, 'definition') as object;
    const slot = await run(
      o,
      (s, q) => s.json<Slot>(replace ? 'PUT' : 'POST', `/api/slots${id ? `/${encodeURIComponent(id)}` : ''}${q}`, body),
      (e, p) => saveSlot(e.state.definitions, p, body, Date.now(), { replace, ...(id ? { id } : {}) }),
    );
    process.stdout.write(`Saved slot "${slot.id}" (${slot.variants.length} variants, ${slot.rules.length} rules).\n`);
  };
  common(
    slots.command('create').description('save a new slot').option('--definition <file>', 'the slot as JSON'),
  ).action(save(false));
  common(
    slots
      .command('update')
      .argument('<id>')
      .description('replace a slot')
      .option('--definition <file>', 'the slot as JSON'),
  ).action(save(true));
  common(slots.command('delete').argument('<id>').description('delete a slot')).action(
    async (id: string, o: Common) => {
      await run(
        o,
        async (s, q) => void (await s.request('DELETE', `/api/slots/${encodeURIComponent(id)}${q}`)),
        (e, p) => deleteSlot(e.state.definitions, p, id),
      );
      process.stdout.write(`Deleted slot "${id}".\n`);
    },
  );
  common(
    slots
      .command('preview')
      .argument('<id>')
      .description('what a customer would see in the slot now, and why (records nothing)')
      .option('--user <userId>', 'the customer by user id')
      .option('--anonymous <anonymousId>', 'the customer by anonymous id')
      .option('--context <json>', 'request context, e.g. \'{"device":"mobile","utm_source":"newsletter"}\''),
  ).action(async (id: string, o: Common & { user?: string; anonymous?: string; context?: string }) => {
    const body = {
      ...(o.user ? { userId: o.user } : {}),
      ...(o.anonymous ? { anonymousId: o.anonymous } : {}),
      ...(o.context ? { context: readJsonInput(o.context, 'context') } : {}),
    };
    const d = await run(
      o,
      (s, q) => s.json<Decision>('POST', `/api/slots/${encodeURIComponent(id)}/preview${q}`, body),
      async (e, p) => {
        await getSlot(e.state.definitions, p, id);
        return (await e.decisions.decide(p, parseDecideBody({ ...body, slots: [id], expose: false })))[id] as Decision;
      },
    );
    const f = parseOutputFormat(o.format);
    if (f === 'json') return json(d);
    printRows(
      [{ slot: d.slot, variant: d.variant ?? '', source: d.source, reason: d.reason, offer: d.offer ?? '' }],
      f,
    );
  });

  const experiments = program
    .command('experiments')
    .description('A/B tests: definitions, status and results with sound statistics')
    .addHelpText(
      'after',
      `\nExamples:\n  $ waymark experiments create --definition docs/examples/personalization/hero-test.json\n  $ waymark experiments results hero-test`,
    );
  common(experiments.command('list').description('saved experiments')).action(async (o: Common) => {
    const list = await run(
      o,
      async (s, q) => (await s.json<{ experiments: Experiment[] }>('GET', `/api/experiments${q}`)).experiments,
      (e, p) => listExperiments(e.state.definitions, p),
    );
    printExperiments(list, o.format);
  });
  common(experiments.command('show').argument('<id>').description('one experiment, whole')).action(
    async (id: string, o: Common) => {
      json(
        await run(
          o,
          (s, q) => s.json<Experiment>('GET', `/api/experiments/${encodeURIComponent(id)}${q}`),
          (e, p) => getExperiment(e.state.definitions, p, id),
        ),
      );
    },
  );
  const saveE = (replace: boolean) => async (a: string | Common, b?: Common & { definition?: string }) => {
    const o = (replace ? b : a) as Common & { definition?: string };
    const id = replace ? (a as string) : undefined;
    if (o.definition === undefined)
      throw new WaymarkError('invalid_request', 'give --definition FILE (or - for standard input)');
    const body = readJsonInput(o.definition, 'definition') as object;
    const e = await run(
      o,
      (s, q) =>
        s.json<Experiment>(
          replace ? 'PUT' : 'POST',
          `/api/experiments${id ? `/${encodeURIComponent(id)}` : ''}${q}`,
          body,
        ),
      (en, p) => saveExperiment(en.state.definitions, p, body, Date.now(), { replace, ...(id ? { id } : {}) }),
    );
    process.stdout.write(`Saved experiment "${e.id}" (${e.status}).\n`);
  };
  common(
    experiments
      .command('create')
      .description('save a new experiment')
      .option('--definition <file>', 'the experiment as JSON'),
  ).action(saveE(false));
  common(
    experiments
      .command('update')
      .argument('<id>')
      .description('replace an experiment (e.g. to start or stop it)')
      .option('--definition <file>', 'the experiment as JSON'),
  ).action(saveE(true));
  common(experiments.command('delete').argument('<id>').description('delete an experiment')).action(
    async (id: string, o: Common) => {
      await run(
        o,
        async (s, q) => void (await s.request('DELETE', `/api/experiments/${encodeURIComponent(id)}${q}`)),
        (e, p) => deleteExperiment(e.state.definitions, p, id),
      );
      process.stdout.write(`Deleted experiment "${id}".\n`);
    },
  );
  common(
    experiments
      .command('results')
      .argument('<id>')
      .description('exposures, SRM check, lifts, tests and a recommendation'),
  ).action(async (id: string, o: Common) => {
    const r = await run(
      o,
      (s, q) => s.json<ExperimentReport>('GET', `/api/experiments/${encodeURIComponent(id)}/results${q}`),
      async (e, p) => experimentResults(e.warehouse, p, await getExperiment(e.state.definitions, p, id), Date.now()),
    );
    printResults(r, o.format);
  });
}
