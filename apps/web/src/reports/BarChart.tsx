// A bar chart drawn by uPlot (a canvas: fast, small). Decorative for assistive technology: the
// figure is named and points to the table view, which holds the same numbers. Redrawn at the
// width of its box.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface BarSeries {
  label: string;
  values: (number | null)[];
  color: string;
}

interface BarChartProps {
  /** One label per bar group (a day, a provider). */
  labels: string[];
  /** One or two series (two sit left and right of each label). */
  series: BarSeries[];
  /** The chart's accessible name. */
  label: string;
  height?: number;
  /** The values are counts: whole-number ticks only. */
  integer?: boolean;
}

/** Bars side by side per label, one colour per series. */
export function BarChart({ labels, series, label, height = 240, integer = false }: BarChartProps) {
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const width = () => Math.max(280, element.clientWidth);
    const groups = series.length;
    const data: uPlot.AlignedData = [
      labels.map((_, i) => i),
      ...series.map((s) => s.values.map((v) => v)),
    ];
    const plot = new uPlot(
      {
        width: width(),
        height,
        legend: { show: groups > 1 },
        cursor: { show: false },
        scales: {
          x: { time: false, range: [-0.5, labels.length - 0.5] },
          y: { range: (_u, _min, max) => [0, Math.max(1, max) * 1.1] },
        },
        axes: [
          {
            values: (_u, splits) => splits.map((i) => labels[Math.round(i)] ?? ''),
            // A label per bar while they fit, then every 2nd, 5th… (a month of days on a phone).
            incrs: [1, 2, 5, 7, 14, 30],
            space: 44,
            gap: 6,
          },
          // Counts are whole: no 0.2 of a visit.
          { size: 56, ...(integer ? { incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] } : {}) },
        ],
        series: [
          {},
          ...series.map((s, i) => ({
            label: s.label,
            fill: s.color,
            stroke: s.color,
            width: 0,
            // One series: centred on its label; two: left and right of it.
            paths: uPlot.paths.bars?.({
              size: [groups > 1 ? 0.4 : 0.7, 64],
              align: groups > 1 ? (i === 0 ? -1 : 1) : 0,
            }),
            points: { show: false },
          })),
        ],
      },
      data,
      element,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: width(), height }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [labels, series, height, integer]);

  return <div ref={box} className="report-chart" role="img" aria-label={label} />;
}
