/**
 * A small time-series chart (uPlot), with the same numbers as a table for screen readers and
 * keyboard users. Only pages that show charts load this module.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatDay, formatNumber } from '../format.js';

export interface ChartPoint {
  day: string;
  count: number;
}

export function LineChart({
  points,
  label,
  seriesLabel,
  dayLabel,
  language,
  bars = false,
}: {
  points: readonly ChartPoint[];
  label: string;
  seriesLabel: string;
  dayLabel: string;
  language: string;
  bars?: boolean;
}) {
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = box.current;
    if (!element || points.length === 0) return;
    const xs = points.map((p) => Date.parse(p.day) / 1000);
    const ys = points.map((p) => p.count);
    const width = Math.max(280, element.clientWidth || 600);
    const plot = new uPlot(
      {
        width,
        height: 220,
        legend: { show: false },
        cursor: { show: true },
        scales: { x: { time: true } },
        axes: [
          {
            values: (_u, ticks) =>
              ticks.map((t) => formatDay(new Date(t * 1000).toISOString(), language)),
          },
          { values: (_u, ticks) => ticks.map((t) => formatNumber(t, language)) },
        ],
        series: [
          {},
          {
            label: seriesLabel,
            stroke: '#1d4ed8',
            width: 2,
            fill: 'rgba(29, 78, 216, 0.12)',
            ...(bars ? { paths: uPlot.paths.bars!({ size: [0.6, 40] }) } : {}),
          },
        ],
      },
      [xs, ys],
      element,
    );
    return () => plot.destroy();
  }, [points, seriesLabel, language, bars]);

  return (
    <figure className="chart">
      <figcaption>{label}</figcaption>
      <div ref={box} aria-hidden="true" />
      <details>
        <summary>{label}</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{dayLabel}</th>
              <th scope="col">{seriesLabel}</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.day}>
                <th scope="row">{formatDay(p.day, language)}</th>
                <td>{formatNumber(p.count, language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
