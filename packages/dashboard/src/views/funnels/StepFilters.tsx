// Property filters of one funnel step: the event's property keys (from the event catalog) and the derived columns,
// an operator and a value.

import { listEventProperties } from '../../api/funnels.js';
import { useAsync } from '../../lib/use-async.js';
import { DERIVED_PROPERTIES, FILTER_OPS, needsValue, type FilterChoice, type FilterOp } from './builder-model.js';

export interface StepFiltersProps {
  project: string;
  event: string;
  step: number;
  filters: FilterChoice[];
  onChange: (filters: FilterChoice[]) => void;
}

export function StepFilters({ project, event, step, filters, onChange }: StepFiltersProps) {
  const props = useAsync((signal) => listEventProperties(project, event, signal), [project, event], event !== '');
  const keys = props.status === 'done' ? props.data : [];
  const set = (i: number, patch: Partial<FilterChoice>) =>
    onChange(filters.map((f, j) => (j === i ? { ...f, ...patch } : f)));
  return (
    <>
      {filters.map((f, i) => (
        <div key={i} className="filter-row" role="group" aria-label={`Step ${step + 1} filter ${i + 1}`}>
          <select
            aria-label={`Step ${step + 1} filter ${i + 1} property`}
            value={f.property}
            onChange={(e) => set(i, { property: e.target.value })}
          >
            <option value="">Property…</option>
            {f.property !== '' && !keys.includes(f.property) && !DERIVED_PROPERTIES.includes(f.property) && (
              <option value={f.property}>{f.property}</option>
            )}
            <optgroup label={`${event} properties`}>
              {keys.map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </optgroup>
            <optgroup label="Visit and device">
              {DERIVED_PROPERTIES.map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </optgroup>
          </select>
          <select
            aria-label={`Step ${step + 1} filter ${i + 1} operator`}
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
              aria-label={`Step ${step + 1} filter ${i + 1} value`}
              value={f.value}
              placeholder="value"
              onChange={(e) => set(i, { value: e.target.value })}
            />
          )}
          <button
            type="button"
            className="icon-button"
            onClick={() => onChange(filters.filter((_, j) => j !== i))}
            aria-label={`Remove step ${step + 1} filter ${i + 1}`}
          >
            ×
          </button>
        </div>
      ))}
      <button
        type="button"
        className="button button-quiet filter-add"
        disabled={event === ''}
        onClick={() => onChange([...filters, { property: '', op: 'eq', value: '' }])}
        aria-label={`Add a filter to step ${step + 1}`}
      >
        + Filter
      </button>
    </>
  );
}
