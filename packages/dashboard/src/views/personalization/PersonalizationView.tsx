// Personalization: the project's slots with the server's decision counters (`#/personalization`), one slot's page
// (`#/personalization/<id>`) with its variants, rules, holdout and the preview, and the slot editor for admins and
// analysts (`#/personalization/new`, `#/personalization/<id>/edit`).

import type { Role } from '../../api/types.js';
import { decisionCounters, listSlots, type Slot } from '../../api/personalization.js';
import { Empty, Failure, Loading } from '../../components/States.js';
import { formatCount, formatPercent } from '../../lib/format.js';
import { hashTo, useHashPath } from '../../lib/hash-route.js';
import { useAsync } from '../../lib/use-async.js';
import { SlotEditor } from './SlotEditor.js';
import { SlotPage } from './SlotPage.js';
import { variantLabel } from './slot-model.js';
import './personalization.css';

export function PersonalizationView({ project, role }: { project: string; role?: Role }) {
  const [id, page] = useHashPath();
  const canEdit = role !== 'viewer';
  if (id === 'new' && canEdit) return <SlotEditor key={`${project}/new`} project={project} />;
  if (id !== undefined && page === 'edit' && canEdit)
    return <SlotEditor key={`${project}/${id}/edit`} project={project} id={id} />;
  if (id !== undefined) return <SlotPage key={`${project}/${id}`} project={project} id={id} canEdit={canEdit} />;
  return <SlotList project={project} canEdit={canEdit} />;
}

function SlotList({ project, canEdit }: { project: string; canEdit: boolean }) {
  const slots = useAsync((signal) => listSlots(project, signal), [project]);
  return (
    <div className="view">
      <header className="view-header slot-list-header">
        <div>
          <h1>Personalization</h1>
          <p className="view-summary">
            Slots are places in your shop whose content depends on who looks. Open one to see its rules and preview what
            a given customer would see, and why.
          </p>
        </div>
        {canEdit && (
          <a className="button button-primary" href={hashTo('personalization', 'new')}>
            + New slot
          </a>
        )}
      </header>
      <DecisionCounters />
      <section className="panel" aria-labelledby="slots-heading">
        <h2 id="slots-heading" className="panel-title slot-list-title">
          Slots
        </h2>
        {slots.status === 'loading' && <Loading label="Loading slots…" />}
        {slots.status === 'error' && <Failure error={slots.error} onRetry={slots.reload} />}
        {slots.status === 'done' &&
          (slots.data.length === 0 ? (
            <Empty title="No slots in this project yet">
              {canEdit ? (
                <>
                  Create one with <strong>New slot</strong>, or
                </>
              ) : (
                'Define one'
              )}{' '}
              with <code>npx waymark slots create --definition FILE</code> (see <code>docs/personalization.md</code>),
              then ask for decisions from your pages.
            </Empty>
          ) : (
            <SlotTable slots={slots.data} />
          ))}
      </section>
    </div>
  );
}

/** The server's counters since it started, for every project: decisions asked for and exposures recorded. */
export function DecisionCounters() {
  const counters = useAsync((signal) => decisionCounters(signal), []);
  if (counters.status === 'error') return <Failure error={counters.error} onRetry={counters.reload} />;
  const value = (n: number | undefined) => (counters.status === 'done' ? formatCount(n) : '…');
  return (
    <div className="summary-row slot-counters" aria-busy={counters.status === 'loading'}>
      <div className="stat">
        <span className="stat-label">Decisions since the server started</span>
        <span className="stat-value" data-testid="slot-decisions">
          {value(counters.status === 'done' ? counters.data.decisions : undefined)}
        </span>
        <span className="stat-hint">Slots decided by /v1/decide, all projects</span>
      </div>
      <div className="stat">
        <span className="stat-label">Exposures recorded</span>
        <span className="stat-value" data-testid="slot-exposures">
          {value(counters.status === 'done' ? counters.data.exposures : undefined)}
        </span>
        <span className="stat-hint">Slot Viewed and Experiment Viewed events; previews record none</span>
      </div>
    </div>
  );
}

function SlotTable({ slots }: { slots: Slot[] }) {
  return (
    <div className="table-scroll">
      <table className="data-table slot-table">
        <caption className="visually-hidden">Slots of this project</caption>
        <thead>
          <tr>
            <th scope="col">Slot</th>
            <th scope="col">Status</th>
            <th scope="col" className="numeric">
              Variants
            </th>
            <th scope="col" className="numeric">
              Rules
            </th>
            <th scope="col">Default</th>
            <th scope="col" className="numeric">
              Holdout
            </th>
          </tr>
        </thead>
        <tbody>
          {slots.map((s) => (
            <tr key={s.id}>
              <td>
                <a href={hashTo('personalization', s.id)} className="slot-name">
                  {s.name}
                </a>
                <span className="slot-id">{s.id}</span>
                {s.description && <span className="slot-description">{s.description}</span>}
              </td>
              <td>
                <SlotStatus slot={s} />
              </td>
              <td className="numeric">{s.variants.length}</td>
              <td className="numeric">{s.rules.length}</td>
              <td>{variantLabel(s, s.default)}</td>
              <td className="numeric">{s.holdout ? formatPercent(s.holdout, 0) : 'none'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function SlotStatus({ slot }: { slot: Slot }) {
  const paused = slot.status === 'paused';
  return (
    <span className={`slot-tag ${paused ? 'slot-tag-paused' : 'slot-tag-active'}`}>
      <span aria-hidden="true">{paused ? '❚❚' : '●'}</span> {paused ? 'Paused' : 'Active'}
    </span>
  );
}
