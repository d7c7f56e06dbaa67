// Saves the analysis on screen as a named insight (`POST /api/insights`), for any view: give it the analysis's name
// as the query API knows it and the exact spec that produced the numbers. Once saved, it links to the insight's page,
// where it can be pinned to a dashboard.

import { useEffect, useId, useState, type FormEvent } from 'react';
import { ApiError } from '../api/client.js';
import { createInsight, type Insight } from '../api/insights.js';
import './actions.css';

export interface SaveInsightProps {
  project: string;
  /** The analysis, as `POST /api/query/<analysis>` names it: `funnel`, `trends`, `retention`. */
  analysis: string;
  /** The spec whose result is on screen. */
  spec: unknown;
  /** The name offered at first: `Product Viewed → Order Completed`. */
  suggestedName: string;
  /** False for viewers: the control is not offered. */
  canSave?: boolean;
}

export function SaveInsight({ project, analysis, spec, suggestedName, canSave = true }: SaveInsightProps) {
  const [state, setState] = useState<'idle' | 'naming' | 'saving'>('idle');
  const [name, setName] = useState(suggestedName);
  const [saved, setSaved] = useState<Insight | null>(null);
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();

  // A new result is a new thing to save.
  useEffect(() => {
    setState('idle');
    setSaved(null);
    setError(null);
    setName(suggestedName);
  }, [spec, suggestedName]);

  if (!canSave) return null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setState('saving');
    setError(null);
    try {
      setSaved(await createInsight(project, { name: name.trim(), analysis, spec }));
      setState('idle');
    } catch (e) {
      setError(
        e instanceof ApiError && e.code === 'conflict'
          ? 'An insight with this name exists already: choose another name.'
          : e instanceof Error
            ? e.message
            : String(e),
      );
      setState('naming');
    }
  };

  if (state === 'idle')
    return (
      <div className="act-save" aria-live="polite">
        {saved && (
          <span className="act-save-done">
            <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
              <path d="m3 8.5 3 3 7-7" stroke="currentColor" strokeWidth="2" fill="none" />
            </svg>
            Saved as <a href={`#/saved/insights/${encodeURIComponent(saved.id)}`}>{saved.name}</a>
          </span>
        )}
        <button type="button" className="button" onClick={() => setState('naming')}>
          <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
            <path d="M4 2h8v12l-4-3-4 3z" stroke="currentColor" strokeWidth="1.5" fill="none" />
          </svg>
          {saved ? 'Save again…' : 'Save insight…'}
        </button>
      </div>
    );
  return (
    <form className="act-save-form" onSubmit={(e) => void submit(e)} aria-label="Save as an insight">
      <label className="field" htmlFor={inputId}>
        <span>Insight name</span>
        <input id={inputId} value={name} onChange={(e) => setName(e.target.value)} maxLength={200} required autoFocus />
      </label>
      <button type="submit" className="button button-primary" disabled={state === 'saving' || name.trim() === ''}>
        {state === 'saving' ? 'Saving…' : 'Save'}
      </button>
      <button type="button" className="button" onClick={() => setState('idle')} disabled={state === 'saving'}>
        Cancel
      </button>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
