// A step's time limit: the step counts only if it follows the step before within this time (on top of the funnel's
// conversion window), e.g. “checkout within 1 hour of adding to the cart”.

import type { StepLimit } from './builder-model.js';
import { DurationFields } from './DurationFields.js';

export interface StepLimitFieldProps {
  /** The step, 1 or more (the first step has no step before it). */
  step: number;
  limit: StepLimit | null;
  onChange: (limit: StepLimit | null) => void;
  disabled: boolean;
}

export function StepLimitField({ step, limit, onChange, disabled }: StepLimitFieldProps) {
  const n = step + 1;
  if (!limit)
    return (
      <button
        type="button"
        className="button button-quiet filter-add"
        disabled={disabled}
        title={disabled ? 'Funnels in any order have no time limits between steps' : undefined}
        onClick={() => onChange({ value: 1, unit: 'hour' })}
        aria-label={`Add a time limit to step ${n}`}
      >
        + Time limit after step {step}
      </button>
    );
  return (
    <div className="filter-row step-limit" role="group" aria-label={`Step ${n} time limit`}>
      <span>within</span>
      <DurationFields label={`Step ${n} time limit`} duration={limit} onChange={onChange} />
      <span>of step {step}</span>
      <button
        type="button"
        className="icon-button"
        onClick={() => onChange(null)}
        aria-label={`Remove the time limit of step ${n}`}
      >
        ×
      </button>
    </div>
  );
}
