// Starting, stopping and resuming an experiment: a button, a confirmation that says what will happen, and the
// server's answer (viewers get 403: only analysts and admins may change an experiment).

import { useState } from 'react';
import { ApiError } from '../../api/client.js';
import { getExperiment, saveExperiment, type Experiment } from '../../api/experiments.js';
import type { Role } from '../../api/types.js';
import { statusActionOf, withStatus } from './experiment-model.js';

export interface StatusControlProps {
  project: string;
  role: Role;
  experiment: Experiment;
  onChanged: () => void;
}

/** The message for a failed change: a refusal by role says who may do it. */
export function statusChangeError(error: unknown): string {
  if (error instanceof ApiError && error.status === 403)
    return `Only analysts and admins can start or stop experiments. The server refused: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

export function StatusControl({ project, role, experiment, onChanged }: StatusControlProps) {
  const action = statusActionOf(experiment.status);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const apply = async () => {
    setBusy(true);
    setError(null);
    try {
      // PUT replaces the whole definition: start from the saved one, not from what this page loaded.
      const saved = await getExperiment(project, experiment.id);
      await saveExperiment(project, withStatus(saved, action.status));
      setConfirming(false);
      onChanged();
    } catch (e) {
      setError(statusChangeError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="exp-status-control">
      {!confirming ? (
        <button
          type="button"
          className={`button ${action.status === 'stopped' ? 'button-danger' : 'button-primary'}`}
          onClick={() => setConfirming(true)}
        >
          {action.label}
        </button>
      ) : (
        <div className="exp-confirm" role="group" aria-label={`Confirm: ${action.label}`}>
          <p>{action.consequence}</p>
          <div className="exp-confirm-actions">
            <button type="button" className="button" onClick={() => setConfirming(false)} disabled={busy}>
              Cancel
            </button>
            <button
              type="button"
              className={`button ${action.status === 'stopped' ? 'button-danger' : 'button-primary'}`}
              onClick={() => void apply()}
              disabled={busy}
              autoFocus
            >
              {busy ? 'Saving…' : `Yes, ${action.label.toLowerCase()}`}
            </button>
          </div>
        </div>
      )}
      {role === 'viewer' && !error && (
        <p className="exp-role-note">You are a viewer: the server accepts this change from analysts and admins only.</p>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
