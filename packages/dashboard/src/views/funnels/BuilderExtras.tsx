// The funnel builder's exclusions, breakdown and segment: what may not happen between steps, what to split the
// numbers by, and whose journeys count.

import { listEventProperties } from '../../api/funnels.js';
import { listSegments } from '../../api/segments.js';
import { useAsync } from '../../lib/use-async.js';
import { DERIVED_PROPERTIES } from './builder-model.js';
import type { FunnelChoices } from './funnel-model.js';

export interface BuilderExtrasProps {
  project: string;
  events: string[];
  choices: FunnelChoices;
  set: (patch: Partial<FunnelChoices>) => void;
}

export function BuilderExtras({ project, events, choices, set }: BuilderExtrasProps) {
  const segments = useAsync((signal) => listSegments(project, signal), [project]);
  const first = choices.steps[0] ?? '';
  const firstProps = useAsync((signal) => listEventProperties(project, first, signal), [project, first], first !== '');
  const breakdownKeys = firstProps.status === 'done' ? firstProps.data : [];
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
      <label className="field">
        <span>Break down by</span>
        <select value={choices.breakdown ?? ''} onChange={(e) => set({ breakdown: e.target.value })}>
          <option value="">Nothing</option>
          <optgroup label="Visit and device">
            {DERIVED_PROPERTIES.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </optgroup>
          {breakdownKeys.length > 0 && (
            <optgroup label={`${first} properties`}>
              {breakdownKeys.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </optgroup>
          )}
          {choices.breakdown &&
            !DERIVED_PROPERTIES.includes(choices.breakdown) &&
            !breakdownKeys.includes(choices.breakdown) && (
              <option value={choices.breakdown}>{choices.breakdown}</option>
            )}
        </select>
      </label>
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
