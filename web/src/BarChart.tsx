/**
 * A horizontal bar chart in SVG. The figures are also written beside each bar and in the chart's
 * accessible name, so nothing depends on seeing the bars (WCAG 1.1.1, 1.4.1). A reference line (the
 * budget's 100 %, the one-month answer deadline) is drawn across the bars and named in words too.
 */
import { useId } from 'react';

/** A value the bars are read against, with what it is. */
export interface Reference {
  readonly value: number;
  readonly label: string;
}

export function BarChart({ counts, label, reference }: { counts: Record<string, number>; label: (k: string) => string; reference?: Reference }) {
  const id = useId();
  const entries = Object.entries(counts);
  const max = Math.max(1, ...entries.map(([, n]) => n), reference?.value ?? 0);
  const rowHeight = 28;
  const top = reference ? 20 : 0;
  const height = entries.length * rowHeight + 8 + top;
  // Room for the longest label (about 7.5 units a character), so a long one does not run into its bar.
  const labelWidth = Math.min(300, Math.max(220, ...entries.map(([k]) => label(k).length * 7.5 + 12)));
  const barWidth = 600 - labelWidth - 60;
  const words = entries.map(([k, n]) => `${label(k)}: ${n}`);
  const at = reference ? labelWidth + (reference.value / max) * barWidth : 0;
  return (
    <svg className="chart" role="img" aria-labelledby={id} width="100%" height={height} viewBox={`0 0 600 ${height}`}>
      <title id={id}>{[...words, ...(reference ? [`${reference.label}: ${reference.value}`] : [])].join(', ')}</title>
      {entries.map(([k, n], i) => (
        <g key={k} transform={`translate(0, ${i * rowHeight + 4 + top})`}>
          <text x="0" y="18">
            {label(k)}
          </text>
          <rect x={labelWidth} y="4" height="18" width={(n / max) * barWidth} />
          <text x={labelWidth + 8 + (n / max) * barWidth} y="18">
            {n}
          </text>
        </g>
      ))}
      {reference && (
        <g className="chart-reference" data-testid="chart-reference">
          <line x1={at} x2={at} y1={top - 4} y2={height} />
          <text x={Math.min(at, 600 - reference.label.length * 7)} y="13">
            {reference.label}
          </text>
        </g>
      )}
    </svg>
  );
}
