// The builder's rows: "performed" / "did not perform" an event N times in the last N days, or a trait filter.

import type { ReactNode } from 'react';
import type { BuilderState, CountOp, Rule, RuleKind, TraitOp } from './builder-model.js';
import { COUNT_OP_LABELS, TRAIT_OPS, TRAIT_OP_LABELS, needsValue, newRule } from './builder-model.js';

const KIND_LABELS: Record<RuleKind, string> = {
  performed: 'Performed',
  didNotPerform: 'Did not perform',
  trait: 'Has trait',
};

export interface RuleEditorProps {
  state: BuilderState;
  onChange: (state: BuilderState) => void;
  events: string[];
  traits: string[];
  /** An error the server named for one rule's part of the condition, shown in that row. */
  error?: { index: number; node: ReactNode } | undefined;
}

export function RuleEditor({ state, onChange, events, traits, error }: RuleEditorProps) {
  const setRule = (i: number, patch: Partial<Rule>) =>
    onChange({ ...state, rules: state.rules.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
  const remove = (i: number) => onChange({ ...state, rules: state.rules.filter((_, j) => j !== i) });
  const add = (kind: RuleKind) =>
    onChange({ ...state, rules: [...state.rules, newRule(kind, kind === 'trait' ? '' : events[0])] });
  return (
    <fieldset className="rules">
      <legend className="panel-title">Who is in it</legend>
      <label className="match-line">
        <span>Persons who meet</span>
        <select
          value={state.match}
          onChange={(e) => onChange({ ...state, match: e.target.value as BuilderState['match'] })}
          aria-label="Combine the conditions"
        >
          <option value="and">all of these conditions</option>
          <option value="or">any of these conditions</option>
        </select>
      </label>
      <datalist id="segment-trait-names">
        {traits.map((t) => (
          <option key={t} value={t} />
        ))}
      </datalist>
      <ol className="rule-list">
        {state.rules.map((rule, i) => (
          <li key={i} className={error?.index === i ? 'rule rule-invalid' : 'rule'}>
            <span className="rule-join" aria-hidden="true">
              {i === 0 ? 'where' : state.match === 'and' ? 'and' : 'or'}
            </span>
            <div className="rule-fields">
              <select
                aria-label={`Condition ${i + 1} kind`}
                value={rule.kind}
                onChange={(e) => setRule(i, { kind: e.target.value as RuleKind })}
              >
                {Object.entries(KIND_LABELS).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
              {rule.kind === 'trait' ? (
                <TraitFields rule={rule} index={i} onChange={(patch) => setRule(i, patch)} />
              ) : (
                <EventFields rule={rule} index={i} events={events} onChange={(patch) => setRule(i, patch)} />
              )}
              {error?.index === i && <div className="rule-error">{error.node}</div>}
            </div>
            <button
              type="button"
              className="icon-button"
              onClick={() => remove(i)}
              disabled={state.rules.length <= 1}
              aria-label={`Remove condition ${i + 1}`}
            >
              ×
            </button>
          </li>
        ))}
      </ol>
      <div className="rule-add">
        <button
          type="button"
          className="button button-quiet"
          onClick={() => add('performed')}
          disabled={state.rules.length >= 20}
        >
          + Event condition
        </button>
        <button
          type="button"
          className="button button-quiet"
          onClick={() => add('trait')}
          disabled={state.rules.length >= 20}
        >
          + Trait condition
        </button>
      </div>
    </fieldset>
  );
}

function EventFields(props: { rule: Rule; index: number; events: string[]; onChange: (patch: Partial<Rule>) => void }) {
  const { rule, index, events, onChange } = props;
  const n = index + 1;
  return (
    <>
      <select
        aria-label={`Condition ${n} event`}
        value={rule.event}
        onChange={(e) => onChange({ event: e.target.value })}
      >
        <option value="">Choose an event…</option>
        {rule.event !== '' && !events.includes(rule.event) && <option value={rule.event}>{rule.event}</option>}
        {events.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
      {rule.kind === 'performed' && (
        <span className="inline-fields">
          <select
            aria-label={`Condition ${n} count comparison`}
            value={rule.countOp}
            onChange={(e) => onChange({ countOp: e.target.value as CountOp })}
          >
            {Object.entries(COUNT_OP_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
          <input
            type="number"
            min={0}
            step={1}
            aria-label={`Condition ${n} count`}
            value={Number.isNaN(rule.count) ? '' : rule.count}
            onChange={(e) => onChange({ count: e.target.valueAsNumber })}
          />
          <span className="rule-word">{rule.count === 1 ? 'time' : 'times'}</span>
        </span>
      )}
      <span className="inline-fields">
        <select
          aria-label={`Condition ${n} window`}
          value={rule.days === null ? 'ever' : 'last'}
          onChange={(e) => onChange({ days: e.target.value === 'ever' ? null : 30 })}
        >
          <option value="last">in the last</option>
          <option value="ever">ever</option>
        </select>
        {rule.days !== null && (
          <>
            <input
              type="number"
              min={1}
              step={1}
              aria-label={`Condition ${n} days`}
              value={Number.isNaN(rule.days) ? '' : rule.days}
              onChange={(e) => onChange({ days: e.target.valueAsNumber })}
            />
            <span className="rule-word">days</span>
          </>
        )}
      </span>
    </>
  );
}

function TraitFields(props: { rule: Rule; index: number; onChange: (patch: Partial<Rule>) => void }) {
  const { rule, index, onChange } = props;
  const n = index + 1;
  return (
    <>
      <input
        type="text"
        list="segment-trait-names"
        placeholder="Trait, e.g. plan"
        aria-label={`Condition ${n} trait`}
        value={rule.property}
        onChange={(e) => onChange({ property: e.target.value })}
      />
      <select
        aria-label={`Condition ${n} comparison`}
        value={rule.op}
        onChange={(e) => onChange({ op: e.target.value as TraitOp })}
      >
        {TRAIT_OPS.map((op) => (
          <option key={op} value={op}>
            {TRAIT_OP_LABELS[op]}
          </option>
        ))}
      </select>
      {needsValue(rule.op) && (
        <input
          type="text"
          placeholder={rule.op === 'in' || rule.op === 'not_in' ? 'Values, comma-separated' : 'Value'}
          aria-label={`Condition ${n} value`}
          value={rule.value}
          onChange={(e) => onChange({ value: e.target.value })}
        />
      )}
    </>
  );
}
