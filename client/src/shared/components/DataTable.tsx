import type { ReactNode } from 'react';
import { TableScroll } from './TableScroll';

/** One column: its header, and what each row shows in it (in a row header cell when `rowHeader`). */
export interface Column<T> {
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** The cell that names the row (a `th scope="row"`), for screen readers moving along a row. */
  rowHeader?: boolean;
}

interface Props<T> {
  /** Names the table for assistive technology; shown above it unless `captionHidden`. */
  caption: string;
  captionHidden?: boolean;
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
}

/**
 * The app's one data table: a caption, column headers, a row per item, in the TableScroll frame that lets a wide table
 * scroll inside its card on a phone.
 */
export function DataTable<T>({ caption, captionHidden = true, columns, rows, rowKey }: Props<T>) {
  return (
    <TableScroll>
      <table className="table">
        <caption className={captionHidden ? 'visually-hidden' : undefined}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column, i) => (
              <th key={i} scope="col">
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((column, i) =>
                column.rowHeader ? (
                  <th key={i} scope="row">
                    {column.cell(row)}
                  </th>
                ) : (
                  <td key={i}>{column.cell(row)}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
