// The paths builder: from, to or between events, how many steps, per visit or per person, events left out, nodes
// named by a property (with clean-up rules), and how many transitions each step shows.

import type { FormEvent } from 'react';
import { EventChips } from './EventChips.js';
import { RangeFields } from './RangeFields.js';
import { DIRECTION_LABELS, pathsProblem, type PathsChoices, type PathsDirection } from './paths-model.js';

const GROUP_PROPERTIES = [
  { value: '', label: 'Event name' },
  { value: '$path', label: 'Page path ($path)' },
  { value: '$url', label: 'Page URL ($url)' },
  { value: '$referrer_domain', label: 'Referrer ($referrer_domain)' },
  { value: '$channel', label: 'Channel ($channel)' },
];

export interface PathsBuilderProps {
  events: string[];
  choices: PathsChoices;
  onChange: (choices: PathsChoices) => void;
  onRun: () => void;
  running: boolean;
}

export function PathsBuilder({ events, choices, onChange, onRun, running }: PathsBuilderProps) {
  const problem = pathsProblem(choices);
  const set = (patch: Partial<PathsChoices>) => onChange({ ...choices, ...patch });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!problem) onRun();
  };
  const eventSelect = (label: string, value: string, key: 'startEvent' | 'endEvent') => (
    <label className="field">
      <span>{label}</span>
      <select value={value} onChange={(e) => set({ [key]: e.target.value })}>
        <option value="">Choose an event…</option>
        {events.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
  const setRule = (i: number, patch: Partial<PathsChoices['cleanup'][number]>) =>
    set({ cleanup: choices.cleanup.map((r, j) => (j === i ? { ...r, ...patch } : r)) });

  return (
    <form className="panel query-bar" onSubmit={submit} aria-label="Paths builder">
      <label className="field">
        <span>Paths</span>
        <select value={choices.direction} onChange={(e) => set({ direction: e.target.value as PathsDirection })}>
          {Object.entries(DIRECTION_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      {choices.direction !== 'to' && eventSelect('Start event', choices.startEvent, 'startEvent')}
      {choices.direction !== 'from' && eventSelect('End event', choices.endEvent, 'endEvent')}
      <label className="field">
        <span>Steps shown</span>
        <input
          type="number"
          min={choices.direction === 'between' ? 3 : 2}
          max={20}
          value={Number.isNaN(choices.steps) ? '' : choices.steps}
          onChange={(e) => set({ steps: e.target.valueAsNumber })}
        />
      </label>
      <label className="field">
        <span>Transitions per step</span>
        <input
          type="number"
          min={1}
          max={100}
          value={Number.isNaN(choices.topN) ? '' : choices.topN}
          onChange={(e) => set({ topN: e.target.valueAsNumber })}
        />
      </label>
      <label className="field">
        <span>One path per</span>
        <select
          value={choices.sessionized ? 'visit' : 'person'}
          onChange={(e) => set({ sessionized: e.target.value === 'visit' })}
        >
          <option value="visit">Visit</option>
          <option value="person">Person, across visits</option>
        </select>
      </label>
      {choices.sessionized && (
        <label className="field">
          <span>Visit ends after (minutes idle)</span>
          <input
            type="number"
            min={1}
            max={10080}
            value={Number.isNaN(choices.sessionGapMinutes) ? '' : choices.sessionGapMinutes}
            onChange={(e) => set({ sessionGapMinutes: e.target.valueAsNumber })}
          />
        </label>
      )}
      <RangeFields label="Events in" choices={choices} onChange={(patch) => set(patch as Partial<PathsChoices>)} />
      <details className="query-bar-more">
        <summary>Exclusions and grouping</summary>
        <div className="query-bar-more-fields">
          <EventChips
            label="Leave out"
            events={events}
            chosen={choices.exclude}
            onChange={(exclude) => set({ exclude })}
          />
          <label className="field">
            <span>Name steps by</span>
            <select value={choices.groupBy} onChange={(e) => set({ groupBy: e.target.value })}>
              {GROUP_PROPERTIES.map((p) => (
                <option key={p.value} value={p.value}>
                  {p.label}
                </option>
              ))}
            </select>
          </label>
          {choices.groupBy !== '' && (
            <EventChips
              label="Only for"
              events={events}
              chosen={choices.groupEvents}
              onChange={(groupEvents) => set({ groupEvents })}
            />
          )}
          {choices.groupBy !== '' && (
            <fieldset className="field cleanup-rules">
              <legend>Clean-up rules (RE2 pattern → replacement)</legend>
              {choices.cleanup.map((rule, i) => (
                <div key={i} className="inline-fields">
                  <input
                    type="text"
                    aria-label={`Rule ${i + 1} pattern`}
                    placeholder="^/p/[^/]+$"
                    value={rule.regex}
                    onChange={(e) => setRule(i, { regex: e.target.value })}
                  />
                  <input
                    type="text"
                    aria-label={`Rule ${i + 1} replacement`}
                    placeholder="/p/:product"
                    value={rule.replacement}
                    onChange={(e) => setRule(i, { replacement: e.target.value })}
                  />
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Remove rule ${i + 1}`}
                    onClick={() => set({ cleanup: choices.cleanup.filter((_, j) => j !== i) })}
                  >
                    ×
                  </button>
                </div>
              ))}
              <button
                type="button"
                className="button button-quiet"
                onClick={() => set({ cleanup: [...choices.cleanup, { regex: '', replacement: '' }] })}
              >
                + Add a rule
              </button>
            </fieldset>
          )}
        </div>
      </details>
      <div className="query-bar-submit">
        {problem && (
          <p className="form-error" role="status">
            {problem}
          </p>
        )}
        <button type="submit" className="button button-primary" disabled={problem !== null || running}>
          {running ? 'Calculating…' : 'Show paths'}
        </button>
      </div>
    </form>
  );
}
