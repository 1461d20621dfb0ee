// Charts rendered on the server as plain HTML/SVG: no chart library, nothing to download, readable
// without JavaScript. Each chart is decorative for assistive technology (aria-hidden) because the
// same figures follow it in a table, which is the text alternative; the figure's caption names both.
import { useTranslation } from "react-i18next";

export type StackedItem = { key: string; label: string; href?: string; completed: number; due: number; overdue: number };

function percent(part: number, whole: number) {
  return whole ? (part * 100) / whole : 0;
}

/**
 * Horizontal stacked bars (completed / due / overdue as shares of the assigned people). Built with
 * CSS logical properties, so that in Arabic the bars grow from the right like the text.
 */
export function StackedBars({ items }: { items: StackedItem[] }) {
  const { t } = useTranslation("organizations");
  return (
    <div className="chart" aria-hidden="true">
      <ul className="chart-legend">
        <li><span className="swatch swatch--completed" /> {t("states.completed")}</li>
        <li><span className="swatch swatch--due" /> {t("states.due")}</li>
        <li><span className="swatch swatch--overdue" /> {t("states.overdue")}</li>
      </ul>
      {items.map((item) => {
        const total = item.completed + item.due + item.overdue;
        return (
          <div key={item.key} className="bar-row">
            <span className="bar-label">{item.label}</span>
            <span className="bar-track">
              <span className="bar bar--completed" style={{ inlineSize: `${percent(item.completed, total)}%` }} />
              <span className="bar bar--due" style={{ inlineSize: `${percent(item.due, total)}%` }} />
              <span className="bar bar--overdue" style={{ inlineSize: `${percent(item.overdue, total)}%` }} />
            </span>
            <span className="bar-value">{Math.round(percent(item.completed, total))}%</span>
          </div>
        );
      })}
    </div>
  );
}

/** Columns per month (SVG). Mirrored for right-to-left languages so time runs with the text. */
export function MonthColumns({ points, rtl }: { points: { label: string; value: number }[]; rtl: boolean }) {
  const width = 720;
  const height = 200;
  const top = 16;
  const bottom = 28;
  const max = Math.max(1, ...points.map((p) => p.value));
  const slot = width / Math.max(1, points.length);
  const barWidth = slot * 0.6;
  return (
    <svg className="chart chart--columns" viewBox={`0 0 ${width} ${height}`} aria-hidden="true" focusable="false" preserveAspectRatio="none">
      <line x1={0} x2={width} y1={height - bottom} y2={height - bottom} className="axis" />
      {points.map((p, i) => {
        const index = rtl ? points.length - 1 - i : i;
        const h = ((height - top - bottom) * p.value) / max;
        const x = index * slot + (slot - barWidth) / 2;
        return (
          <g key={p.label}>
            <rect x={x} y={height - bottom - h} width={barWidth} height={h} className="column" />
            <text x={x + barWidth / 2} y={height - bottom - h - 4} textAnchor="middle" className="column-value">
              {p.value}
            </text>
            <text x={x + barWidth / 2} y={height - 8} textAnchor="middle" className="column-label">
              {p.label}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
