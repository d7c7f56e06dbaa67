// Checks slot and experiment definitions; every error names the field at fault, e.g.
// `rules[0].strategy.weights.bold must be a number between 0 and 1000`. Pure.

import { between, fail, finite, id, isoTime, list, object, oneOf, only, text } from '../core/field-check.js';
import {
  WEEKDAYS,
  type EventMetric,
  type Experiment,
  type HashOn,
  type Metric,
  type Rule,
  type Slot,
  type Strategy,
  type Targeting,
  type ValueFilter,
  type Variant,
} from './model.js';

const FILTER_OPS: readonly ValueFilter['op'][] = [
  'eq',
  'neq',
  'gt',
  'gte',
  'lt',
  'lte',
  'contains',
  'not_contains',
  'regex',
  'in',
  'not_in',
  'is_set',
  'is_not_set',
];
const HASH_ON: readonly HashOn[] = ['anonymousId', 'userId'];
const MAX_DEPTH = 8;

function scalar(v: unknown, field: string): string | number | boolean {
  if (typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) return v;
  return fail(field, 'must be a string, number or boolean');
}

function valueFilter(raw: unknown, field: string): ValueFilter {
  const v = object(raw, field);
  only(v, field, ['property', 'op', 'value']);
  const f: ValueFilter = {
    property: text(v['property'], `${field}.property`),
    op: oneOf(v['op'], `${field}.op`, FILTER_OPS),
  };
  const needsValue = f.op !== 'is_set' && f.op !== 'is_not_set';
  if (needsValue && v['value'] === undefined) fail(`${field}.value`, `is needed with "${f.op}"`);
  if (v['value'] !== undefined) {
    if (f.op === 'in' || f.op === 'not_in') f.value = list(v['value'], `${field}.value`, 1000, scalar);
    else f.value = scalar(v['value'], `${field}.value`);
  }
  if (f.op === 'regex') {
    try {
      new RegExp(String(f.value));
    } catch {
      fail(`${field}.value`, 'is not a valid regular expression');
    }
  }
  return f;
}

export function parseTargeting(raw: unknown, field: string, depth = 0): Targeting {
  if (depth > MAX_DEPTH) fail(field, `nests deeper than ${MAX_DEPTH} levels`);
  const v = object(raw, field);
  const keys = Object.keys(v);
  if (keys.length !== 1) fail(field, 'must have exactly one of and, or, not, segment, trait, context, time');
  const key = keys[0] as string;
  const at = `${field}.${key}`;
  const value = v[key];
  switch (key) {
    case 'and':
    case 'or': {
      const parts = list(value, at, 50, (x, f) => parseTargeting(x, f, depth + 1));
      if (parts.length === 0) fail(at, 'must not be empty');
      return key === 'and' ? { and: parts } : { or: parts };
    }
    case 'not':
      return { not: parseTargeting(value, at, depth + 1) };
    case 'segment':
      return { segment: id(value, at) };
    case 'trait':
      return { trait: valueFilter(value, at) };
    case 'context':
      return { context: valueFilter(value, at) };
    case 'time': {
      const t = object(value, at);
      only(t, at, ['hours', 'days', 'timezone']);
      const out: Extract<Targeting, { time: unknown }>['time'] = {};
      if (t['hours'] !== undefined) {
        const hours = list(t['hours'], `${at}.hours`, 2, (h, f) => between(h, f, 0, 24));
        if (hours.length !== 2) fail(`${at}.hours`, 'must be [from, to], hours 0 to 24');
        out.hours = [hours[0] as number, hours[1] as number];
      }
      if (t['days'] !== undefined) out.days = list(t['days'], `${at}.days`, 7, (d, f) => oneOf(d, f, WEEKDAYS));
      if (t['timezone'] !== undefined) {
        const tz = text(t['timezone'], `${at}.timezone`, 64);
        try {
          new Intl.DateTimeFormat('en-US', { timeZone: tz });
        } catch {
          fail(`${at}.timezone`, `is not a known time zone ("Europe/Paris", "UTC")`);
        }
        out.timezone = tz;
      }
      return { time: out };
    }
    default:
      return fail(at, 'is not a targeting condition; use and, or, not, segment, trait, context or time');
  }
}

