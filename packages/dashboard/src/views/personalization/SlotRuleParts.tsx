// Parts of a slot rule in the editor: one targeting condition (segment, trait or request field), and the strategy.

import type { ConditionDraft, FilterOp, StrategyDraft } from './slot-editor-model.js';
import { FILTER_OPS, needsValue, newCondition } from './slot-editor-model.js';
import type { SlotChoices } from './SlotEditor.js';

const OP_LABELS: Record<FilterOp, string> = {
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
  regex: 'matches the pattern',
  is_set: 'is set',
  is_not_set: 'is not set',
};

const STRATEGY_LABELS: Record<StrategyDraft['type'], string> = {
  variant: 'Show a variant',
  split: 'Split between variants',
  experiment: 'Let an experiment assign',
  bandit: 'Let a bandit learn',
};

export interface ConditionRowProps {
  condition: ConditionDraft;
  label: string;
  segments: { id: string; name: string }[];
  onChange: (patch: Partial<ConditionDraft>) => void;
  onRemove: (() => void) | undefined;
  invalid: object;
}

export function ConditionRow({ condition: c, label, segments, onChange, onRemove, invalid }: ConditionRowProps) {
  return (
    <div className="slot-condition" {...invalid}>
      <select
        aria-label={`${label} kind`}
        value={c.kind}
        onChange={(e) => onChange({ ...newCondition(e.target.value as ConditionDraft['kind']) })}
      >
        <option value="segment">In segment</option>
        <option value="trait">Trait</option>
        <option value="context">Request</option>
      </select>
      {c.kind === 'segment' ? (
        <select
          aria-label={`${label} segment`}
          value={c.segment}
          onChange={(e) => onChange({ segment: e.target.value })}
        >
          <option value="">Choose a segment…</option>
          {c.segment !== '' && !segments.some((s) => s.id === c.segment) && (
            <option value={c.segment}>{c.segment}</option>
          )}
          {segments.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      ) : (
        <>
          <input
            aria-label={`${label} ${c.kind === 'trait' ? 'trait' : 'request field'}`}
            placeholder={c.kind === 'trait' ? 'Trait, e.g. plan' : 'Field, e.g. device'}
            list={c.kind === 'context' ? 'slot-context-fields' : undefined}
            value={c.property}
            onChange={(e) => onChange({ property: e.target.value })}
          />
          <select
            aria-label={`${label} comparison`}
            value={c.op}
            onChange={(e) => onChange({ op: e.target.value as FilterOp })}
          >
            {FILTER_OPS.map((op) => (
              <option key={op} value={op}>
                {OP_LABELS[op]}
              </option>
            ))}
          </select>
          {needsValue(c.op) && (
            <input
              aria-label={`${label} value`}
              placeholder={c.op === 'in' || c.op === 'not_in' ? 'Values, comma-separated' : 'Value'}
              value={c.value}
              onChange={(e) => onChange({ value: e.target.value })}
            />
          )}
        </>
      )}
      {onRemove && (
        <button type="button" className="icon-button" onClick={onRemove} aria-label={`Remove ${label.toLowerCase()}`}>
          ×
        </button>
      )}
    </div>
  );
}

export interface StrategyProps {
  strategy: StrategyDraft;
  label: string;
  variants: string[];
  choices: SlotChoices;
  onChange: (patch: Partial<StrategyDraft>) => void;
  invalid: object;
}

export function StrategyFields({ strategy: s, label, variants, choices, onChange, invalid }: StrategyProps) {
  return (
    <fieldset className="slot-then">
      <legend>Then</legend>
      <div className="slot-edit-row">
        <select
          aria-label={`${label} strategy`}
          value={s.type}
          onChange={(e) => onChange({ type: e.target.value as StrategyDraft['type'] })}
          {...invalid}
        >
          {Object.entries(STRATEGY_LABELS).map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
        {s.type === 'variant' && (
          <select
            aria-label={`${label} variant`}
            value={s.variant}
            onChange={(e) => onChange({ variant: e.target.value })}
          >
            <option value="">Choose a variant…</option>
            {variants.map((id, i) => (
              <option key={i} value={id}>
                {id}
              </option>
            ))}
          </select>
        )}
        {s.type === 'experiment' && (
          <select
            aria-label={`${label} experiment`}
            value={s.experiment}
            onChange={(e) => onChange({ experiment: e.target.value })}
          >
            <option value="">Choose an experiment…</option>
            {choices.experiments.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        )}
        {s.type === 'bandit' && (
          <>
            <select
              aria-label={`${label} conversion event`}
              value={s.conversionEvent}
              onChange={(e) => onChange({ conversionEvent: e.target.value })}
            >
              <option value="">Learning from the event…</option>
              {choices.events.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
            <label className="inline-fields">
              <span className="rule-word">within</span>
              <input
                type="number"
                min={1}
                max={90}
                aria-label={`${label} conversion days`}
                value={Number.isNaN(s.withinDays) ? '' : s.withinDays}
                onChange={(e) => onChange({ withinDays: e.target.valueAsNumber })}
              />
              <span className="rule-word">days</span>
            </label>
          </>
        )}
      </div>
      {s.type === 'split' && (
        <div className="slot-edit-row">
          {variants.map((id, i) => (
            <label key={i} className="field">
              <span>Weight of {id}</span>
              <input
                type="number"
                min={0}
                max={1000}
                aria-label={`${label} weight of ${id}`}
                value={s.weights[id] ?? 0}
                onChange={(e) => onChange({ weights: { ...s.weights, [id]: e.target.valueAsNumber || 0 } })}
              />
            </label>
          ))}
        </div>
      )}
      {s.type === 'bandit' && (
        <div className="slot-edit-row" role="group" aria-label={`${label} variants the bandit chooses between`}>
          {variants.map((id, i) => (
            <label key={i} className="checkbox">
              <input
                type="checkbox"
                checked={s.banditVariants.includes(id)}
                onChange={(e) =>
                  onChange({
                    banditVariants: e.target.checked
                      ? [...s.banditVariants, id]
                      : s.banditVariants.filter((v) => v !== id),
                  })
                }
              />{' '}
              {id}
            </label>
          ))}
        </div>
      )}
    </fieldset>
  );
}
