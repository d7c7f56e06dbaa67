// The slot editor's form and the slot it makes (docs/personalization.md; checked again by the server): variants with
// content, rules whose targeting is a list of conditions on segments, traits or the request context joined by all /
// any (deeper trees are edited as JSON), a strategy per rule, the default and the holdout. Pure.

import type { Slot, SlotRule, SlotVariant, Strategy, Targeting, ValueFilter } from '../../api/personalization.js';

export const FILTER_OPS = [
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
  'regex',
  'is_set',
  'is_not_set',
] as const;
export type FilterOp = (typeof FILTER_OPS)[number];

export interface VariantDraft {
  id: string;
  name: string;
  contentType: 'none' | 'text' | 'html' | 'json';
  /** As typed: text, HTML source, or JSON text. */
  content: string;
  offer: string;
}

export interface ConditionDraft {
  kind: 'segment' | 'trait' | 'context';
  segment: string;
  property: string;
  op: FilterOp;
  /** As typed; a list for `in` / `not_in` is comma-separated. */
  value: string;
}

export interface StrategyDraft {
  type: Strategy['type'];
  variant: string;
  /** Weights of a split, by variant id (0 or absent: not in the split). */
  weights: Record<string, number>;
  experiment: string;
  banditVariants: string[];
  conversionEvent: string;
  withinDays: number;
}

export interface RuleDraft {
  id: string;
  name: string;
  priority: number;
  /** `everyone`: no condition; `json`: a targeting tree the list cannot show, edited as JSON text. */
  match: 'everyone' | 'all' | 'any' | 'json';
  conditions: ConditionDraft[];
  whenJson: string;
  strategy: StrategyDraft;
}

export interface SlotDraft {
  id: string;
  name: string;
  description: string;
  variants: VariantDraft[];
  default: string;
  rules: RuleDraft[];
  /** Percent of persons held out (0 to 50). */
  holdoutPercent: number;
  status: 'active' | 'paused';
  /** Fields the form does not show, kept as they were. */
  kept: Pick<Slot, 'seed' | 'hashOn'>;
}

export const newVariant = (id = ''): VariantDraft => ({ id, name: '', contentType: 'text', content: '', offer: '' });

export const newCondition = (kind: ConditionDraft['kind'] = 'segment'): ConditionDraft => ({
  kind,
  segment: '',
  property: kind === 'context' ? 'device' : '',
  op: 'eq',
  value: '',
});

export function newStrategy(variant = ''): StrategyDraft {
  return {
    type: 'variant',
    variant,
    weights: {},
    experiment: '',
    banditVariants: [],
    conversionEvent: '',
    withinDays: 7,
  };
}

export function newRule(index: number, variant = ''): RuleDraft {
  return {
    id: `rule-${index + 1}`,
    name: '',
    priority: 0,
    match: 'all',
    conditions: [newCondition('segment')],
    whenJson: '',
    strategy: newStrategy(variant),
  };
}

export function newSlotDraft(): SlotDraft {
  return {
    id: '',
    name: '',
    description: '',
    variants: [newVariant('control')],
    default: 'control',
    rules: [],
    holdoutPercent: 0,
    status: 'active',
    kept: {},
  };
}

/** A slot id from its name: `Checkout banner (EU)` → `checkout-banner-eu`. */
export function slotIdFor(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
}

const NO_VALUE: FilterOp[] = ['is_set', 'is_not_set'];
const LISTS: FilterOp[] = ['in', 'not_in'];
const NUMERIC: FilterOp[] = ['gt', 'gte', 'lt', 'lte'];

export const needsValue = (op: FilterOp) => !NO_VALUE.includes(op);

/** A typed value: a number or true/false when it reads exactly as one (so `01234` stays text), else text. */
function scalarOf(text: string, op: FilterOp): string | number | boolean {
  const t = text.trim();
  if (NUMERIC.includes(op)) return Number(t);
  if (op === 'contains' || op === 'not_contains' || op === 'regex') return t;
  if (t === 'true' || t === 'false') return t === 'true';
  return t !== '' && String(Number(t)) === t ? Number(t) : t;
}

function filterOf(c: ConditionDraft): ValueFilter {
  const filter: ValueFilter = { property: c.property.trim(), op: c.op };
  if (!needsValue(c.op)) return filter;
  filter.value = LISTS.includes(c.op)
    ? c.value
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v !== '')
        .map((v) => scalarOf(v, c.op))
    : scalarOf(c.value, c.op);
  return filter;
}

export function targetingOfCondition(c: ConditionDraft): Targeting {
  if (c.kind === 'segment') return { segment: c.segment };
  return c.kind === 'trait' ? { trait: filterOf(c) } : { context: filterOf(c) };
}

function strategyOf(s: StrategyDraft): Strategy {
  if (s.type === 'variant') return { type: 'variant', variant: s.variant };
  if (s.type === 'experiment') return { type: 'experiment', experiment: s.experiment };
  if (s.type === 'split')
    return { type: 'split', weights: Object.fromEntries(Object.entries(s.weights).filter(([, w]) => w > 0)) };
  return {
    type: 'bandit',
    variants: s.banditVariants,
    conversion: { event: s.conversionEvent.trim(), withinDays: s.withinDays },
  };
}

/** A problem of the form itself (not the server's to find), with the field it concerns. */
export interface DraftProblem {
  field: string;
  message: string;
}

