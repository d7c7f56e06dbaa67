// The button that saves the full result behind a panel as Parquet, written by the server with exact column types.
// It sits next to the CSV and JSON lines downloads, which save the panel's own table; this one asks the server, so
// it says so, and says why when the server refuses.

import { useState } from 'react';
import { downloadQueryExport, exportFileName, serverExportSubject, type PanelQuery } from '../lib/export-files.js';

export function ParquetDownload({ query, title }: { query: PanelQuery; title: string }) {
  const [state, setState] = useState<{ busy: boolean; error?: string }>({ busy: false });
  const save = () => {
    setState({ busy: true });
    downloadQueryExport(query, 'parquet', exportFileName(title, 'parquet')).then(
      () => setState({ busy: false }),
      (e: unknown) => setState({ busy: false, error: e instanceof Error ? e.message : String(e) }),
    );
  };
  return (
    <>
      <button
        type="button"
        className="button button-quiet"
        onClick={save}
        disabled={state.busy}
        title={`The full result from the server (${serverExportSubject(query)}) as Parquet, with exact column types: not only what this panel shows.`}
        aria-label={`Download ${title}: full result (Parquet)`}
      >
        {state.busy ? 'Preparing…' : 'Full result (Parquet)'}
      </button>
      {state.error && (
        <span className="form-error" role="alert">
          Parquet download failed: {state.error}
        </span>
      )}
    </>
  );
}