function variant(raw: unknown, field: string): Variant {
  const v = object(raw, field);
  only(v, field, ['id', 'name', 'content', 'offer']);
  const out: Variant = { id: id(v['id'], `${field}.id`) };
  if (v['name'] !== undefined) out.name = text(v['name'], `${field}.name`);
  if (v['content'] !== undefined) {
    const c = object(v['content'], `${field}.content`);
    only(c, `${field}.content`, ['type', 'value']);
    const type = oneOf(c['type'], `${field}.content.type`, ['text', 'html', 'json'] as const);
    if (c['value'] === undefined) fail(`${field}.content.value`, 'is needed');
    if (type !== 'json' && typeof c['value'] !== 'string')
      fail(`${field}.content.value`, `must be a string for ${type}`);
    if (JSON.stringify(c['value']).length > 64_000) fail(`${field}.content.value`, 'must be under 64 kB');
    out.content = { type, value: c['value'] };
  }
  if (v['offer'] !== undefined) out.offer = text(v['offer'], `${field}.offer`, 100);
  return out;
}

function strategy(raw: unknown, field: string, variants: ReadonlySet<string>): Strategy {
  const v = object(raw, field);
  const type = oneOf(v['type'], `${field}.type`, ['variant', 'split', 'experiment', 'bandit'] as const);
  const known = (x: unknown, f: string): string => {
    const name = id(x, f);
    if (!variants.has(name)) fail(f, `must be one of the slot's variants (${[...variants].join(', ')})`);
    return name;
  };
  switch (type) {
    case 'variant':
      only(v, field, ['type', 'variant']);
      return { type, variant: known(v['variant'], `${field}.variant`) };
    case 'split': {
      only(v, field, ['type', 'weights']);
      const w = object(v['weights'], `${field}.weights`);
      const weights: Record<string, number> = {};
      for (const [k, x] of Object.entries(w))
        weights[known(k, `${field}.weights.${k}`)] = between(x, `${field}.weights.${k}`, 0, 1000);
      if (!Object.values(weights).some((x) => x > 0))
        fail(`${field}.weights`, 'must give some variant a weight above 0');
      return { type, weights };
    }
    case 'experiment':
      only(v, field, ['type', 'experiment']);
      return { type, experiment: id(v['experiment'], `${field}.experiment`) };
    case 'bandit': {
      only(v, field, ['type', 'variants', 'conversion']);
      const arms = list(v['variants'], `${field}.variants`, 20, known);
      if (arms.length < 2) fail(`${field}.variants`, 'must list at least 2 variants');
      const c = object(v['conversion'], `${field}.conversion`);
      only(c, `${field}.conversion`, ['event', 'withinDays']);
      const conversion: { event: string; withinDays?: number } = {
        event: text(c['event'], `${field}.conversion.event`),
      };
      if (c['withinDays'] !== undefined)
        conversion.withinDays = between(c['withinDays'], `${field}.conversion.withinDays`, 1, 90);
      return { type, variants: arms, conversion };
    }
  }
}

/** A slot definition, checked; `slotId` when the id comes from the URL. */
export function parseSlot(raw: unknown, slotId?: string): Slot {
  const v = object(raw, 'slot');
  only(v, 'slot', ['id', 'name', 'description', 'variants', 'default', 'rules', 'holdout', 'seed', 'hashOn', 'status']);
  const slot: Slot = {
    id: slotId ?? id(v['id'], 'id'),
    name: v['name'] === undefined ? (slotId ?? String(v['id'])) : text(v['name'], 'name'),
    variants: list(v['variants'], 'variants', 50, variant),
    default: '',
    rules: [],
  };
  if (slot.variants.length === 0) fail('variants', 'must list at least one variant');
  const ids = new Set<string>();
  slot.variants.forEach((x, i) => {
    if (ids.has(x.id)) fail(`variants[${i}].id`, `repeats "${x.id}"`);
    ids.add(x.id);
  });
  slot.default = id(v['default'] ?? slot.variants[0]?.id, 'default');
  if (!ids.has(slot.default)) fail('default', `must be one of the variants (${[...ids].join(', ')})`);
  if (v['description'] !== undefined) slot.description = text(v['description'], 'description', 2000);
  if (v['holdout'] !== undefined) slot.holdout = between(v['holdout'], 'holdout', 0, 0.5);
  if (v['seed'] !== undefined) slot.seed = text(v['seed'], 'seed', 100);
  if (v['hashOn'] !== undefined) slot.hashOn = oneOf(v['hashOn'], 'hashOn', HASH_ON);
  if (v['status'] !== undefined) slot.status = oneOf(v['status'], 'status', ['active', 'paused'] as const);
  const ruleIds = new Set<string>();
  slot.rules = list(v['rules'] ?? [], 'rules', 100, (r, field): Rule => {
    const x = object(r, field);
    only(x, field, ['id', 'name', 'priority', 'when', 'strategy']);
    const rule: Rule = { id: id(x['id'], `${field}.id`), strategy: strategy(x['strategy'], `${field}.strategy`, ids) };
    if (ruleIds.has(rule.id)) fail(`${field}.id`, `repeats "${rule.id}"`);
    ruleIds.add(rule.id);
    if (x['name'] !== undefined) rule.name = text(x['name'], `${field}.name`);
    if (x['priority'] !== undefined) rule.priority = finite(x['priority'], `${field}.priority`);
    if (x['when'] !== undefined) rule.when = parseTargeting(x['when'], `${field}.when`);
    return rule;
  });
  return slot;
}

