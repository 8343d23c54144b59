// Small SVG charts of our own (no library), shared by the capabilities: the pieces every chart
// uses (an SVG element helper, the figure with its caption, legend and data table) and a line
// chart over periods. Right-to-left aware (time runs from the right in Arabic), numbers in the
// page's numerals (the caller formats them), and each picture paired with a real data table for
// screen readers and for reading the exact numbers. Colours come from CSS classes (.series-0 …
// .series-3) so they follow the theme. js/home/charts.js builds its bars on these pieces.

import { h } from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';

/** An SVG element: attributes whose value is null/undefined are left out; text children become text nodes. */
export function svgElement(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) el.setAttribute(k, String(v));
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

const isRtl = () => document.documentElement.dir === 'rtl';

/**
 * A figure (data-testid): its caption, an optional legend, the picture (hidden from assistive
 * technology) and the same data as a table behind a disclosure labelled tableLabel.
 */
export function chartFigure(testid, caption, svg, table, legend, tableLabel) {
  const id = `chart-${testid}`;
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  return h('figure', { class: 'chart', 'aria-labelledby': `${id}-caption`, dataset: { testid } },
    h('figcaption', { id: `${id}-caption`, class: 'chart-caption' }, caption),
    legend, h('div', { class: 'chart-picture' }, svg),
    h('details', { class: 'chart-table' }, h('summary', {}, tableLabel), h('div', { class: 'table-wrap' }, table)));
}

/** The legend of series names: [{name, key}] where key is the class of its swatch ('series-0', 'line-target', …). */
export function chartLegend(entries) {
  return h('ul', { class: 'chart-legend' }, entries.map(({ name, key }) =>
    h('li', {}, h('span', { class: `chart-key ${key}`, 'aria-hidden': 'true' }), name)));
}

/** Round bounds and guide values (1, 2, 2.5 or 5 times a power of ten apart) that hold every value, with a little air. */
function scale(values) {
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (lo > 0 && lo < (hi - lo) * 0.5) lo = 0;
  if (hi === lo) {
    // One value (or one repeated): measure it from zero.
    if (lo > 0) lo = 0;
    else if (hi < 0) hi = 0;
    else hi = 1;
  }
  const pad = (hi - lo) * 0.05;
  if (lo !== 0) lo -= pad;
  hi += pad;
  const raw = (hi - lo) / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw);
  const from = Math.floor(lo / step) * step;
  const ticks = [];
  for (let v = from; v < hi + step - 1e-9; v += step) ticks.push(Math.round(v * 1e6) / 1e6);
  return { lo: ticks[0], hi: ticks[ticks.length - 1], ticks };
}

/**
 * A line chart over periods, oldest first in reading order (on the right in Arabic).
 *   points: [{key, label, short, sub, value, target, low, high, flagged}] — value and target may
 *     be null (no point); low/high (optional) shade a band around the target (e.g. "at risk");
 *     short/sub are the axis labels (two lines; sub may be empty), label names the row.
 *   opts: { valueName, targetName, bandName, format(n), periodName, tableLabel, extraColumns:
 *     [{name, cell(point)}] } — format writes a number in the page's numerals.
 * Value points carry data-period and data-value (the API's numbers) for tests and styling.
 */
