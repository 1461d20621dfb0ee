import { useId, type ReactNode } from "react";
import { TableWrap } from "./TableWrap";

// The one data table of the site: a caption, column headers (scope=col), a row header where a
// column names the row (scope=row), numbers aligned to the end (so digits line up in both reading
// directions), an empty message instead of an empty table, all inside the focusable scroll region
// of TableWrap so a wide table can be scrolled from the keyboard on a phone.

export type Column<Row> = {
  key: string;
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /** figures: aligned to the end of the cell */
  numeric?: boolean;
  /** the cell that names its row (a <th scope="row">) */
  rowHeader?: boolean;
  /** the cells' writing direction, for text that is not in the page's language (an URL, an issuer) */
  dir?: "ltr" | "rtl" | "auto";
};

type Props<Row> = {
  columns: Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  /** the table's name; shown above it unless `captionHidden` (then read by screen readers only) */
  caption?: ReactNode;
  captionHidden?: boolean;
  /** the scroll region's name: the id of a heading, or a text (default: the caption names the region too) */
  labelledBy?: string;
  label?: string;
  /** said instead of the table when there are no rows (null: the table is not shown at all) */
  empty?: ReactNode;
  className?: string;
  /** attributes of a row (a test id, a class) */
  rowProps?: (row: Row) => Record<string, string | undefined>;
};

export function DataTable<Row>({ columns, rows, rowKey, caption, captionHidden, labelledBy, label, empty, className, rowProps }: Props<Row>) {
  const captionId = `${useId()}-caption`;
  if (rows.length === 0) return empty === undefined || empty === null ? null : <p className="muted">{empty}</p>;
  // the focusable scroll region needs a name (axe scrollable-region-focusable, region names): the one given, else the caption
  const regionLabelledBy = labelledBy ?? (label === undefined && caption ? captionId : undefined);
  return (
    <TableWrap labelledBy={regionLabelledBy} label={label}>
      <table className={className}>
        {caption ? (
          <caption id={captionId} className={captionHidden ? "visually-hidden" : undefined}>
            {caption}
          </caption>
        ) : null}
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" className={c.numeric ? "num" : undefined}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} {...rowProps?.(row)}>
              {columns.map((c) =>
                c.rowHeader ? (
                  <th key={c.key} scope="row" className={c.numeric ? "num" : undefined} dir={c.dir}>
                    {c.cell(row)}
                  </th>
                ) : (
                  <td key={c.key} className={c.numeric ? "num" : undefined} dir={c.dir}>
                    {c.cell(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
