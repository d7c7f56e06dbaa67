// The channel paths builder: the conversion event, how far back touches count, channels or sources, and which
// paths to list.

import type { FormEvent } from 'react';
import type { TimeUnit } from '../../api/types.js';
import { RangeFields } from './RangeFields.js';
import { touchpointsProblem, type TouchpointsChoices } from './touchpoints-model.js';

const UNITS: TimeUnit[] = ['hour', 'day', 'week', 'month'];

export interface TouchpointsBuilderProps {
  events: string[];
  choices: TouchpointsChoices;
  onChange: (choices: TouchpointsChoices) => void;
  onRun: () => void;
  running: boolean;
}

export function TouchpointsBuilder({ events, choices, onChange, onRun, running }: TouchpointsBuilderProps) {
  const problem = touchpointsProblem(choices);
  const set = (patch: Partial<TouchpointsChoices>) => onChange({ ...choices, ...patch });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!problem) onRun();
  };
  return (
    <form className="panel query-bar" onSubmit={submit} aria-label="Channel paths builder">
      <label className="field">
        <span>Conversion event</span>
        <select value={choices.conversionEvent} onChange={(e) => set({ conversionEvent: e.target.value })}>
          <option value="">Choose an event…</option>
          {events.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="field">
        <legend>Touches count within</legend>
        <div className="inline-fields">
          <input
            type="number"
            min={1}
            aria-label="Lookback length"
            value={Number.isNaN(choices.lookbackValue) ? '' : choices.lookbackValue}
            onChange={(e) => set({ lookbackValue: e.target.valueAsNumber })}
          />
          <select
            aria-label="Lookback unit"
            value={choices.lookbackUnit}
            onChange={(e) => set({ lookbackUnit: e.target.value as TimeUnit })}
          >
            {UNITS.map((u) => (
              <option key={u} value={u}>
                {u}s
              </option>
            ))}
          </select>
        </div>
      </fieldset>
      <label className="field">
        <span>Touches by</span>
        <select value={choices.by} onChange={(e) => set({ by: e.target.value as TouchpointsChoices['by'] })}>
          <option value="channel">Channel</option>
          <option value="source_medium">Source / medium</option>
        </select>
      </label>
      <label className="field">
        <span>List paths by</span>
        <select value={choices.sort} onChange={(e) => set({ sort: e.target.value as TouchpointsChoices['sort'] })}>
          <option value="converting">Most conversions</option>
          <option value="conversion_rate">Best conversion rate</option>
        </select>
      </label>
      <label className="field">
        <span>Paths listed</span>
        <input
          type="number"
          min={1}
          max={500}
          value={Number.isNaN(choices.topPaths) ? '' : choices.topPaths}
          onChange={(e) => set({ topPaths: e.target.valueAsNumber })}
        />
      </label>
      <label className="field">
        <span>With at least (persons)</span>
        <input
          type="number"
          min={1}
          value={Number.isNaN(choices.minPersons) ? '' : choices.minPersons}
          onChange={(e) => set({ minPersons: e.target.valueAsNumber })}
        />
      </label>
      <RangeFields
        label="Conversions in"
        choices={choices}
        onChange={(patch) => set(patch as Partial<TouchpointsChoices>)}
      />
      <div className="query-bar-submit">
        {problem && (
          <p className="form-error" role="status">
            {problem}
          </p>
        )}
        <button type="submit" className="button button-primary" disabled={problem !== null || running}>
          {running ? 'Calculating…' : 'Show channel paths'}
        </button>
      </div>
    </form>
  );
}
