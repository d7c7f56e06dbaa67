// One segment: its size now, its definition, insights over time, and its members (paged, with a CSV of all); the
// way to compare it with another segment, to edit its definition (not for viewers), and to delete it (confirmed;
// refused while a slot or segment uses it).

import { useState } from 'react';
import { deleteSegment, getSegment, type SizedSegment } from '../../api/segments.js';
import { Failure, Loading } from '../../components/States.js';
import { formatCount, formatPercent } from '../../lib/format.js';
import { hashTo } from '../../lib/hash-route.js';
import { useAsync } from '../../lib/use-async.js';
import { SegmentInsightsPanels } from './SegmentInsightsPanels.js';
import { SegmentMembers } from './SegmentMembers.js';

export function SegmentPage({ project, id, canEdit }: { project: string; id: string; canEdit: boolean }) {
  const segment = useAsync((signal) => getSegment(project, id, signal), [project, id]);
  return (
    <div className="view">
      <header className="view-header">
        <p className="breadcrumb">
          <a href={hashTo('segments')}>Segments</a> /
        </p>
        <h1>{segment.status === 'done' ? segment.data.name : id}</h1>
        {segment.status === 'done' && segment.data.description && (
          <p className="view-summary">{segment.data.description}</p>
        )}
      </header>
      {segment.status === 'loading' && (
        <section className="panel">
          <Loading label="Counting the segment’s members…" />
        </section>
      )}
      {segment.status === 'error' && <Failure error={segment.error} onRetry={segment.reload} />}
      {segment.status === 'done' && <SegmentBody project={project} segment={segment.data} canEdit={canEdit} />}
    </div>
  );
}

function SegmentBody({ project, segment, canEdit }: { project: string; segment: SizedSegment; canEdit: boolean }) {
  return (
    <>
      <div className="segment-bar">
        <div className="summary-row summary-row-3">
          <div className="stat">
            <span className="stat-label">Members now</span>
            <span className="stat-value" data-testid="segment-size">
              {formatCount(segment.size)}
            </span>
          </div>
          <div className="stat">
            <span className="stat-label">Share of persons</span>
            <span className="stat-value">{formatPercent(segment.share)}</span>
          </div>
          <div className="stat">
            <span className="stat-label">Persons seen</span>
            <span className="stat-value">{formatCount(segment.persons)}</span>
          </div>
        </div>
        <div className="header-actions">
          <a className="button" href={hashTo('segments', 'compare', segment.id)}>
            Compare with…
          </a>
          {canEdit && (
            <a className="button" href={hashTo('segments', segment.id, 'edit')}>
              Edit definition
            </a>
          )}
          {canEdit && <DeleteSegment project={project} segment={segment} />}
        </div>
      </div>
      <details className="panel details-panel">
        <summary>Definition</summary>
        <pre className="definition">{JSON.stringify(segment.condition, null, 2)}</pre>
        <p className="muted small">
          Id <code>{segment.id}</code>, changed {segment.updatedAt.slice(0, 10)}. Use it in any analysis with{' '}
          <code>"segment": "{segment.id}"</code>.
        </p>
      </details>
      <SegmentInsightsPanels project={project} segment={segment} />
      <SegmentMembers project={project} segment={segment} />
    </>
  );
}

function DeleteSegment({ project, segment }: { project: string; segment: SizedSegment }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await deleteSegment(project, segment.id);
      window.location.hash = hashTo('segments');
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  };
  if (!confirming)
    return (
      <button type="button" className="button button-danger" onClick={() => setConfirming(true)}>
        Delete…
      </button>
    );
  return (
    <div className="confirm" role="alertdialog" aria-labelledby="confirm-delete" aria-describedby="confirm-delete-hint">
      <p id="confirm-delete" className="confirm-title">
        Delete “{segment.name}”?
      </p>
      <p id="confirm-delete-hint" className="muted small">
        Its {formatCount(segment.size)} members get a <code>Segment Exited</code> event. This cannot be undone.
      </p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="confirm-actions">
        <button
          type="button"
          className="button button-danger-solid"
          onClick={() => void remove()}
          disabled={busy}
          autoFocus
        >
          {busy ? 'Deleting…' : 'Delete segment'}
        </button>
        <button type="button" className="button" onClick={() => setConfirming(false)} disabled={busy}>
          Cancel
        </button>
      </div>
    </div>
  );
}
