// A length and a unit, as the builder's time limits and time between steps take them; an emptied length is NaN.

import type { TimeUnit } from '../../api/types.js';
import type { StepLimit } from './builder-model.js';

export const LIMIT_UNITS: TimeUnit[] = ['minute', 'hour', 'day', 'week'];

export interface DurationFieldsProps {
  /** Names the controls: `Step 2 time limit` gives “Step 2 time limit length” and “… unit”. */
  label: string;
  duration: StepLimit;
  onChange: (duration: StepLimit) => void;
  units?: TimeUnit[];
  /** Shown while the length is empty, where empty means something (e.g. no bound). */
  placeholder?: string;
}

export function DurationFields({ label, duration, onChange, units = LIMIT_UNITS, placeholder }: DurationFieldsProps) {
  return (
    <>
      <input
        type="number"
        min={1}
        step={1}
        aria-label={`${label} length`}
        placeholder={placeholder}
        value={Number.isNaN(duration.value) ? '' : duration.value}
        onChange={(e) => onChange({ ...duration, value: e.target.valueAsNumber })}
      />
      <select
        aria-label={`${label} unit`}
        value={duration.unit}
        onChange={(e) => onChange({ ...duration, unit: e.target.value as TimeUnit })}
      >
        {units.map((u) => (
          <option key={u} value={u}>
            {u}s
          </option>
        ))}
      </select>
    </>
  );
}
