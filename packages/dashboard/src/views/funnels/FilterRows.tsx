// Rows of property filters (a key, an operator, a value), for a step's event properties and for the persons' traits
// alike: the keys offered come in labelled groups, and a key typed elsewhere (a saved spec) stays choosable.

import { FILTER_OPS, needsValue, type FilterChoice, type FilterOp } from './builder-model.js';

export interface KeyGroup {
  label: string;
  keys: string[];
}

export interface FilterRowsProps {
  filters: FilterChoice[];
  onChange: (filters: FilterChoice[]) => void;
  /** Names each row's controls: `Step 1 filter` gives “Step 1 filter 2 property”. */
  label: string;
  groups: KeyGroup[];
  /** What the keys are, in words: `property`, `trait`. */
  keyName: string;
  /** The add button's accessible name and its text. */
  addLabel: string;
  addText: string;
  disabled?: boolean;
}

export function FilterRows(props: FilterRowsProps) {
  const { filters, onChange, label, groups, keyName, addLabel, addText, disabled = false } = props;
  const known = groups.flatMap((g) => g.keys);
  const set = (i: number, patch: Partial<FilterChoice>) =>
    onChange(filters.map((f, j) => (j === i ? { ...f, ...patch } : f)));
  return (
    <>
      {filters.map((f, i) => (
        <div key={i} className="filter-row" role="group" aria-label={`${label} ${i + 1}`}>
          <select
            aria-label={`${label} ${i + 1} ${keyName}`}
            value={f.property}
            onChange={(e) => set(i, { property: e.target.value })}
          >
            <option value="">{`${keyName.charAt(0).toUpperCase()}${keyName.slice(1)}…`}</option>
            {f.property !== '' && !known.includes(f.property) && <option value={f.property}>{f.property}</option>}
            {groups.map((g) => (
              <optgroup key={g.label} label={g.label}>
                {g.keys.map((k) => (
                  <option key={k} value={k}>
                    {k}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          <select
            aria-label={`${label} ${i + 1} operator`}
            value={f.op}
            onChange={(e) => set(i, { op: e.target.value as FilterOp })}
          >
            {FILTER_OPS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
          {needsValue(f.op) && (
            <input
              aria-label={`${label} ${i + 1} value`}
              value={f.value}
              placeholder="value"
              onChange={(e) => set(i, { value: e.target.value })}
            />
          )}
          <button
            type="button"
            className="icon-button"
            onClick={() => onChange(filters.filter((_, j) => j !== i))}
            aria-label={`Remove ${label.charAt(0).toLowerCase()}${label.slice(1)} ${i + 1}`}
          >
            ×
          </button>
        </div>
      ))}
      <button
        type="button"
        className="button button-quiet filter-add"
        disabled={disabled}
        onClick={() => onChange([...filters, { property: '', op: 'eq', value: '' }])}
        aria-label={addLabel}
      >
        {addText}
      </button>
    </>
  );
}
