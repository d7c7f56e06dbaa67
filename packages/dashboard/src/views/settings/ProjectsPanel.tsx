// The projects: every role sees the list; admins create one (`POST /api/projects`), which comes with a write key.

import { useState, type FormEvent } from 'react';
import { createProject, listProjectsWithKeys } from '../../api/admin.js';
import type { Project } from '../../api/types.js';
import { Failure, Loading } from '../../components/States.js';
import { useAsync } from '../../lib/use-async.js';
import { formatDate, newProjectProblem } from './settings-model.js';

export interface ProjectsPanelProps {
  project: string;
  admin: boolean;
  onCreated: (id: string) => void;
}

export function ProjectsPanel({ project, admin, onCreated }: ProjectsPanelProps) {
  const projects = useAsync((signal) => listProjectsWithKeys(signal), []);
  return (
    <section className="panel" aria-labelledby="settings-projects">
      <header className="panel-header">
        <div>
          <h2 id="settings-projects" className="panel-title">
            Projects
          </h2>
          <p className="panel-subtitle">Each project keeps its own events, customers and settings.</p>
        </div>
      </header>
      {projects.status === 'loading' && <Loading label="Loading projects…" />}
      {projects.status === 'error' && <Failure error={projects.error} onRetry={projects.reload} />}
      {projects.status === 'done' && (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">Projects</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Id</th>
                <th scope="col">Time zone</th>
                <th scope="col" className="numeric">
                  Live write keys
                </th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {projects.data.map((p) => (
                <tr key={p.id} aria-current={p.id === project ? 'true' : undefined}>
                  <td>
                    <strong>{p.name}</strong>
                    {p.id === project && <span className="settings-pill">shown now</span>}
                  </td>
                  <td>
                    <code>{p.id}</code>
                  </td>
                  <td>{p.timeZone}</td>
                  <td className="numeric">{p.writeKeys.length}</td>
                  <td>{formatDate(p.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {admin && <NewProject onCreated={onCreated} />}
    </section>
  );
}

function NewProject({ onCreated }: { onCreated: (id: string) => void }) {
  const [name, setName] = useState('');
  const [id, setId] = useState('');
  const [timeZone, setTimeZone] = useState('UTC');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<(Project & { writeKey: string }) | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = newProjectProblem({ name, id: id.trim() });
    if (problem) return setError(problem);
    setBusy(true);
    setError(null);
    try {
      setCreated(
        await createProject({
          name: name.trim(),
          ...(id.trim() ? { id: id.trim() } : {}),
          ...(timeZone.trim() ? { timeZone: timeZone.trim() } : {}),
        }),
      );
      setName('');
      setId('');
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="settings-subsection">
      <h3 className="settings-subtitle">New project</h3>
      <form className="settings-form" onSubmit={(e) => void submit(e)}>
        <label className="field">
          <span>Name</span>
          <input value={name} onChange={(e) => setName(e.target.value)} required placeholder="Web shop" />
        </label>
        <label className="field">
          <span>Id (optional)</span>
          <input value={id} onChange={(e) => setId(e.target.value)} placeholder="made from a random value" />
        </label>
        <label className="field">
          <span>Time zone</span>
          <input value={timeZone} onChange={(e) => setTimeZone(e.target.value)} placeholder="Europe/Berlin" />
        </label>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create project'}
        </button>
      </form>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {created && (
        <div className="settings-success" role="status">
          <p>
            Created <strong>{created.name}</strong> (<code>{created.id}</code>) with the write key{' '}
            <code>{created.writeKey}</code>.
          </p>
          <button type="button" className="button" onClick={() => onCreated(created.id)}>
            Switch to {created.name}
          </button>
        </div>
      )}
    </div>
  );
}
