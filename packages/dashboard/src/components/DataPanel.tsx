// A titled panel around a chart, with the switch to its table view and the CSV and JSON lines downloads of the same
// numbers (the table as shown, saved by the browser); when the panel knows its query, also the full result behind
// it as Parquet, written by the server.

import { useId, useState, type ReactNode } from 'react';
import { csvFileName, toCsv } from '../lib/csv.js';
import { downloadText } from '../lib/download.js';
import { downloadJsonLines, type PanelQuery } from '../lib/export-files.js';
import type { TableData } from '../lib/table.js';
import { DataTable } from './DataTable.js';
import { ParquetDownload } from './ParquetDownload.js';

export interface DataPanelProps {
  title: string;
  subtitle?: ReactNode;
  /** The chart view. */
  chart: ReactNode;
  /** The numbers behind the chart: the table view and the CSV. */
  table: TableData;
  /** Extra controls at the right of the header. */
  actions?: ReactNode;
  /**
   * The run behind the panel (the exact spec, and the result's table that matches what the panel shows): offers
   * the full result as Parquet from the server (`POST /api/query/<analysis>?format=`, or an export address).
   */
  query?: PanelQuery;
}

export function DataPanel({ title, subtitle, chart, table, actions, query }: DataPanelProps) {
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const headingId = useId();
  return (
    <section className="panel" aria-labelledby={headingId}>
      <header className="panel-header">
        <div>
          <h2 id={headingId} className="panel-title">
            {title}
          </h2>
          {subtitle && <p className="panel-subtitle">{subtitle}</p>}
        </div>
        <div className="panel-actions">
          {actions}
          <div className="segmented" role="group" aria-label={`Show ${title} as`}>
            <button type="button" aria-pressed={view === 'chart'} onClick={() => setView('chart')}>
              Chart
            </button>
            <button type="button" aria-pressed={view === 'table'} onClick={() => setView('table')}>
              Table
            </button>
          </div>
          <button
            type="button"
            className="button button-quiet"
            onClick={() => downloadText(csvFileName(title), toCsv(table))}
            title="Saves this table as shown"
            aria-label={`Download ${title} as CSV`}
          >
            <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
              <path d="M8 2v8m0 0-3-3m3 3 3-3M3 13h10" stroke="currentColor" strokeWidth="1.6" fill="none" />
            </svg>
            CSV
          </button>
          <button
            type="button"
            className="button button-quiet"
            onClick={() => downloadJsonLines(title, table)}
            title="Saves this table as shown"
            aria-label={`Download ${title} as JSON lines`}
          >
            JSONL
          </button>
          {query && <ParquetDownload query={query} title={title} />}
        </div>
      </header>
      <div className="panel-body">{view === 'chart' ? chart : <DataTable table={table} caption={title} />}</div>
    </section>
  );
}
