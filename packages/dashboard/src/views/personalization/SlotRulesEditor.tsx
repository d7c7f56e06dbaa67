// The slot editor's rules: each with an id, a priority, who it is for (conditions on segments, traits or the request
// context, all or any of them; a deeper tree as JSON) and what it shows (a variant, a split, an experiment, a bandit).

import type { ConditionDraft, RuleDraft } from './slot-editor-model.js';
import { newCondition, newRule } from './slot-editor-model.js';
import type { SlotChoices } from './SlotEditor.js';
import { ConditionRow, StrategyFields } from './SlotRuleParts.js';
import type { SlotPartEditorProps } from './SlotVariantsEditor.js';

/** Request context fields /v1/decide takes (docs/personalization.md, "Targeting"). */
const CONTEXT_FIELDS = [
  'device',
  'channel',
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'url',
  'path',
  'referrer',
  'locale',
  'country',
];

export function SlotRulesEditor(props: SlotPartEditorProps & { choices: SlotChoices }) {
  const { draft, onChange, errorAt } = props;
  const setRule = (i: number, rule: RuleDraft) =>
    onChange({ ...draft, rules: draft.rules.map((r, j) => (j === i ? rule : r)) });
  const move = (i: number, by: -1 | 1) => {
    const rules = [...draft.rules];
    const [rule] = rules.splice(i, 1);
    if (rule) rules.splice(i + by, 0, rule);
    onChange({ ...draft, rules });
  };
  const add = () =>
    onChange({ ...draft, rules: [...draft.rules, newRule(draft.rules.length, draft.variants[0]?.id ?? '')] });
  return (
    <section className="panel" aria-labelledby="rules-editor-heading">
      <h2 id="rules-editor-heading" className="panel-title">
        Rules
      </h2>
      <p className="panel-subtitle">
        Higher priority first; rules of equal priority in this order. The first rule whose conditions match decides.
      </p>
      <datalist id="slot-context-fields">
        {CONTEXT_FIELDS.map((f) => (
          <option key={f} value={f} />
        ))}
      </datalist>
      {draft.rules.length === 0 && <p className="muted">No rules: everyone outside the holdout sees the default.</p>}
      <ol className="slot-edit-list">
        {draft.rules.map((rule, i) => (
          <li key={i} className="slot-edit-item" aria-label={`Rule ${i + 1}`}>
            <RuleHeader {...props} rule={rule} index={i} onRule={(r) => setRule(i, r)} />
            <div className="slot-edit-actions">
              <button type="button" className="button button-quiet" onClick={() => move(i, -1)} disabled={i === 0}>
                ↑ Up
              </button>
              <button
                type="button"
                className="button button-quiet"
                onClick={() => move(i, 1)}
                disabled={i === draft.rules.length - 1}
              >
                ↓ Down
              </button>
              <button
                type="button"
                className="button button-quiet"
                onClick={() => onChange({ ...draft, rules: draft.rules.filter((_, j) => j !== i) })}
                aria-label={`Remove rule ${i + 1}`}
              >
                Remove
              </button>
            </div>
          </li>
        ))}
      </ol>
      {errorAt('rules')}
      <button type="button" className="button button-quiet" onClick={add} disabled={draft.rules.length >= 100}>
        + Rule
      </button>
    </section>
  );
}

interface RuleProps extends SlotPartEditorProps {
  choices: SlotChoices;
  rule: RuleDraft;
  index: number;
  onRule: (rule: RuleDraft) => void;
}

function RuleHeader({ rule, index: i, onRule, errorAt, invalid, choices, draft }: RuleProps) {
  const n = i + 1;
  const set = (patch: Partial<RuleDraft>) => onRule({ ...rule, ...patch });
  const setCondition = (j: number, patch: Partial<ConditionDraft>) =>
    set({ conditions: rule.conditions.map((c, k) => (k === j ? { ...c, ...patch } : c)) });
  return (
    <>
      <div className="slot-edit-row">
        <label className="field">
          <span>Rule id</span>
          <input
            aria-label={`Rule ${n} id`}
            value={rule.id}
            onChange={(e) => set({ id: e.target.value })}
            {...invalid(`rules[${i}].id`)}
          />
        </label>
        <label className="field field-grow">
          <span>Name (optional)</span>
          <input aria-label={`Rule ${n} name`} value={rule.name} onChange={(e) => set({ name: e.target.value })} />
        </label>
        <label className="field">
          <span>Priority</span>
          <input
            type="number"
            step={1}
            aria-label={`Rule ${n} priority`}
            value={Number.isNaN(rule.priority) ? '' : rule.priority}
            onChange={(e) => set({ priority: e.target.valueAsNumber })}
            {...invalid(`rules[${i}].priority`)}
          />
        </label>
      </div>
      {errorAt(`rules[${i}].id`)}
      {errorAt(`rules[${i}].name`)}
      {errorAt(`rules[${i}].priority`)}
      <fieldset className="slot-when">
        <legend>Who it is for</legend>
        <select
          aria-label={`Rule ${n} applies to`}
          value={rule.match}
          onChange={(e) => set({ match: e.target.value as RuleDraft['match'] })}
          {...invalid(`rules[${i}].when`)}
        >
          <option value="everyone">Everyone</option>
          <option value="all">Persons who meet all of these conditions</option>
          <option value="any">Persons who meet any of these conditions</option>
          <option value="json">A condition tree, as JSON</option>
        </select>
        {(rule.match === 'all' || rule.match === 'any') && (
          <ol className="slot-conditions">
            {rule.conditions.map((c, j) => (
              <li key={j}>
                <ConditionRow
                  condition={c}
                  label={`Rule ${n} condition ${j + 1}`}
                  segments={choices.segments}
                  onChange={(patch) => setCondition(j, patch)}
                  onRemove={
                    rule.conditions.length > 1
                      ? () => set({ conditions: rule.conditions.filter((_, k) => k !== j) })
                      : undefined
                  }
                  invalid={invalid(`rules[${i}].when[${j}]`)}
                />
                {errorAt(`rules[${i}].when[${j}]`)}
              </li>
            ))}
            <li>
              <button
                type="button"
                className="button button-quiet"
                onClick={() => set({ conditions: [...rule.conditions, newCondition('trait')] })}
                disabled={rule.conditions.length >= 50}
              >
                + Condition
              </button>
            </li>
          </ol>
        )}
        {rule.match === 'json' && (
          <textarea
            className="json-editor"
            aria-label={`Rule ${n} condition tree`}
            rows={6}
            spellCheck={false}
            value={rule.whenJson}
            onChange={(e) => set({ whenJson: e.target.value })}
            {...invalid(`rules[${i}].when`)}
          />
        )}
        {errorAt(`rules[${i}].when`)}
      </fieldset>
      <StrategyFields
        strategy={rule.strategy}
        label={`Rule ${n}`}
        variants={draft.variants.map((v) => v.id)}
        choices={choices}
        onChange={(patch) => set({ strategy: { ...rule.strategy, ...patch } })}
        invalid={invalid(`rules[${i}].strategy`)}
      />
      {errorAt(`rules[${i}].strategy`)}
    </>
  );
}
