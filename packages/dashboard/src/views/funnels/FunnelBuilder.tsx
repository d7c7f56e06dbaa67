// The funnel builder: steps chosen from the project's events (add, remove, reorder) with their filters and time
// limits, the order, which attempt counts, the conversion window and the date range.

import type { FormEvent } from 'react';
import type { TimeUnit } from '../../api/types.js';
import { BuilderExtras } from './BuilderExtras.js';
import { moveStep, removeStep } from './builder-model.js';
import { RANGE_LABELS, choicesProblem, type FunnelChoices, type RangeChoice } from './funnel-model.js';
import { StepFilters } from './StepFilters.js';
import { StepLimitField } from './StepLimitField.js';

const UNITS: TimeUnit[] = ['minute', 'hour', 'day', 'week'];
const ORDERS: { value: FunnelChoices['order']; label: string }[] = [
  { value: 'ordered', label: 'In order, other events between' },
  { value: 'strict', label: 'In order, nothing between' },
  { value: 'unordered', label: 'In any order' },
];
const ATTEMPTS: { value: NonNullable<FunnelChoices['attempt']>; label: string }[] = [
  { value: 'best', label: 'The attempt that got furthest' },
  { value: 'first', label: 'Only the first attempt' },
];

export interface FunnelBuilderProps {
  project: string;
  events: string[];
  choices: FunnelChoices;
  onChange: (choices: FunnelChoices) => void;
  onRun: () => void;
  running: boolean;
}

export function FunnelBuilder({ project, events, choices, onChange, onRun, running }: FunnelBuilderProps) {
  const problem = choicesProblem(choices);
  const set = (patch: Partial<FunnelChoices>) => onChange({ ...choices, ...patch });
  const setStep = (i: number, event: string) => set({ steps: choices.steps.map((s, j) => (j === i ? event : s)) });
  const move = (i: number, by: -1 | 1) => onChange(moveStep(choices, i, by));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!problem) onRun();
  };

  return (
    <form className="panel builder" onSubmit={submit} aria-label="Funnel builder">
      <fieldset className="builder-steps">
        <legend className="panel-title">Steps</legend>
        <ol>
          {choices.steps.map((step, i) => (
            <li key={i} className="step-row">
              <span className="step-number" aria-hidden="true">
                {i + 1}
              </span>
              <label className="visually-hidden" htmlFor={`step-${i}`}>
                Step {i + 1} event
              </label>
              <select id={`step-${i}`} value={step} onChange={(e) => setStep(i, e.target.value)}>
                <option value="">Choose an event…</option>
                {step !== '' && !events.includes(step) && <option value={step}>{step}</option>}
                {events.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </select>
              <div className="step-actions">
                <button
                  type="button"
                  className="icon-button"
                  onClick={() => move(i, -1)}
                  disabled={i === 0}
                  aria-label={`Move step ${i + 1} up`}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="icon-button"
                  onClick={() => move(i, 1)}
                  disabled={i === choices.steps.length - 1}
                  aria-label={`Move step ${i + 1} down`}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="icon-button"
                  onClick={() => onChange(removeStep(choices, i))}
                  disabled={choices.steps.length <= 2}
                  aria-label={`Remove step ${i + 1}`}
                >
                  ×
                </button>
              </div>
              <StepFilters
                project={project}
                event={step}
                step={i}
                filters={choices.where?.[i] ?? []}
                onChange={(filters) =>
                  set({ where: choices.steps.map((_, j) => (j === i ? filters : (choices.where?.[j] ?? []))) })
                }
              />
              {i > 0 && (
                <StepLimitField
                  step={i}
                  limit={choices.limits?.[i] ?? null}
                  disabled={choices.order === 'unordered'}
                  onChange={(limit) =>
                    set({ limits: choices.steps.map((_, j) => (j === i ? limit : (choices.limits?.[j] ?? null))) })
                  }
                />
              )}
            </li>
          ))}
        </ol>
        <button
          type="button"
          className="button button-quiet"
          onClick={() => set({ steps: [...choices.steps, ''] })}
          disabled={choices.steps.length >= 20}
        >
          + Add a step
        </button>
      </fieldset>

      <div className="builder-options">
        <label className="field">
          <span>Order</span>
          <select value={choices.order} onChange={(e) => set({ order: e.target.value as FunnelChoices['order'] })}>
            {ORDERS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Counts per person</span>
          <select
            value={choices.attempt ?? 'best'}
            onChange={(e) => set({ attempt: e.target.value as FunnelChoices['attempt'] })}
          >
            {ATTEMPTS.map((a) => (
              <option key={a.value} value={a.value}>
                {a.label}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="field">
          <legend>Conversion window</legend>
          <div className="inline-fields">
            <input
              type="number"
              min={1}
              step={1}
              aria-label="Conversion window length"
              value={Number.isNaN(choices.windowValue) ? '' : choices.windowValue}
              onChange={(e) => set({ windowValue: e.target.valueAsNumber })}
            />
            <select
              aria-label="Conversion window unit"
              value={choices.windowUnit}
              onChange={(e) => set({ windowUnit: e.target.value as TimeUnit })}
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
          <span>Entered the funnel</span>
          <select value={choices.range} onChange={(e) => set({ range: e.target.value as RangeChoice })}>
            {Object.entries(RANGE_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        {choices.range === 'custom' && (
          <div className="inline-fields">
            <label className="field">
              <span>From</span>
              <input
                type="date"
                value={choices.from}
                max={choices.to}
                onChange={(e) => set({ from: e.target.value })}
              />
            </label>
            <label className="field">
              <span>To (included)</span>
              <input type="date" value={choices.to} min={choices.from} onChange={(e) => set({ to: e.target.value })} />
            </label>
          </div>
        )}
        <BuilderExtras project={project} events={events} choices={choices} set={set} />
        {problem && (
          <p className="form-error" role="status">
            {problem}
          </p>
        )}
        <button type="submit" className="button button-primary" disabled={problem !== null || running}>
          {running ? 'Calculating…' : 'Calculate funnel'}
        </button>
      </div>
    </form>
  );
}
