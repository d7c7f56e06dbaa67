// The funnel builder's exclusions, time between steps, person filters, breakdown and segment: what may not happen
// between steps, how soon or late a step may follow another, whose journeys count, and what to split the numbers by.

import { useState } from 'react';
import { eventPropertyKeys, traitNames } from '../../api/event-list.js';
import { listSegments } from '../../api/segments.js';
import { useAsync } from '../../lib/use-async.js';
import { BreakdownField } from './BreakdownField.js';
import { FilterRows } from './FilterRows.js';
import type { FunnelChoices } from './funnel-model.js';
import { TimeBetweenField } from './TimeBetweenField.js';

export interface BuilderExtrasProps {
  project: string;
  events: string[];
  choices: FunnelChoices;
  set: (patch: Partial<FunnelChoices>) => void;
}

export function BuilderExtras({ project, events, choices, set }: BuilderExtrasProps) {
  const segments = useAsync((signal) => listSegments(project, signal), [project]);
  const first = choices.steps[0] ?? '';
  const persons = choices.persons ?? [];
  // The breakdown's lists are asked for when someone goes to choose one, not with every funnel: opening the view
  // only waits for the funnel itself.
  const [breakdownWanted, setBreakdownWanted] = useState(false);
  const firstProps = useAsync(
    (signal) => eventPropertyKeys(project, first, signal),
    [project, first],
    breakdownWanted && first !== '',
  );
  const traits = useAsync((signal) => traitNames(project, signal), [project], breakdownWanted || persons.length > 0);
  const traitList = traits.status === 'done' ? traits.data : [];
  const exclusions = choices.exclusions ?? [];
  const last = choices.steps.length - 1;
  const setExclusion = (i: number, patch: Partial<(typeof exclusions)[number]>) =>
    set({ exclusions: exclusions.map((e, j) => (j === i ? { ...e, ...patch } : e)) });
  const stepOptions = choices.steps.map((s, i) => (
    <option key={i} value={i}>
      {i + 1}. {s || '…'}
    </option>
  ));
  return (
    <div className="builder-extra">
      <fieldset className="field">
        <legend>Exclusions</legend>
        {exclusions.map((e, i) => (
          <div key={i} className="filter-row" role="group" aria-label={`Exclusion ${i + 1}`}>
            <select
              aria-label={`Exclusion ${i + 1} event`}
              value={e.event}
              onChange={(ev) => setExclusion(i, { event: ev.target.value })}
            >
              <option value="">Event…</option>
              {events.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
            <select
              aria-label={`Exclusion ${i + 1} after step`}
              value={e.fromStep}
              onChange={(ev) => setExclusion(i, { fromStep: Number(ev.target.value) })}
            >
              {stepOptions}
            </select>
            <select
              aria-label={`Exclusion ${i + 1} before step`}
              value={e.toStep}
              onChange={(ev) => setExclusion(i, { toStep: Number(ev.target.value) })}
            >
              {stepOptions}
            </select>
            <button
              type="button"
              className="icon-button"
              onClick={() => set({ exclusions: exclusions.filter((_, j) => j !== i) })}
              aria-label={`Remove exclusion ${i + 1}`}
            >
              ×
            </button>
          </div>
        ))}
        <button
          type="button"
          className="button button-quiet"
          disabled={choices.order === 'unordered'}
          onClick={() => set({ exclusions: [...exclusions, { event: '', fromStep: 0, toStep: last }] })}
        >
          + Exclude an event between steps
        </button>
      </fieldset>
      <TimeBetweenField
        rules={choices.timeBetween ?? []}
        onChange={(timeBetween) => set({ timeBetween })}
        stepOptions={stepOptions}
        disabledReason={choices.order === 'unordered' ? 'Funnels in any order have no time between steps.' : null}
      />
      <fieldset className="field">
        <legend>Persons</legend>
        <FilterRows
          filters={persons}
          onChange={(f) => set({ persons: f })}
          label="Person filter"
          keyName="trait"
          groups={[{ label: 'Traits', keys: traitList }]}
          addLabel="Add a filter on a trait"
          addText="+ Only persons whose trait…"
        />
      </fieldset>
      <BreakdownField
        choices={choices}
        first={first}
        firstKeys={firstProps.status === 'done' ? firstProps.data : []}
        traits={traitList}
        set={set}
        onWant={() => setBreakdownWanted(true)}
      />
      <label className="field">
        <span>Segment</span>
        <select
          value={choices.segment ?? ''}
          onChange={(e) => set({ segment: e.target.value })}
          disabled={segments.status !== 'done'}
        >
          <option value="">Everyone</option>
          {segments.status === 'done' &&
            segments.data.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
        </select>
      </label>
    </div>
  );
}
