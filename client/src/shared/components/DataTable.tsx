import type { HTMLAttributes, ReactNode } from 'react';
import { TableScroll } from './TableScroll';

/** One column: its header, and what each row shows in it (in a row header cell when `rowHeader`). */
export interface Column<T> {
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** The cell that names the row (a `th scope="row"`), for screen readers moving along a row. */
  rowHeader?: boolean;
  /** A class for the row's cell in this column (a highlighted value). */
  className?: (row: T) => string | undefined;
}

interface Props<T> {
  /** Names the table for assistive technology; shown above it unless `captionHidden`. */
  caption: ReactNode;
  captionHidden?: boolean;
  columns: readonly Column<T>[];
  rows: readonly T[];
  /** A key unique among the rows; the index breaks ties when the rows themselves may repeat. */
  rowKey: (row: T, index: number) => string;
  /** Attributes of a row's `tr`: a class (a suppressed cell) or aria-current (the row being shown). */
  rowProps?: (row: T) => HTMLAttributes<HTMLTableRowElement>;
  /** Shown in one full-width muted row when there are no rows. */
  empty?: ReactNode;
}

/**
 * The app's one data table: a caption, column headers, a row per item, in the TableScroll frame that lets a wide table
 * scroll inside its card on a phone.
 */
export function DataTable<T>({ caption, captionHidden = true, columns, rows, rowKey, rowProps, empty }: Props<T>) {
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
          {rows.length === 0 && empty ? (
            <tr>
              <td colSpan={columns.length} className="muted">
                {empty}
              </td>
            </tr>
          ) : null}
          {rows.map((row, index) => (
            <tr key={rowKey(row, index)} {...rowProps?.(row)}>
              {columns.map((column, i) =>
                column.rowHeader ? (
                  <th key={i} scope="row" className={column.className?.(row)}>
                    {column.cell(row)}
                  </th>
                ) : (
                  <td key={i} className={column.className?.(row)}>
                    {column.cell(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
