// The retention builder: who starts a cohort, what counts as coming back, by day, week or month, and which cohorts.

import type { FormEvent } from 'react';
import type { RetentionPeriod } from '../../api/types.js';
import { RangeFields } from '../journeys/RangeFields.js';
import { ANY_EVENT, PERIOD_LABELS, SAME_AS_START, retentionProblem, type RetentionChoices } from './retention-model.js';

export interface RetentionBuilderProps {
  events: string[];
  choices: RetentionChoices;
  onChange: (choices: RetentionChoices) => void;
  onRun: () => void;
  running: boolean;
}

export function RetentionBuilder({ events, choices, onChange, onRun, running }: RetentionBuilderProps) {
  const problem = retentionProblem(choices);
  const set = (patch: Partial<RetentionChoices>) => onChange({ ...choices, ...patch });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!problem) onRun();
  };
  const unit = PERIOD_LABELS[choices.period].toLowerCase();
  return (
    <form className="panel query-bar" onSubmit={submit} aria-label="Retention builder">
      <label className="field">
        <span>Cohort: persons who did</span>
        <select value={choices.startEvent} onChange={(e) => set({ startEvent: e.target.value })}>
          <option value={ANY_EVENT}>Any event</option>
          {events.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Came back when they did</span>
        <select value={choices.returnEvent} onChange={(e) => set({ returnEvent: e.target.value })}>
          <option value={SAME_AS_START}>The same event</option>
          <option value={ANY_EVENT}>Any event</option>
          {events.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Cohorts of</span>
        <select value={choices.type} onChange={(e) => set({ type: e.target.value as RetentionChoices['type'] })}>
          <option value="first_time">First time only</option>
          <option value="recurring">Every time (recurring)</option>
        </select>
      </label>
      <label className="field">
        <span>Counted</span>
        <select value={choices.mode} onChange={(e) => set({ mode: e.target.value as RetentionChoices['mode'] })}>
          <option value="on">In that period</option>
          <option value="on_or_after">In that period or later</option>
        </select>
      </label>
      <fieldset className="field">
        <legend>Periods</legend>
        <div className="inline-fields">
          <input
            type="number"
            min={1}
            max={400}
            step={1}
            aria-label="Number of periods"
            value={Number.isNaN(choices.periods) ? '' : choices.periods}
            onChange={(e) => set({ periods: e.target.valueAsNumber })}
          />
          <select
            aria-label="Period"
            value={choices.period}
            onChange={(e) => set({ period: e.target.value as RetentionPeriod })}
          >
            {Object.entries(PERIOD_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label.toLowerCase()}s
              </option>
            ))}
          </select>
        </div>
      </fieldset>
      <RangeFields
        label="Cohorts from"
        choices={choices}
        onChange={(patch) => set(patch as Partial<RetentionChoices>)}
        presets={[{ value: 'cohorts', label: `The last ${choices.periods || '…'} ${unit}s` }]}
      />
      <div className="query-bar-submit">
        {problem && (
          <p className="form-error" role="status">
            {problem}
          </p>
        )}
        <button type="submit" className="button button-primary" disabled={problem !== null || running}>
          {running ? 'Calculating…' : 'Calculate retention'}
        </button>
      </div>
    </form>
  );
}
