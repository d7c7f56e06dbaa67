// Builds the report of any ISO week now (default: the last complete week in the project's time zone), keeps it in
// the archive and opens it. Building is a read: every role may do it.

import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client.js';
import { buildReport } from '../../api/reports.js';
import { hashTo } from '../../lib/hash-route.js';
import { checkWeek, lastCompleteWeek } from './report-model.js';

export interface BuildReportProps {
  project: string;
  timeZone: string;
  onBuilt: () => void;
}

export function BuildReport({ project, timeZone, onBuilt }: BuildReportProps) {
  const [week, setWeek] = useState(() => lastCompleteWeek(Date.now(), timeZone));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ field?: string | undefined; message: string } | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const build = async (e: FormEvent) => {
    e.preventDefault();
    const checked = checkWeek(week);
    if ('problem' in checked) {
      setError({ field: 'week', message: checked.problem });
      return;
    }
    setBusy(true);
    setError(null);
    setDone(null);
    const started = performance.now();
    try {
      const report = await buildReport(project, checked.week);
      setDone(`Built ${report.week} in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
      onBuilt();
      window.location.hash = hashTo('reports', report.week);
    } catch (err) {
      setError(
        err instanceof ApiError
          ? { field: err.field, message: err.message }
          : { message: err instanceof Error ? err.message : String(err) },
      );
    } finally {
      setBusy(false);
    }
  };

  const weekError = error?.field === 'week';
  return (
    <form className="reports-build" onSubmit={(e) => void build(e)} aria-label="Build a weekly report">
      <label className="field">
        <span>ISO week</span>
        <input
          value={week}
          onChange={(e) => {
            setWeek(e.target.value);
            setError(null);
          }}
          placeholder="2026-W47"
          size={10}
          spellCheck={false}
          {...(weekError ? { 'aria-invalid': true, 'aria-describedby': 'report-week-error' } : {})}
        />
      </label>
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? 'Building…' : 'Build report'}
      </button>
      {error && (
        <p className="reports-field-error" role="alert" id={weekError ? 'report-week-error' : undefined}>
          {weekError ? `week ${error.message}` : error.message}
        </p>
      )}
      {busy && <p className="reports-build-note muted">Reading the week’s analyses: this takes a few seconds.</p>}
      {done && !busy && (
        <p className="reports-build-note form-done" role="status">
          {done}
        </p>
      )}
    </form>
  );
}
