// How a slot reads in the dashboard: its rules in the order they are tried, their targeting and strategy in words,
// the holdout, and the preview form's request ("what would this customer see, and why"). Pure.

import type {
  Decision,
  DecisionSource,
  PreviewRequest,
  Slot,
  SlotRule,
  SlotVariant,
  Strategy,
  Targeting,
  ValueFilter,
} from '../../api/personalization.js';
import { formatPercent } from '../../lib/format.js';

/** Rules as the server tries them: higher priority first, equal priorities in their saved order. */
export function rulesByPriority(rules: SlotRule[]): SlotRule[] {
  return rules
    .map((rule, index) => ({ rule, index }))
    .sort((a, b) => (b.rule.priority ?? 0) - (a.rule.priority ?? 0) || a.index - b.index)
    .map((x) => x.rule);
}

const OPS: Record<string, string> = {
  eq: 'is',
  neq: 'is not',
  gt: 'is more than',
  gte: 'is at least',
  lt: 'is less than',
  lte: 'is at most',
  contains: 'contains',
  not_contains: 'does not contain',
  regex: 'matches the pattern',
  in: 'is one of',
  not_in: 'is none of',
  is_set: 'is set',
  is_not_set: 'is not set',
};

function valueText(value: ValueFilter['value']): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) return value.map((v) => valueText(v)).join(', ');
  return typeof value === 'string' ? `“${value}”` : String(value);
}

function filterText(kind: 'trait' | 'context', f: ValueFilter): string {
  const op = OPS[f.op] ?? f.op;
  const value = f.op === 'is_set' || f.op === 'is_not_set' ? '' : ` ${valueText(f.value)}`;
  return `${kind === 'trait' ? 'trait' : 'request'} ${f.property} ${op}${value}`;
}

const DAY_NAMES: Record<string, string> = {
  mon: 'Mon',
  tue: 'Tue',
  wed: 'Wed',
  thu: 'Thu',
  fri: 'Fri',
  sat: 'Sat',
  sun: 'Sun',
};

function timeText(t: { hours?: [number, number]; days?: string[]; timezone?: string }): string {
  const parts: string[] = [];
  const hour = (h: number) => `${String(h).padStart(2, '0')}:00`;
  if (t.hours) parts.push(`from ${hour(t.hours[0])} to ${hour(t.hours[1])}`);
  if (t.days && t.days.length > 0) parts.push(`on ${t.days.map((d) => DAY_NAMES[d] ?? d).join(', ')}`);
  return `local time ${parts.join(' ') || 'any time'} (${t.timezone ?? 'UTC'})`;
}

/** A targeting tree in words: `trait orders_count is at least 1 and (request device is “mobile” or …)`. */
export function describeTargeting(t: Targeting | undefined, nested = false): string {
  if (t === undefined) return 'Everyone';
  const group = (parts: Targeting[], word: string) => {
    if (parts.length === 0) return word === 'and' ? 'Everyone' : 'Nobody';
    const text = parts.map((p) => describeTargeting(p, true)).join(` ${word} `);
    return nested && parts.length > 1 ? `(${text})` : text;
  };
  if ('and' in t) return group(t.and, 'and');
  if ('or' in t) return group(t.or, 'or');
  if ('not' in t) return `not ${describeTargeting(t.not, true)}`;
  if ('segment' in t) return `in segment “${t.segment}”`;
  if ('trait' in t) return filterText('trait', t.trait);
  if ('context' in t) return filterText('context', t.context);
  if ('time' in t) return timeText(t.time);
  return 'an unknown condition (never matches)';
}

export function variantLabel(slot: Slot, id: string | null | undefined): string {
  if (id === null || id === undefined) return 'nothing (unknown slot)';
  const v = slot.variants.find((x) => x.id === id);
  return v?.name ? `${v.name} (${id})` : id;
}

/** What a rule does once it matches. Experiments are named by id; the page links them. */
export function describeStrategy(s: Strategy, slot: Slot): string {
  if (s.type === 'variant') return `Show ${variantLabel(slot, s.variant)}`;
  if (s.type === 'split') {
    const total = Object.values(s.weights).reduce((a, b) => a + b, 0);
    const shares = Object.entries(s.weights).map(
      ([id, w]) => `${variantLabel(slot, id)} ${formatPercent(total > 0 ? w / total : 0, 0)}`,
    );
    return `Split, sticky per person: ${shares.join(' · ')}`;
  }
  if (s.type === 'experiment') return `Assign by experiment “${s.experiment}” (if it is running and takes the person)`;
  return `Bandit between ${s.variants.map((id) => variantLabel(slot, id)).join(', ')}, learning from ${s.conversion.event} within ${s.conversion.withinDays ?? 7} days`;
}

/** The holdout in a sentence. */
export function describeHoldout(slot: Slot): string {
  if (!slot.holdout) return 'No holdout: everyone goes through the rules.';
  return `${formatPercent(slot.holdout, 0)} of persons always see ${variantLabel(slot, slot.default)}, to measure personalization against.`;
}

export const SOURCE_LABELS: Record<DecisionSource, string> = {
  rule: 'Targeting rule',
  experiment: 'Experiment',
  bandit: 'Bandit',
  holdout: 'Holdout',
  default: 'Default',
};

/** A variant's content as text to show: text as is, JSON pretty-printed, HTML as its source. */
export function contentSource(v: SlotVariant['content']): string {
  if (!v) return '';
  if (v.type === 'json') return JSON.stringify(v.value, null, 2);
  return typeof v.value === 'string' ? v.value : JSON.stringify(v.value);
}

/**
 * The document a sandboxed iframe renders for an HTML variant. The iframe has no permissions (no scripts, its own
 * opaque origin), so the HTML can render without reaching the dashboard.
 */
export function htmlPreviewDocument(html: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><style>body{margin:8px 10px;font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;color:#1f2633}</style></head><body>${html}</body></html>`;
}

export interface PreviewChoices {
  idKind: 'userId' | 'anonymousId';
  id: string;
  device: '' | 'desktop' | 'mobile' | 'tablet';
  utmSource: string;
  url: string;
}

export const EMPTY_PREVIEW: PreviewChoices = { idKind: 'userId', id: '', device: '', utmSource: '', url: '' };

export function previewProblem(c: PreviewChoices): string | null {
  if (c.id.trim() === '') return 'Enter a customer’s user id or a visitor’s anonymous id.';
  if (c.url.trim() !== '' && !/^https?:\/\/\S+$/i.test(c.url.trim())) return 'The page URL must start with http(s)://.';
  return null;
}

/** The preview body: the id, and only the context fields that were filled in. */
export function previewRequestOf(c: PreviewChoices): PreviewRequest {
  const context: Record<string, string> = {};
  if (c.device) context['device'] = c.device;
  if (c.utmSource.trim()) context['utm_source'] = c.utmSource.trim();
  if (c.url.trim()) context['url'] = c.url.trim();
  return {
    [c.idKind]: c.id.trim(),
    ...(Object.keys(context).length > 0 ? { context } : {}),
  };
}

/** Why the person sees what they see, in a sentence built on the server's reason. */
export function decisionSentence(d: Decision, slot: Slot): string {
  const shown = d.variant === null ? 'Nothing is shown' : `They would see ${variantLabel(slot, d.variant)}`;
  const rule = d.rule ? slot.rules.find((r) => r.id === d.rule) : undefined;
  const because = rule?.name ? ` (${rule.name})` : '';
  return `${shown}: ${d.reason}${because}.`;
}
