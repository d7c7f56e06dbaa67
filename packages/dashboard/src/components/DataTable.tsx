// The table view of a chart: the same numbers, formatted for reading.

import { displayCell, type TableData } from '../lib/table.js';

export function DataTable({ table, caption }: { table: TableData; caption: string }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={`${caption} (table)`}>
      <table className="data-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {table.columns.map((c) => (
              <th key={c.key} scope="col" className={c.numeric ? 'numeric' : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, i) => (
            <tr key={i}>
              {table.columns.map((c) => (
                <td key={c.key} className={c.numeric ? 'numeric' : undefined}>
                  {c.render ? c.render(row[c.key] ?? null, row) : displayCell(c, row[c.key])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
