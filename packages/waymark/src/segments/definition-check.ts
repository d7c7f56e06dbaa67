// Checks a segment definition by hand rather than with one schema, so that every error points at the node at fault,
// e.g. `condition.and[1].performed.count.op must be one of at_least, at_most, exactly`.

import { Compile } from 'typebox/compile';
import { DurationSchema } from '../analytics/date-range.js';
import { FILTER_OPS, PropertyFilterSchema, filterProblem, type PropertyFilter } from '../analytics/property.js';
import type { Duration } from '../analytics/time-units.js';
import { fail, finite, isObject, isoTime as time, oneOf, only, text } from '../core/field-check.js';
import { parseTime } from '../core/time.js';
import {
  COMPARE_OPS,
  COUNT_OPS,
  DATE_OPS,
  MAX_DEPTH,
  MAX_LEAVES,
  MAX_LIST,
  MEASURES,
  RFM_GROUPS,
  TOUCH_COLUMNS,
  type Condition,
  type DateCondition,
  type EventMatch,
  type RfmCondition,
  type SegmentDefinition,
  type StageCondition,
  type Window,
} from './definition.js';

const filterCheck = Compile(PropertyFilterSchema);
const durationCheck = Compile(DurationSchema);

function duration(value: unknown, field: string): Duration {
  if (!durationCheck.Check(value))
    fail(
      field,
      'must be a duration like { "value": 30, "unit": "day" } (units second, minute, hour, day, week, month)',
    );
  return value as Duration;
}

function filters(value: unknown, field: string, eventOnly: boolean): PropertyFilter[] {
  if (!Array.isArray(value) || value.length > 50) fail(field, 'must be a list of at most 50 property filters');
  return value.map((f, i) => {
    const at = `${field}[${i}]`;
    if (!filterCheck.Check(f))
      fail(at, `must be a property filter { "property", "op" (${FILTER_OPS.join(' ')}), "value" }`);
    const filter = f as PropertyFilter;
    if (eventOnly && filter.on === 'person')
      fail(`${at}.on`, 'must be "event" here: conditions on the person go in a "trait" condition');
    const problem = filterProblem(filter);
    if (problem) fail(at, problem);
    return filter;
  });
}

function window(value: unknown, field: string): Window {
  if (!isObject(value)) fail(field, 'must be { "last": duration } or { "from": ISO, "to": ISO }');
  if ('last' in value) {
    only(value, field, ['last']);
    return { last: duration(value['last'], `${field}.last`) };
  }
  only(value, field, ['from', 'to']);
  const from = time(value['from'], `${field}.from`);
  const to = time(value['to'], `${field}.to`);
  if ((parseTime(from) as number) >= (parseTime(to) as number)) fail(field, 'must end after it starts');
  return { from, to };
}

function eventMatch(value: Record<string, unknown>, field: string): EventMatch {
  const match: EventMatch = { event: text(value['event'], `${field}.event`) };
  if (value['where'] !== undefined) match.where = filters(value['where'], `${field}.where`, true);
  return match;
}

function dateCondition(value: Record<string, unknown>, field: string): DateCondition {
  const op = oneOf(value['op'], `${field}.op`, DATE_OPS);
  if (op === 'before' || op === 'after') return { op, value: time(value['value'], `${field}.value`) };
  return { op, value: duration(value['value'], `${field}.value`) };
}

interface Budget {
  leaves: number;
}

