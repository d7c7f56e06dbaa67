// The segment builder's rules and the condition they make (docs/segments.md): "performed" / "did not perform" an
// event a number of times in the last N days, and trait filters, joined by and / or. Anything else of the condition
// language is edited as JSON; a condition the rules can show opens in them again.

import type { SegmentCondition } from '../../api/segments.js';

export type RuleKind = 'performed' | 'didNotPerform' | 'trait';
export type CountOp = 'at_least' | 'at_most' | 'exactly';
export const TRAIT_OPS = [
  'eq',
  'neq',
  'contains',
  'not_contains',
  'gt',
  'gte',
  'lt',
  'lte',
  'in',
  'not_in',
  'is_set',
  'is_not_set',
] as const;
export type TraitOp = (typeof TRAIT_OPS)[number];

export const TRAIT_OP_LABELS: Record<TraitOp, string> = {
  eq: 'is',
  neq: 'is not',
  contains: 'contains',
  not_contains: 'does not contain',
  gt: 'is more than',
  gte: 'is at least',
  lt: 'is less than',
  lte: 'is at most',
  in: 'is one of',
  not_in: 'is none of',
  is_set: 'is set',
  is_not_set: 'is not set',
};

export const COUNT_OP_LABELS: Record<CountOp, string> = {
  at_least: 'at least',
  at_most: 'at most',
  exactly: 'exactly',
};

/** One row of the builder. Every kind's fields are kept, so switching the kind back and forth loses nothing. */
export interface Rule {
  kind: RuleKind;
  event: string;
  countOp: CountOp;
  count: number;
  /** The window in days before now; null for all of the person's history. */
  days: number | null;
  property: string;
  op: TraitOp;
  /** As typed; a list for `in` / `not_in` is comma-separated. */
  value: string;
}

export interface BuilderState {
  match: 'and' | 'or';
  rules: Rule[];
}

export function newRule(kind: RuleKind, event = ''): Rule {
  return { kind, event, countOp: 'at_least', count: 1, days: 30, property: '', op: 'eq', value: '' };
}

const NUMERIC_OPS: TraitOp[] = ['gt', 'gte', 'lt', 'lte'];
const LIST_OPS: TraitOp[] = ['in', 'not_in'];
const NO_VALUE_OPS: TraitOp[] = ['is_set', 'is_not_set'];

export const needsValue = (op: TraitOp) => !NO_VALUE_OPS.includes(op);

/** What is wrong with one rule, in the user's words, or null. */
export function ruleProblem(rule: Rule, index: number): string | null {
  const which = `condition ${index + 1}`;
  if (rule.kind === 'trait') {
    if (rule.property.trim() === '') return `Name the trait of ${which}.`;
    if (!needsValue(rule.op)) return null;
    if (rule.value.trim() === '') return `Give a value for ${which}.`;
    if (NUMERIC_OPS.includes(rule.op) && !Number.isFinite(Number(rule.value)))
      return `The value of ${which} must be a number.`;
    return null;
  }
  if (rule.event === '') return `Choose an event for ${which}.`;
  if (rule.kind === 'performed' && (!Number.isInteger(rule.count) || rule.count < 0))
    return `The count of ${which} must be a whole number, 0 or more.`;
  if (rule.days !== null && (!Number.isInteger(rule.days) || rule.days < 1))
    return `The window of ${which} must be a whole number of days, 1 or more.`;
  return null;
}

export function builderProblem(state: BuilderState): string | null {
  if (state.rules.length === 0) return 'Add a condition.';
  for (const [i, rule] of state.rules.entries()) {
    const problem = ruleProblem(rule, i);
    if (problem) return problem;
  }
  return null;
}

function traitValue(rule: Rule): unknown {
  if (LIST_OPS.includes(rule.op))
    return rule.value
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v !== '');
  if (NUMERIC_OPS.includes(rule.op)) return Number(rule.value);
  return rule.value.trim();
}

/** The condition of one rule. */
export function ruleCondition(rule: Rule): SegmentCondition {
  if (rule.kind === 'trait') {
    const filter: Record<string, unknown> = { property: rule.property.trim(), op: rule.op };
    if (needsValue(rule.op)) filter['value'] = traitValue(rule);
    return { trait: filter };
  }
  const window = rule.days === null ? {} : { window: { last: { value: rule.days, unit: 'day' } } };
  if (rule.kind === 'didNotPerform') return { didNotPerform: { event: rule.event, ...window } };
  const count =
    rule.countOp === 'at_least' && rule.count === 1 ? {} : { count: { op: rule.countOp, value: rule.count } };
  return { performed: { event: rule.event, ...count, ...window } };
}