export function lineChart(testid, caption, points, opts) {
  const width = 520;
  const height = 240;
  const top = 16;
  const bottom = 44;
  const axis = 48; // the value labels' side (the start edge: the right in Arabic)
  const flip = isRtl();
  const all = points.flatMap((p) => [p.value, p.target, p.low, p.high]).filter((v) => typeof v === 'number');
  const { lo, hi, ticks } = scale(all.length ? all : [0, 1]);
  const plot = width - axis - 12;
  const slot = plot / Math.max(points.length, 1);
  const xAt = (i) => {
    const pos = axis + slot * i + slot / 2;
    return flip ? width - pos : pos;
  };
  const yAt = (v) => top + (height - top - bottom) * (1 - (v - lo) / (hi - lo));
  const svg = svgElement('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart-svg line-chart', preserveAspectRatio: 'xMidYMin meet' });

  // Horizontal guides with their values.
  ticks.forEach((v, k) => {
    const y = yAt(v);
    svg.append(svgElement('line', { x1: flip ? 0 : axis, x2: flip ? width - axis : width, y1: y, y2: y, class: k === 0 ? 'chart-axis' : 'chart-guide' }));
    svg.append(svgElement('text', { x: flip ? width - 4 : 4, y: y + 4, class: 'chart-value', 'text-anchor': 'start', direction: flip ? 'rtl' : 'ltr' },
      opts.format(v)));
  });

  // The band around the target, drawn over each run of consecutive periods that have one.
  const runs = [];
  points.forEach((p, i) => {
    if (typeof p.low !== 'number' || typeof p.high !== 'number') return;
    const last = runs[runs.length - 1];
    if (last && last[last.length - 1] === i - 1) last.push(i);
    else runs.push([i]);
  });
  for (const run of runs) {
    const half = run.length === 1 ? slot / 4 : 0;
    const upper = run.map((i) => [xAt(i), yAt(points[i].high)]);
    const lower = run.map((i) => [xAt(i), yAt(points[i].low)]).reverse();
    if (half) {
      const [x] = upper[0];
      upper.splice(0, 1, [x - half, upper[0][1]], [x + half, upper[0][1]]);
      lower.splice(0, 1, [x + half, lower[0][1]], [x - half, lower[0][1]]);
    }
    svg.append(svgElement('polygon', { points: [...upper, ...lower].map(([x, y]) => `${x},${y}`).join(' '), class: 'chart-band' }));
  }

  // Lines through consecutive defined points, then the points.
  const line = (field, cls) => {
    let run = [];
    const flush = () => {
      if (run.length > 1) svg.append(svgElement('polyline', { points: run.join(' '), class: `chart-line ${cls}` }));
      run = [];
    };
    points.forEach((p, i) => {
      if (typeof p[field] === 'number') run.push(`${xAt(i)},${yAt(p[field])}`);
      else flush();
    });
    flush();
  };
  line('target', 'line-target');
  line('value', 'line-value');
  points.forEach((p, i) => {
    if (typeof p.target === 'number') {
      svg.append(svgElement('rect', { x: xAt(i) - 3.5, y: yAt(p.target) - 3.5, width: 7, height: 7, class: 'chart-target-point' }));
    }
    if (typeof p.value === 'number') {
      svg.append(svgElement('circle', { cx: xAt(i), cy: yAt(p.value), r: 4.5, class: `chart-point${p.flagged ? ' flagged' : ''}`, 'data-period': p.key, 'data-value': p.value }));
    }
    svg.append(svgElement('text', { x: xAt(i), y: height - bottom + 17, class: 'chart-label', 'text-anchor': 'middle' }, p.short));
    if (p.sub) svg.append(svgElement('text', { x: xAt(i), y: height - bottom + 33, class: 'chart-value', 'text-anchor': 'middle' }, p.sub));
  });

  const extra = opts.extraColumns || [];
  const figureOf = (v) => (typeof v === 'number' ? opts.format(v) : '—');
  const table = h('table', { class: 'data' },
    h('caption', { class: 'visually-hidden' }, caption),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, opts.periodName), h('th', { scope: 'col' }, opts.valueName),
      h('th', { scope: 'col' }, opts.targetName), extra.map((c) => h('th', { scope: 'col' }, c.name)))),
    h('tbody', {}, points.map((p) => h('tr', { dataset: { testid: `${testid}-row`, period: p.key } },
      h('th', { scope: 'row' }, p.label), h('td', { dataset: { value: p.value ?? '' } }, figureOf(p.value)),
      h('td', {}, figureOf(p.target)), extra.map((c) => h('td', {}, c.cell(p)))))));
  const legend = chartLegend([
    { name: opts.valueName, key: 'line-value' },
    { name: opts.targetName, key: 'line-target' },
    runs.length && opts.bandName ? { name: opts.bandName, key: 'chart-band' } : null,
  ].filter(Boolean));
  return chartFigure(testid, caption, svg, table, legend, opts.tableLabel);
}