function condition(value: unknown, field: string, depth: number, budget: Budget): Condition {
  if (depth > MAX_DEPTH) fail(field, `nests deeper than ${MAX_DEPTH} levels`);
  if (!isObject(value)) fail(field, 'must be a condition object such as { "performed": { "event": "..." } }');
  const keys = Object.keys(value);
  const kinds = [
    'and',
    'or',
    'not',
    'trait',
    'performed',
    'didNotPerform',
    'firstTime',
    'lastTime',
    'aggregate',
    'firstTouch',
    'rfm',
    'engagement',
    'segment',
    'list',
    'stage',
    'funnel',
  ];
  if (keys.length !== 1 || !kinds.includes(keys[0] as string))
    fail(field, `must have exactly one of ${kinds.join(', ')}`);
  const kind = keys[0] as string;
  const body = value[kind];
  const at = `${field}.${kind}`;
  if (kind === 'and' || kind === 'or') {
    if (!Array.isArray(body) || body.length === 0 || body.length > 50) fail(at, 'must be a list of 1 to 50 conditions');
    const list = body.map((c, i) => condition(c, `${at}[${i}]`, depth + 1, budget));
    return kind === 'and' ? { and: list } : { or: list };
  }
  if (kind === 'not') return { not: condition(body, at, depth + 1, budget) };

  budget.leaves += 1;
  if (budget.leaves > MAX_LEAVES) fail(at, `makes more than ${MAX_LEAVES} leaf conditions`);
  if (kind === 'segment') {
    if (typeof body !== 'string' || !/^[a-z0-9][a-z0-9_-]{0,63}$/.test(body)) fail(at, 'must be a segment id');
    return { segment: body };
  }
  if (kind === 'list') {
    if (!Array.isArray(body) || body.length === 0 || body.length > MAX_LIST)
      fail(at, `must be a list of 1 to ${MAX_LIST} distinct ids`);
    body.forEach((id, i) => text(id, `${at}[${i}]`));
    return { list: body as string[] };
  }
  if (!isObject(body)) fail(at, 'must be an object');
  switch (kind) {
    case 'trait': {
      const op = body['op'];
      if (typeof op === 'string' && (DATE_OPS as readonly string[]).includes(op)) {
        only(body, at, ['property', 'op', 'value']);
        return { trait: { property: text(body['property'], `${at}.property`), ...dateCondition(body, at) } };
      }
      if (body['on'] !== undefined && body['on'] !== 'person') fail(`${at}.on`, 'is always "person" for a trait');
      only(body, at, ['on', 'property', 'op', 'value']);
      text(body['property'], `${at}.property`);
      oneOf(body['op'], `${at}.op`, [...FILTER_OPS, ...DATE_OPS]);
      if (!filterCheck.Check({ ...body, on: 'person' }))
        fail(`${at}.value`, 'must be a string, number or boolean, or a list of them');
      const problem = filterProblem(body as unknown as PropertyFilter);
      if (problem) fail(at, problem);
      return { trait: body as unknown as PropertyFilter };
    }
    case 'performed': {
      only(body, at, ['event', 'where', 'count', 'window']);
      const performed: EventMatch & { count?: { op: (typeof COUNT_OPS)[number]; value: number }; window?: Window } =
        eventMatch(body, at);
      if (body['count'] !== undefined) {
        const count = body['count'];
        if (!isObject(count)) fail(`${at}.count`, 'must be { "op": "at_least", "value": 3 }');
        only(count, `${at}.count`, ['op', 'value']);
        const n = finite(count['value'], `${at}.count.value`);
        if (!Number.isInteger(n) || n < 0) fail(`${at}.count.value`, 'must be a whole number, 0 or more');
        performed.count = { op: oneOf(count['op'], `${at}.count.op`, COUNT_OPS), value: n };
      }
      if (body['window'] !== undefined) performed.window = window(body['window'], `${at}.window`);
      return { performed };
    }
    case 'didNotPerform': {
      only(body, at, ['event', 'where', 'window']);
      const match: EventMatch & { window?: Window } = eventMatch(body, at);
      if (body['window'] !== undefined) match.window = window(body['window'], `${at}.window`);
      return { didNotPerform: match };
    }
    case 'firstTime':
    case 'lastTime': {
      only(body, at, ['event', 'where', 'op', 'value']);
      const leaf = { ...eventMatch(body, at), ...dateCondition(body, at) };
      return kind === 'firstTime' ? { firstTime: leaf } : { lastTime: leaf };
    }
    case 'firstTouch': {
      only(body, at, ['on', 'property', 'op', 'value']);
      const property = oneOf(body['property'], `${at}.property`, TOUCH_COLUMNS);
      const filter = { ...body, property, on: 'event' };
      if (!filterCheck.Check(filter)) fail(`${at}.value`, 'must be a string or a list of strings');
      const problem = filterProblem(filter as PropertyFilter);
      if (problem) fail(at, problem);
      return { firstTouch: body as unknown as PropertyFilter };
    }
    case 'rfm': {
      only(body, at, ['event', 'group', 'recency', 'frequency', 'monetary']);
      const rfm: RfmCondition = {};
      if (body['event'] !== undefined) rfm.event = text(body['event'], `${at}.event`);
      if (body['group'] !== undefined) rfm.group = oneOf(body['group'], `${at}.group`, RFM_GROUPS);
      for (const score of ['recency', 'frequency', 'monetary'] as const) {
        const c = body[score];
        if (c === undefined) continue;
        if (!isObject(c)) fail(`${at}.${score}`, 'must be { "op": "gte", "value": 4 } (scores run from 1 to 5)');
        only(c, `${at}.${score}`, ['op', 'value']);
        const value = finite(c['value'], `${at}.${score}.value`);
        if (!Number.isInteger(value) || value < 1 || value > 5)
          fail(`${at}.${score}.value`, 'must be a score from 1 to 5');
        rfm[score] = { op: oneOf(c['op'], `${at}.${score}.op`, COMPARE_OPS), value };
      }
      if (!rfm.group && !rfm.recency && !rfm.frequency && !rfm.monetary)
        fail(at, 'needs a "group" or at least one of "recency", "frequency", "monetary"');
      return { rfm };
    }
    case 'stage': {
      only(body, at, ['in', 'entered']);
      const names = body['in'];
      if (!Array.isArray(names) || names.length === 0 || names.length > 20)
        fail(`${at}.in`, 'must be a list of 1 to 20 stage names');
      const stage: StageCondition = { in: names.map((n, i) => text(n, `${at}.in[${i}]`, 100)) };
      if (body['entered'] !== undefined) {
        const entered = body['entered'];
        if (!isObject(entered)) fail(`${at}.entered`, 'must be a date condition { "op", "value" }');
        only(entered, `${at}.entered`, ['op', 'value']);
        stage.entered = dateCondition(entered, `${at}.entered`);
      }
      return { stage };
    }
    case 'funnel': {
      only(body, at, ['steps', 'window', 'reached']);
      const steps = body['steps'];
      if (!Array.isArray(steps) || steps.length < 1 || steps.length > 20)
        fail(`${at}.steps`, 'must be a list of 1 to 20 steps { "event", "where" }');
      const parsed = steps.map((step, i) => {
        if (!isObject(step)) fail(`${at}.steps[${i}]`, 'must be { "event", "where" }');
        only(step, `${at}.steps[${i}]`, ['event', 'where']);
        return eventMatch(step, `${at}.steps[${i}]`);
      });
      const reached = finite(body['reached'], `${at}.reached`);
      if (!Number.isInteger(reached) || reached < 1 || reached > parsed.length)
        fail(`${at}.reached`, `must be a step number from 1 to ${parsed.length}`);
      return { funnel: { steps: parsed, window: duration(body['window'], `${at}.window`), reached } };
    }
    case 'engagement': {
      only(body, at, ['op', 'value']);
      return {
        engagement: { op: oneOf(body['op'], `${at}.op`, COMPARE_OPS), value: finite(body['value'], `${at}.value`) },
      };
    }
    default: {
      only(body, at, ['event', 'where', 'measure', 'property', 'op', 'value', 'window']);
      const measure = oneOf(body['measure'], `${at}.measure`, MEASURES);
      const aggregate: Extract<Condition, { aggregate: unknown }>['aggregate'] = {
        measure,
        op: oneOf(body['op'], `${at}.op`, COMPARE_OPS),
        value: finite(body['value'], `${at}.value`),
      };
      if (body['event'] !== undefined) aggregate.event = text(body['event'], `${at}.event`);
      if (body['where'] !== undefined) aggregate.where = filters(body['where'], `${at}.where`, true);
      if (body['property'] !== undefined) aggregate.property = text(body['property'], `${at}.property`);
      if (measure !== 'count' && aggregate.property === undefined)
        fail(`${at}.property`, `is required for measure "${measure}" (e.g. "$revenue")`);
      if (body['window'] !== undefined) aggregate.window = window(body['window'], `${at}.window`);
      return { aggregate };
    }
  }
}

/** Checks a condition tree; throws `invalid_request` naming the node at fault (`field` is the tree's own path). */
export function parseCondition(raw: unknown, field = 'condition'): Condition {
  return condition(raw, field, 1, { leaves: 0 });
}

/** Checks a whole definition `{ name, description?, condition }`. */
export function parseSegmentDefinition(raw: unknown): SegmentDefinition {
  if (!isObject(raw)) fail('definition', 'must be a JSON object { "name", "condition" }');
  only(raw, 'definition', ['id', 'name', 'description', 'condition']);
  const definition: SegmentDefinition = {
    name: text(raw['name'], 'name', 200),
    condition: parseCondition(raw['condition']),
  };
  if (raw['description'] !== undefined) definition.description = text(raw['description'], 'description', 2000);
  return definition;
}
