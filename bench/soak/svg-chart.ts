/**
 * The soak's chart as an SVG document, written by hand (no dependency): panels stacked over the
 * same time axis (minutes into the soak), each with lines (a null value leaves a gap) or bars
 * (later series drawn over earlier ones), a linear, fitted or logarithmic y axis, and a legend.
 */

/** One line of a panel: its points (x in minutes; a null y leaves a gap). */
export interface ChartSeries {
  name: string;
  color: string;
  points: readonly (readonly [number, number | null])[];
  dashed?: boolean;
  /** Drawn as bars (one per point) instead of a line. */
  bars?: boolean;
}

/** One panel: a title, the unit of its y axis, its series. */
export interface ChartPanel {
  title: string;
  unit: string;
  series: readonly ChartSeries[];
  /** A logarithmic y axis (values at or below 0 are left out): for latencies, where p99 dwarfs p50. */
  log?: boolean;
  /** The y axis starts at the data's rounded-down minimum instead of 0: for memory, where drift is the point. */
  fitMinimum?: boolean;
}

const WIDTH = 1000;
const PANEL_HEIGHT = 190;
const LEFT = 70;
const RIGHT = 190;
const TOP = 50;
const GAP = 60;

/** Text safe inside an SVG element or attribute. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A round step (1, 2 or 5 × 10^k) giving about `count` intervals up to `max`. */
export function niceStep(max: number, count: number): number {
  if (!(max > 0)) return 1;
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
}

function format(value: number): string {
  if (value === 0) return '0';
  if (Math.abs(value) >= 100) return String(Math.round(value));
  return String(Number(value.toPrecision(3)));
}

/** A y axis: its ticks, its lowest value, and where a value sits (0 at the bottom, 1 at the top). */
interface Axis {
  ticks: number[];
  min: number;
  position(value: number): number;
}

/** 0 (or, fitted, the rounded-down minimum) to the rounded-up maximum, about 4 steps. */
export function linearAxis(values: readonly number[], fitMinimum: boolean): Axis {
  const rawMax = Math.max(0, ...values);
  const rawMin = fitMinimum && values.length > 0 ? Math.min(...values) : 0;
  const step = niceStep(rawMax - rawMin > 0 ? rawMax - rawMin : Math.max(1, rawMax), 4);
  const min = Math.floor(rawMin / step) * step;
  const max = Math.max(min + step, Math.ceil(rawMax / step) * step);
  const ticks: number[] = [];
  for (let value = min; value <= max + step / 1000; value += step) ticks.push(Number(value.toPrecision(12)));
  return { ticks, min, position: (value) => (Math.min(Math.max(value, min), max) - min) / (max - min) };
}

/** Powers of ten around the positive values, with 2 and 5 between them when there are few decades. */
export function logAxis(values: readonly number[]): Axis {
  const positive = values.filter((value) => value > 0);
  const low = 10 ** Math.floor(Math.log10(positive.length === 0 ? 1 : Math.min(...positive)));
  const high = Math.max(low * 10, 10 ** Math.ceil(Math.log10(positive.length === 0 ? 10 : Math.max(...positive))));
  const decades = Math.round(Math.log10(high / low));
  const ticks: number[] = [];
  for (let decade = low; decade <= high * 1.0001; decade *= 10) {
    ticks.push(decade);
    if (decades <= 3 && decade < high * 0.999) ticks.push(decade * 2, decade * 5);
  }
  const span = Math.log10(high / low);
  return { ticks, min: 0, position: (value) => Math.min(Math.max(Math.log10(Math.max(value, low) / low) / span, 0), 1) };
}

