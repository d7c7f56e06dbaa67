// Bounds on the time between two steps (the spec's `timeBetween`): “at least” skips a step event that comes too soon
// after the earlier step (a later one may still count), “at most” ends the attempt once that time has passed.

import type { ReactNode } from 'react';
import type { TimeUnit } from '../../api/types.js';
import type { TimeBetweenChoice } from './builder-model.js';
import { DurationFields, LIMIT_UNITS } from './DurationFields.js';

/** Seconds too: “at least” is often short (a second click, a bot). */
const UNITS: TimeUnit[] = ['second', ...LIMIT_UNITS];
const BOUNDS = [
  { key: 'min', words: 'at least' },
  { key: 'max', words: 'at most' },
] as const;

export interface TimeBetweenFieldProps {
  rules: TimeBetweenChoice[];
  onChange: (rules: TimeBetweenChoice[]) => void;
  /** An `<option>` per step, its index as the value. */
  stepOptions: ReactNode;
  /** Why no rule can be added (a funnel in any order), or null. */
  disabledReason: string | null;
}

export function TimeBetweenField({ rules, onChange, stepOptions, disabledReason }: TimeBetweenFieldProps) {
  const set = (i: number, patch: Partial<TimeBetweenChoice>) =>
    onChange(rules.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset className="field">
      <legend>Time between steps</legend>
      {rules.map((r, i) => {
        const label = `Time between ${i + 1}`;
        return (
          <div key={i} className="filter-row time-between" role="group" aria-label={label}>
            <select
              aria-label={`${label} from step`}
              value={r.fromStep}
              onChange={(e) => set(i, { fromStep: Number(e.target.value) })}
            >
              {stepOptions}
            </select>
            <select
              aria-label={`${label} to step`}
              value={r.toStep}
              onChange={(e) => set(i, { toStep: Number(e.target.value) })}
            >
              {stepOptions}
            </select>
            <button
              type="button"
              className="icon-button"
              onClick={() => onChange(rules.filter((_, j) => j !== i))}
              aria-label={`Remove time between ${i + 1}`}
            >
              ×
            </button>
            {BOUNDS.map(({ key, words }) => (
              <span key={key} className="time-between-bound">
                <span>{words}</span>
                <DurationFields
                  label={`${label} ${words}`}
                  duration={r[key]}
                  units={UNITS}
                  placeholder="any"
                  onChange={(bound) => set(i, { [key]: bound })}
                />
              </span>
            ))}
          </div>
        );
      })}
      <button
        type="button"
        className="button button-quiet"
        disabled={disabledReason !== null}
        title={disabledReason ?? undefined}
        onClick={() =>
          onChange([
            ...rules,
            { fromStep: 0, toStep: 1, min: { value: Number.NaN, unit: 'minute' }, max: { value: 1, unit: 'hour' } },
          ])
        }
      >
        + Time between two steps
      </button>
      {disabledReason && <p className="muted time-between-note">{disabledReason}</p>}
    </fieldset>
  );
}