function eventMetricFields(v: Record<string, unknown>, field: string): Omit<EventMetric, 'id' | 'name'> {
  const type = oneOf(v['type'], `${field}.type`, ['conversion', 'count', 'revenue'] as const);
  const m: Omit<EventMetric, 'id' | 'name'> = { type };
  if (v['event'] !== undefined) m.event = text(v['event'], `${field}.event`);
  else if (type !== 'revenue') fail(`${field}.event`, `is needed for a ${type} metric`);
  if (v['property'] !== undefined) m.property = text(v['property'], `${field}.property`);
  if (v['where'] !== undefined) m.where = list(v['where'], `${field}.where`, 20, valueFilter);
  if (v['withinDays'] !== undefined) m.withinDays = between(v['withinDays'], `${field}.withinDays`, 1, 365);
  return m;
}

function metric(raw: unknown, field: string): Metric {
  const v = object(raw, field);
  const base = {
    id: id(v['id'], `${field}.id`),
    ...(v['name'] === undefined ? {} : { name: text(v['name'], `${field}.name`) }),
  };
  const within =
    v['withinDays'] === undefined ? {} : { withinDays: between(v['withinDays'], `${field}.withinDays`, 1, 365) };
  if (v['type'] === 'ratio') {
    only(v, field, ['id', 'name', 'type', 'numerator', 'denominator', 'withinDays']);
    const part = (key: 'numerator' | 'denominator') => {
      const p = object(v[key], `${field}.${key}`);
      only(p, `${field}.${key}`, ['type', 'event', 'property', 'where']);
      const m = eventMetricFields(p, `${field}.${key}`);
      if (m.type === 'conversion') fail(`${field}.${key}.type`, 'must be count or revenue in a ratio');
      return m;
    };
    return { ...base, type: 'ratio', numerator: part('numerator'), denominator: part('denominator'), ...within };
  }
  if (v['type'] === 'funnel') {
    only(v, field, ['id', 'name', 'type', 'steps', 'withinDays']);
    const steps = list(v['steps'], `${field}.steps`, 10, (s, f) => text(s, f));
    if (steps.length < 2) fail(`${field}.steps`, 'must have at least 2 steps');
    return { ...base, type: 'funnel', steps, ...within };
  }
  only(v, field, ['id', 'name', 'type', 'event', 'property', 'where', 'withinDays']);
  return { ...base, ...eventMetricFields(v, field) };
}

const ANALYSIS_KEYS = ['method', 'alpha', 'cuped', 'preExposureDays', 'correction', 'minimumDetectableEffect'];