function renderPanel(panel: ChartPanel, top: number, xMax: number): string {
  const plotWidth = WIDTH - LEFT - RIGHT;
  const values = panel.series.flatMap((series) => series.points.map(([, y]) => y).filter((y): y is number => y !== null && Number.isFinite(y) && (panel.log !== true || y > 0)));
  const axis = panel.log === true ? logAxis(values) : linearAxis(values, panel.fitMinimum === true);
  const x = (minutes: number): number => LEFT + (minutes / xMax) * plotWidth;
  const y = (value: number): number => top + PANEL_HEIGHT - axis.position(value) * PANEL_HEIGHT;
  const parts: string[] = [];
  parts.push(`<text x="${LEFT}" y="${top - 10}" class="title">${escapeXml(panel.title)}</text>`);
  parts.push(`<rect x="${LEFT}" y="${top}" width="${plotWidth}" height="${PANEL_HEIGHT}" class="plot"/>`);
  for (const value of axis.ticks) {
    parts.push(`<line x1="${LEFT}" x2="${LEFT + plotWidth}" y1="${y(value).toFixed(1)}" y2="${y(value).toFixed(1)}" class="grid"/>`);
    parts.push(`<text x="${LEFT - 6}" y="${(y(value) + 4).toFixed(1)}" class="tick" text-anchor="end">${format(value)}</text>`);
  }
  parts.push(`<text x="${LEFT - 50}" y="${top + PANEL_HEIGHT / 2}" class="unit" transform="rotate(-90 ${LEFT - 50} ${top + PANEL_HEIGHT / 2})" text-anchor="middle">${escapeXml(panel.unit)}</text>`);
  const xStep = niceStep(xMax, 10);
  for (let minute = 0; minute <= xMax + xStep / 1000; minute += xStep) {
    parts.push(`<line x1="${x(minute).toFixed(1)}" x2="${x(minute).toFixed(1)}" y1="${top}" y2="${top + PANEL_HEIGHT}" class="grid"/>`);
    parts.push(`<text x="${x(minute).toFixed(1)}" y="${top + PANEL_HEIGHT + 15}" class="tick" text-anchor="middle">${format(minute)}</text>`);
  }
  panel.series.forEach((series, index) => {
    if (series.bars === true) {
      const barWidth = Math.max(2, (plotWidth / Math.max(1, series.points.length)) * 0.6);
      for (const [minutes, value] of series.points) {
        if (value === null || value <= axis.min) continue;
        parts.push(`<rect x="${(x(minutes) - barWidth / 2).toFixed(1)}" y="${y(value).toFixed(1)}" width="${barWidth.toFixed(1)}" height="${(top + PANEL_HEIGHT - y(value)).toFixed(1)}" fill="${series.color}"/>`);
      }
    } else {
      // A gap (null) ends one polyline and the next point starts another.
      let run: string[] = [];
      const flush = (): void => {
        if (run.length === 1) parts.push(`<circle cx="${run[0]?.split(',')[0]}" cy="${run[0]?.split(',')[1]}" r="2.5" fill="${series.color}"/>`);
        if (run.length > 1) parts.push(`<polyline points="${run.join(' ')}" fill="none" stroke="${series.color}" stroke-width="2"${series.dashed === true ? ' stroke-dasharray="6 4"' : ''}/>`);
        run = [];
      };
      for (const [minutes, value] of series.points) {
        if (value === null || !Number.isFinite(value) || (panel.log === true && value <= 0)) flush();
        else run.push(`${x(minutes).toFixed(1)},${y(value).toFixed(1)}`);
      }
      flush();
    }
    const legendY = top + 14 + index * 18;
    parts.push(series.bars === true ? `<rect x="${WIDTH - RIGHT + 12}" y="${legendY - 8}" width="18" height="10" fill="${series.color}"/>` : `<line x1="${WIDTH - RIGHT + 12}" x2="${WIDTH - RIGHT + 30}" y1="${legendY - 3}" y2="${legendY - 3}" stroke="${series.color}" stroke-width="2.5"${series.dashed === true ? ' stroke-dasharray="6 4"' : ''}/>`);
    parts.push(`<text x="${WIDTH - RIGHT + 36}" y="${legendY + 1}" class="legend">${escapeXml(series.name)}</text>`);
  });
  return parts.join('\n');
}

/** The whole chart: `title`, a subtitle line, then the panels stacked over `xMax` minutes. */
export function renderChart(title: string, subtitle: string, panels: readonly ChartPanel[], xMax: number): string {
  const height = TOP + 20 + panels.length * (PANEL_HEIGHT + GAP) + 20;
  const body = panels.map((panel, index) => renderPanel(panel, TOP + 30 + index * (PANEL_HEIGHT + GAP), xMax > 0 ? xMax : 1)).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="DejaVu Sans, Arial, sans-serif">
<style>
.title { font-size: 14px; font-weight: bold; fill: #222; }
.tick { font-size: 11px; fill: #555; }
.unit { font-size: 12px; fill: #333; }
.legend { font-size: 12px; fill: #222; }
.plot { fill: #fafafa; stroke: #999; }
.grid { stroke: #e2e2e2; stroke-width: 1; }
</style>
<rect width="100%" height="100%" fill="#fff"/>
<text x="${LEFT}" y="24" style="font-size: 17px; font-weight: bold; fill: #111;">${escapeXml(title)}</text>
<text x="${LEFT}" y="44" style="font-size: 12px; fill: #444;">${escapeXml(subtitle)}</text>
${body}
<text x="${LEFT + (WIDTH - LEFT - RIGHT) / 2}" y="${height - 8}" class="unit" text-anchor="middle">minutes into the soak</text>
</svg>
`;
}