/** The whole condition: one rule alone, or all of them under `and` / `or`. */
export function conditionOf(state: BuilderState): SegmentCondition {
  const leaves = state.rules.map(ruleCondition);
  return leaves.length === 1 ? leaves[0]! : { [state.match]: leaves };
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const onlyKeys = (o: Record<string, unknown>, keys: string[]) => Object.keys(o).every((k) => keys.includes(k));

/** Days of a `{ last: { value, unit: 'day' } }` window; undefined when absent; null when the rules cannot show it. */
function windowDays(window: unknown): number | null | undefined {
  if (window === undefined) return undefined;
  if (!isObject(window) || !isObject(window['last']) || !onlyKeys(window, ['last'])) return null;
  const { value, unit } = window['last'];
  if (typeof value !== 'number') return null;
  if (unit === 'day') return value;
  if (unit === 'week') return value * 7;
  return null;
}

/** The rule a leaf condition stands for, or null when the builder cannot show it. */
export function ruleOf(condition: unknown): Rule | null {
  if (!isObject(condition) || Object.keys(condition).length !== 1) return null;
  const [kind, body] = Object.entries(condition)[0]!;
  if (!isObject(body)) return null;
  if (kind === 'trait') {
    const { property, op, value } = body;
    if (
      typeof property !== 'string' ||
      !TRAIT_OPS.includes(op as TraitOp) ||
      !onlyKeys(body, ['property', 'op', 'value'])
    )
      return null;
    const text = Array.isArray(value) ? value.map(String).join(', ') : value === undefined ? '' : String(value);
    return { ...newRule('trait'), property, op: op as TraitOp, value: text };
  }
  if (kind !== 'performed' && kind !== 'didNotPerform') return null;
  if (typeof body['event'] !== 'string' || !onlyKeys(body, ['event', 'count', 'window'])) return null;
  const days = windowDays(body['window']);
  if (days === null) return null;
  const rule: Rule = { ...newRule(kind, body['event']), days: days ?? null };
  if (kind === 'performed' && body['count'] !== undefined) {
    const count = body['count'];
    if (!isObject(count) || !(String(count['op']) in COUNT_OP_LABELS) || typeof count['value'] !== 'number')
      return null;
    rule.countOp = count['op'] as CountOp;
    rule.count = count['value'];
  }
  if (kind === 'didNotPerform' && body['count'] !== undefined) return null;
  return rule;
}

/** The builder's state for a condition, or null when it needs the JSON editor (nesting, other kinds of conditions). */
export function builderOf(condition: unknown): BuilderState | null {
  if (isObject(condition) && Object.keys(condition).length === 1) {
    for (const match of ['and', 'or'] as const) {
      const list = condition[match];
      if (Array.isArray(list)) {
        const rules = list.map(ruleOf);
        return rules.length > 0 && rules.every((r) => r !== null) ? { match, rules: rules as Rule[] } : null;
      }
    }
  }
  const rule = ruleOf(condition);
  return rule ? { match: 'and', rules: [rule] } : null;
}

/** The condition typed in the JSON editor, or the reason it is not one. */
export function parseConditionJson(text: string): { condition: SegmentCondition } | { problem: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return { problem: `This is not JSON yet: ${(e as Error).message}` };
  }
  if (!isObject(parsed)) return { problem: 'A condition is a JSON object, e.g. { "segment": "repeat-buyers" }.' };
  // A whole definition pasted from docs/examples/segments/ works too: its condition is what counts.
  const condition = isObject(parsed['condition']) && 'name' in parsed ? parsed['condition'] : parsed;
  return { condition };
}

/** Where the builder shows an error the server named `field` for. */
export type ErrorPlace =
  { at: 'name' } | { at: 'description' } | { at: 'rule'; index: number } | { at: 'condition' } | { at: 'form' };

/**
 * The place of a server error: `name` (and `id`, made from the name) by the name, `description` by it, a node of the
 * condition by the rule it comes from when the rules show it (`condition.or[2]…` is rule 3; a lone rule is the whole
 * condition), else by the condition; anything else above the save button.
 */
export function errorPlace(field: string | undefined, rules: BuilderState | null): ErrorPlace {
  if (field === 'name' || field === 'id') return { at: 'name' };
  if (field === 'description') return { at: 'description' };
  if (field === undefined || !(field === 'condition' || /^condition[.[]/.test(field))) return { at: 'form' };
  if (rules === null || field === 'condition') return { at: 'condition' };
  const nested = /^condition\.(and|or)\[(\d+)\]/.exec(field);
  if (nested) {
    const index = Number(nested[2]);
    return nested[1] === rules.match && index < rules.rules.length ? { at: 'rule', index } : { at: 'condition' };
  }
  return rules.rules.length === 1 ? { at: 'rule', index: 0 } : { at: 'condition' };
}
