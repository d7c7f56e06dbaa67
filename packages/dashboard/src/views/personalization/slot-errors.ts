// Where the slot editor shows an error the server names a field for: next to the control that field comes from.

import type { SlotDraft } from './slot-editor-model.js';

const TOP_FIELDS = ['id', 'name', 'description', 'default', 'holdout', 'status', 'variants', 'rules'];
const VARIANT_PARTS = ['id', 'name', 'content', 'offer'];
const RULE_PARTS = ['id', 'name', 'priority', 'strategy'];

/**
 * The editor control an error about `field` (as the server names it, e.g. `rules[0].when.and[1].trait.value`) is
 * shown by: `rules[0].when[1]` for that condition's row, `variants[2].content` for a variant's content, `default`,
 * and so on; `form` when no control matches.
 */
export function slotErrorKey(field: string | undefined, draft: SlotDraft): string {
  if (field === undefined) return 'form';
  if (TOP_FIELDS.includes(field)) return field;
  const variant = /^variants\[(\d+)\](?:\.(\w+))?/.exec(field);
  if (variant) {
    const i = Number(variant[1]);
    if (i >= draft.variants.length) return 'variants';
    return variant[2] && VARIANT_PARTS.includes(variant[2]) ? `variants[${i}].${variant[2]}` : `variants[${i}].id`;
  }
  const rule = /^rules\[(\d+)\](?:\.(\w+))?/.exec(field);
  if (!rule) return 'form';
  const i = Number(rule[1]);
  const draftRule = draft.rules[i];
  if (!draftRule) return 'rules';
  const part = rule[2];
  if (part && RULE_PARTS.includes(part)) return `rules[${i}].${part}`;
  if (part !== 'when' || draftRule.match === 'json' || draftRule.match === 'everyone') return `rules[${i}].when`;
  const rest = field.slice(rule[0].length);
  const nested = /^\.(and|or)\[(\d+)\]/.exec(rest);
  if (nested) {
    const j = Number(nested[2]);
    return j < draftRule.conditions.length ? `rules[${i}].when[${j}]` : `rules[${i}].when`;
  }
  return draftRule.conditions.length === 1 && rest !== '' ? `rules[${i}].when[0]` : `rules[${i}].when`;
}
