import type { ReactNode } from "react";

/**
 * The horizontal scroll box around a wide table. On a phone the table scrolls inside it, so keyboard
 * users must be able to reach it too (WCAG 2.1.1, axe `scrollable-region-focusable`): it is a
 * focusable, named region. Name it like the table: `label`, or `labelledBy` the id of its heading.
 */
export function TableWrap({ label, labelledBy, children }: { label?: string; labelledBy?: string; children: ReactNode }) {
  return (
    <div className="table-wrap" role="region" tabIndex={0} aria-label={labelledBy ? undefined : label} aria-labelledby={labelledBy}>
      {children}
    </div>
  );
}
