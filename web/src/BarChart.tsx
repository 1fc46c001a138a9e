/**
 * A horizontal bar chart in SVG. The figures are also written beside each bar and in the chart's
 * accessible name, so nothing depends on seeing the bars (WCAG 1.1.1, 1.4.1).
 */
import { useId } from 'react';

export function BarChart({ counts, label }: { counts: Record<string, number>; label: (k: string) => string }) {
  const id = useId();
  const entries = Object.entries(counts);
  const max = Math.max(1, ...entries.map(([, n]) => n));
  const rowHeight = 28;
  const height = entries.length * rowHeight + 8;
  // Room for the longest label (about 7.5 units a character), so a long one does not run into its bar.
  const labelWidth = Math.min(300, Math.max(220, ...entries.map(([k]) => label(k).length * 7.5 + 12)));
  const barWidth = 600 - labelWidth - 60;
  return (
    <svg className="chart" role="img" aria-labelledby={id} width="100%" height={height} viewBox={`0 0 600 ${height}`}>
      <title id={id}>{entries.map(([k, n]) => `${label(k)}: ${n}`).join(', ')}</title>
      {entries.map(([k, n], i) => (
        <g key={k} transform={`translate(0, ${i * rowHeight + 4})`}>
          <text x="0" y="18">
            {label(k)}
          </text>
          <rect x={labelWidth} y="4" height="18" width={(n / max) * barWidth} />
          <text x={labelWidth + 8 + (n / max) * barWidth} y="18">
            {n}
          </text>
        </g>
      ))}
    </svg>
  );
}
