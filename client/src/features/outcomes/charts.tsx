import { useId, type ReactNode } from 'react';
import { percent } from '../../shared/format';
import './charts.css';

// Charts drawn as inline SVG, each in a <figure> whose caption is its title. The SVG is one image (role="img") whose
// accessible name carries every figure it shows; the same data is in a table under it for anyone who prefers one.

interface FigureProps {
  title: string;
  description?: ReactNode;
  /** The chart itself (an SVG with role="img"). */
  children: ReactNode;
  /** Shown under the chart, before the table (a legend). */
  legend?: ReactNode;
  /** The chart's data as a table. */
  table: ReactNode;
}

/** A chart with its title, an optional description and legend, and its data table in a disclosure. */
export function ChartFigure({ title, description, children, legend, table }: FigureProps) {
  const id = useId();
  return (
    <figure className="chart" aria-labelledby={`${id}-title`}>
      <figcaption className="chart__caption">
        <h3 id={`${id}-title`} className="chart__title">
          {title}
        </h3>
        {description ? <p className="field__hint">{description}</p> : null}
      </figcaption>
      {children}
      {legend}
      <details className="disclosure chart__data">
        <summary>
          Show the data as a table<span className="visually-hidden">: {title}</span>
        </summary>
        {table}
      </details>
    </figure>
  );
}

export interface Bar {
  key: string;
  label: string;
  value: number;
  /** What the bar's end says: "120 students". */
  valueText: string;
}

const width = 720;

/** Horizontal bars from zero, longest = the largest value; `label` names the image and lists every bar. */
export function BarsSvg({ label, bars }: { label: string; bars: readonly Bar[] }) {
  const labelWidth = 200;
  const valueWidth = 230;
  const area = width - labelWidth - valueWidth;
  const rowHeight = 34;
  const barHeight = 22;
  const top = 6;
  const height = top * 2 + bars.length * rowHeight;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const name = `${label}: ${bars.map((b) => `${b.label}, ${b.valueText}`).join('; ')}.`;
  return (
    <svg className="chart__svg" role="img" aria-label={name} viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="xMinYMin meet">
      {bars.map((bar, i) => {
        const y = top + i * rowHeight;
        const length = (Math.max(0, bar.value) / max) * area;
        return (
          <g key={bar.key}>
            <text className="chart__label" x={labelWidth - 10} y={y + barHeight / 2} textAnchor="end" dominantBaseline="central">
              {bar.label}
            </text>
            <rect className="chart__track" x={labelWidth} y={y} width={area} height={barHeight} rx={3} />
            {length > 0 ? <rect className="chart__bar" x={labelWidth} y={y} width={length} height={barHeight} rx={3} /> : null}
            <text className="chart__value" x={labelWidth + length + 8} y={y + barHeight / 2} dominantBaseline="central">
              {bar.valueText}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export interface RateRow {
  key: string;
  label: string;
  /** The share from 0 to 1; null when the group is withheld (too small to show). */
  rate: number | null;
  /** What the bar's end says: "32% · 8 points below". */
  valueText: string;
  /** Drawn in the gap colour: a group under-served against everyone. */
  highlight: boolean;
}

/**
 * Participation rates on a 0–100% scale, one bar per group, with everyone's rate as a dashed line across them; groups
 * well below it are drawn in the gap colour (and their text says so, for readers who do not see colour).
 */
export function RatesSvg({ label, rows, overall }: { label: string; rows: readonly RateRow[]; overall: number }) {
  const labelWidth = 300;
  const valueWidth = 190;
  const area = width - labelWidth - valueWidth;
  const rowHeight = 30;
  const barHeight = 20;
  const top = 26;
  const bottom = 22;
  const height = top + rows.length * rowHeight + bottom;
  const x = (share: number) => labelWidth + Math.min(1, Math.max(0, share)) * area;
  const overallX = x(overall);
  const name = `${label}, against ${percent(overall)} for all students: ${rows.map((r) => `${r.label}, ${r.valueText}`).join('; ')}.`;
  return (
    <svg className="chart__svg" role="img" aria-label={name} viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="xMinYMin meet">
      {[0, 0.25, 0.5, 0.75, 1].map((tick) => (
        <g key={tick}>
          <line className="chart__grid" x1={x(tick)} x2={x(tick)} y1={top - 4} y2={height - bottom} />
          <text className="chart__tick" x={x(tick)} y={height - 6} textAnchor="middle">
            {percent(tick)}
          </text>
        </g>
      ))}
      {rows.map((row, i) => {
        const y = top + i * rowHeight;
        const end = row.rate === null ? labelWidth : x(row.rate);
        return (
          <g key={row.key}>
            <text className="chart__label" x={labelWidth - 10} y={y + barHeight / 2} textAnchor="end" dominantBaseline="central">
              {row.label}
            </text>
            {row.rate === null ? (
              <text className="chart__value chart__value--muted" x={labelWidth + 6} y={y + barHeight / 2} dominantBaseline="central">
                {row.valueText}
              </text>
            ) : (
              <>
                {end > labelWidth ? (
                  <rect className={row.highlight ? 'chart__bar chart__bar--gap' : 'chart__bar'} x={labelWidth} y={y} width={end - labelWidth} height={barHeight} rx={3} />
                ) : null}
                <text
                  className={row.highlight ? 'chart__value chart__value--gap' : 'chart__value'}
                  x={Math.max(end, overallX) + 8}
                  y={y + barHeight / 2}
                  dominantBaseline="central"
                >
                  {row.valueText}
                </text>
              </>
            )}
          </g>
        );
      })}
      <line className="chart__overall" x1={overallX} x2={overallX} y1={top - 8} y2={height - bottom} />
      <text className="chart__overall-label" x={overallX} y={top - 12} textAnchor="middle">
        All students {percent(overall)}
      </text>
    </svg>
  );
}

/** The key under a rates chart: the bar colours and the dashed line. */
export function RatesLegend({ overall, threshold }: { overall: number; threshold: number }) {
  return (
    <ul className="chart__legend">
      <li>
        <span className="chart__swatch chart__swatch--bar" aria-hidden="true" /> Participation rate
      </li>
      <li>
        <span className="chart__swatch chart__swatch--gap" aria-hidden="true" /> {Math.round(threshold * 100)} or more points below all students
      </li>
      <li>
        <span className="chart__swatch chart__swatch--line" aria-hidden="true" /> All students ({percent(overall)})
      </li>
    </ul>
  );
}