function contentOf(v: VariantDraft, i: number): SlotVariant['content'] | DraftProblem {
  if (v.contentType === 'none') return undefined;
  if (v.contentType !== 'json') return { type: v.contentType, value: v.content };
  try {
    return { type: 'json', value: JSON.parse(v.content) as unknown };
  } catch (e) {
    return { field: `variants[${i}].content.value`, message: `is not JSON yet: ${(e as Error).message}` };
  }
}

const isProblem = (x: unknown): x is DraftProblem =>
  typeof x === 'object' && x !== null && 'field' in x && 'message' in x;

function whenOf(rule: RuleDraft, i: number): Targeting | undefined | DraftProblem {
  if (rule.match === 'everyone') return undefined;
  if (rule.match === 'json') {
    try {
      return JSON.parse(rule.whenJson) as Targeting;
    } catch (e) {
      return { field: `rules[${i}].when`, message: `is not JSON yet: ${(e as Error).message}` };
    }
  }
  const parts = rule.conditions.map(targetingOfCondition);
  if (parts.length === 1) return parts[0];
  return rule.match === 'all' ? { and: parts } : { or: parts };
}

/** The slot the form stands for (the server checks it whole), or the first part that cannot be read. */
export function slotOf(d: SlotDraft): { slot: Slot } | { problem: DraftProblem } {
  const variants: SlotVariant[] = [];
  for (const [i, v] of d.variants.entries()) {
    const content = contentOf(v, i);
    if (isProblem(content)) return { problem: content };
    variants.push({
      id: v.id.trim(),
      ...(v.name.trim() ? { name: v.name.trim() } : {}),
      ...(content ? { content } : {}),
      ...(v.offer.trim() ? { offer: v.offer.trim() } : {}),
    });
  }
  const rules: SlotRule[] = [];
  for (const [i, r] of d.rules.entries()) {
    const when = whenOf(r, i);
    if (isProblem(when)) return { problem: when };
    rules.push({
      id: r.id.trim(),
      ...(r.name.trim() ? { name: r.name.trim() } : {}),
      ...(r.priority !== 0 ? { priority: r.priority } : {}),
      ...(when ? { when } : {}),
      strategy: strategyOf(r.strategy),
    });
  }
  const slot: Slot = {
    id: d.id.trim(),
    name: d.name.trim(),
    variants,
    default: d.default,
    rules,
    status: d.status,
    ...d.kept,
  };
  if (d.description.trim()) slot.description = d.description.trim();
  if (d.holdoutPercent > 0) slot.holdout = Math.round(d.holdoutPercent * 100) / 10_000;
  return { slot };
}

const valueText = (v: ValueFilter['value']): string =>
  v === undefined ? '' : Array.isArray(v) ? v.map(String).join(', ') : String(v);

/** The form's row for one targeting leaf, or null when the list cannot show it (nesting, `not`, time). */
export function conditionOf(t: Targeting): ConditionDraft | null {
  if ('segment' in t) return { ...newCondition('segment'), segment: t.segment };
  for (const kind of ['trait', 'context'] as const) {
    if (kind in t) {
      const f = (t as Record<typeof kind, ValueFilter>)[kind];
      if (!(FILTER_OPS as readonly string[]).includes(f.op)) return null;
      return { kind, segment: '', property: f.property, op: f.op as FilterOp, value: valueText(f.value) };
    }
  }
  return null;
}

function ruleDraftOf(rule: SlotRule, variants: string[]): RuleDraft {
  const s = rule.strategy;
  const strategy: StrategyDraft = { ...newStrategy(variants[0] ?? ''), type: s.type };
  if (s.type === 'variant') strategy.variant = s.variant;
  if (s.type === 'split') strategy.weights = { ...s.weights };
  if (s.type === 'experiment') strategy.experiment = s.experiment;
  if (s.type === 'bandit') {
    strategy.banditVariants = [...s.variants];
    strategy.conversionEvent = s.conversion.event;
    strategy.withinDays = s.conversion.withinDays ?? 7;
  }
  const base = {
    id: rule.id,
    name: rule.name ?? '',
    priority: rule.priority ?? 0,
    strategy,
    whenJson: rule.when ? JSON.stringify(rule.when, null, 2) : '',
  };
  const when = rule.when;
  if (when === undefined) return { ...base, match: 'everyone', conditions: [newCondition()] };
  const list = 'and' in when ? when.and : 'or' in when ? when.or : [when];
  const conditions = list.map(conditionOf);
  if (conditions.length > 0 && conditions.every((c) => c !== null))
    return { ...base, match: 'or' in when ? 'any' : 'all', conditions: conditions as ConditionDraft[] };
  return { ...base, match: 'json', conditions: [newCondition()] };
}

function variantDraftOf(v: SlotVariant): VariantDraft {
  const c = v.content;
  return {
    id: v.id,
    name: v.name ?? '',
    contentType: c?.type ?? 'none',
    content: !c ? '' : c.type === 'json' ? JSON.stringify(c.value, null, 2) : String(c.value),
    offer: v.offer ?? '',
  };
}

/** The form for a saved slot. */
export function draftOf(slot: Slot): SlotDraft {
  const ids = slot.variants.map((v) => v.id);
  return {
    id: slot.id,
    name: slot.name,
    description: slot.description ?? '',
    variants: slot.variants.map(variantDraftOf),
    default: slot.default,
    rules: slot.rules.map((r) => ruleDraftOf(r, ids)),
    holdoutPercent: Math.round((slot.holdout ?? 0) * 10_000) / 100,
    status: slot.status ?? 'active',
    kept: {
      ...(slot.seed !== undefined ? { seed: slot.seed } : {}),
      ...(slot.hashOn !== undefined ? { hashOn: slot.hashOn } : {}),
    },
  };
}
