// One kept week's report as the server renders it for e-mail (charts embedded as data: URIs), shown in a frame that
// may run nothing and reach nothing (`sandbox=""`), with its downloads in every format.

import { useState } from 'react';
import { ApiError } from '../../api/client.js';
import { fetchArchivedReport, type ReportFormat } from '../../api/reports.js';
import { Failure, Loading } from '../../components/States.js';
import { saveBlob } from '../../lib/export-files.js';
import { useAsync } from '../../lib/use-async.js';
import { weekDates } from './report-model.js';

const DOWNLOADS: { format: ReportFormat; label: string; what: string }[] = [
  { format: 'html', label: 'HTML', what: 'HTML (e-mail)' },
  { format: 'md', label: 'Markdown', what: 'Markdown' },
  { format: 'json', label: 'JSON', what: 'JSON' },
  { format: 'pdf', label: 'PDF', what: 'PDF' },
];

export function ReportPanel({ project, week }: { project: string; week: string }) {
  const html = useAsync(
    async (signal) => (await fetchArchivedReport(project, week, 'html', { signal })).blob.text(),
    [project, week],
  );
  return (
    <section className="panel" aria-labelledby="report-heading">
      <header className="panel-header">
        <div>
          <h2 id="report-heading" className="panel-title">
            Report of {week}
          </h2>
          <p className="panel-subtitle">
            {weekDates(week)}, as e-mailed: compared with the week before and the 4-week average.
          </p>
        </div>
        <Downloads project={project} week={week} />
      </header>
      {html.status === 'loading' && <Loading label={`Loading the report of ${week}…`} rows={6} />}
      {html.status === 'error' &&
        (html.error instanceof ApiError && html.error.status === 404 ? (
          <Failure error={new Error(`No report of ${week} is kept yet: build it with Build report above.`)} />
        ) : (
          <Failure error={html.error} onRetry={html.reload} />
        ))}
      {html.status === 'done' && (
        <iframe className="reports-frame" title={`Weekly report of ${week}`} sandbox="" srcDoc={html.data} />
      )}
    </section>
  );
}

function Downloads({ project, week }: { project: string; week: string }) {
  const [busy, setBusy] = useState<ReportFormat | null>(null);
  const [error, setError] = useState<string | null>(null);
  const download = async (format: ReportFormat) => {
    setBusy(format);
    setError(null);
    try {
      const file = await fetchArchivedReport(project, week, format, { download: true });
      saveBlob(file.fileName, file.blob);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="reports-downloads">
      <div className="panel-actions" role="group" aria-label="Download the report">
        <span className="muted small">Download</span>
        {DOWNLOADS.map((d) => (
          <button
            key={d.format}
            type="button"
            className="button button-small"
            onClick={() => void download(d.format)}
            disabled={busy !== null}
            aria-label={`Download the report as ${d.what}`}
          >
            {busy === d.format ? 'Preparing…' : d.label}
          </button>
        ))}
      </div>
      {error && (
        <p className="reports-field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