/** An experiment definition, checked. */
export function parseExperiment(raw: unknown, experimentId?: string): Experiment {
  const v = object(raw, 'experiment');
  only(v, 'experiment', [
    'id',
    'name',
    'hypothesis',
    'variants',
    'control',
    'traffic',
    'targeting',
    'seed',
    'hashOn',
    'metrics',
    'status',
    'start',
    'stop',
    'analysis',
  ]);
  const eid = experimentId ?? id(v['id'], 'id');
  const variants = list(v['variants'], 'variants', 10, (x, field) => {
    const o = object(x, field);
    only(o, field, ['id', 'name', 'weight']);
    return {
      id: id(o['id'], `${field}.id`),
      ...(o['name'] === undefined ? {} : { name: text(o['name'], `${field}.name`) }),
      weight: o['weight'] === undefined ? 1 : between(o['weight'], `${field}.weight`, 0, 1000),
    };
  });
  if (variants.length < 2) fail('variants', 'must list at least 2 variants (a control and a treatment)');
  const seen = new Set<string>();
  variants.forEach((x, i) => {
    if (seen.has(x.id)) fail(`variants[${i}].id`, `repeats "${x.id}"`);
    seen.add(x.id);
  });
  if (!variants.some((x) => x.weight > 0)) fail('variants', 'must give some variant a weight above 0');
  const m = object(v['metrics'], 'metrics');
  only(m, 'metrics', ['primary', 'guardrails', 'secondary']);
  const e: Experiment = {
    id: eid,
    name: v['name'] === undefined ? eid : text(v['name'], 'name'),
    variants,
    metrics: {
      primary: metric(m['primary'], 'metrics.primary'),
      ...(m['guardrails'] === undefined ? {} : { guardrails: list(m['guardrails'], 'metrics.guardrails', 10, metric) }),
      ...(m['secondary'] === undefined ? {} : { secondary: list(m['secondary'], 'metrics.secondary', 10, metric) }),
    },
    status:
      v['status'] === undefined ? 'draft' : oneOf(v['status'], 'status', ['draft', 'running', 'stopped'] as const),
  };
  const metricIds = new Set<string>();
  [e.metrics.primary, ...(e.metrics.guardrails ?? []), ...(e.metrics.secondary ?? [])].forEach((x) => {
    if (metricIds.has(x.id)) fail('metrics', `repeat the metric id "${x.id}"`);
    metricIds.add(x.id);
  });
  if (v['hypothesis'] !== undefined) e.hypothesis = text(v['hypothesis'], 'hypothesis', 2000);
  if (v['control'] !== undefined) {
    e.control = id(v['control'], 'control');
    if (!seen.has(e.control)) fail('control', `must be one of the variants (${[...seen].join(', ')})`);
  }
  if (v['traffic'] !== undefined) e.traffic = between(v['traffic'], 'traffic', 0, 1);
  if (v['targeting'] !== undefined) e.targeting = parseTargeting(v['targeting'], 'targeting');
  if (v['seed'] !== undefined) e.seed = text(v['seed'], 'seed', 100);
  if (v['hashOn'] !== undefined) e.hashOn = oneOf(v['hashOn'], 'hashOn', HASH_ON);
  if (v['start'] !== undefined) e.start = isoTime(v['start'], 'start');
  if (v['stop'] !== undefined) e.stop = isoTime(v['stop'], 'stop');
  if (e.start && e.stop && Date.parse(e.stop) <= Date.parse(e.start)) fail('stop', 'must be after start');
  if (v['analysis'] !== undefined) {
    const a = object(v['analysis'], 'analysis');
    only(a, 'analysis', ANALYSIS_KEYS);
    e.analysis = {};
    if (a['method'] !== undefined)
      e.analysis.method = oneOf(a['method'], 'analysis.method', ['frequentist', 'sequential', 'bayesian'] as const);
    if (a['alpha'] !== undefined) e.analysis.alpha = between(a['alpha'], 'analysis.alpha', 0.001, 0.5);
    if (a['cuped'] !== undefined) {
      if (typeof a['cuped'] !== 'boolean') fail('analysis.cuped', 'must be true or false');
      e.analysis.cuped = a['cuped'];
    }
    if (a['preExposureDays'] !== undefined)
      e.analysis.preExposureDays = between(a['preExposureDays'], 'analysis.preExposureDays', 1, 90);
    if (a['correction'] !== undefined)
      e.analysis.correction = oneOf(a['correction'], 'analysis.correction', ['holm', 'bh', 'none'] as const);
    if (a['minimumDetectableEffect'] !== undefined)
      e.analysis.minimumDetectableEffect = between(
        a['minimumDetectableEffect'],
        'analysis.minimumDetectableEffect',
        0.001,
        10,
      );
  }
  return e;
}
