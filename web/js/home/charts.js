// Small SVG charts of our own (no library, built on the shared js/charts.js): a few dozen lines each, right-to-left aware, in the
// page's numerals, and each paired with a real data table for screen readers and for reading the
// exact numbers. Colours come from CSS classes (.series-0 … .series-3) so they follow the theme.

import { h } from '../dom.js';
import { t, formatNumber } from '../i18n.js';
import { svgElement as s, chartFigure, chartLegend } from '../charts.js';

const rtl = () => document.documentElement.dir === 'rtl';

/** A figure: its caption, the picture (hidden from assistive technology) and the same data as a table. */
function figure(testid, caption, svg, table, legend) {
  return chartFigure(testid, caption, svg, table, legend, t('home.chart.as_table'));
}

function legendOf(series) {
  return chartLegend(series.map((name, i) => ({ name, key: `series-${i}` })));
}

/**
 * Horizontal stacked bars: rows [{label, values: [n per series], href?}], series names. Bars grow
 * from the start edge (the right in Arabic).
 */
export function stackedBars(testid, caption, series, rows) {
  const width = 480;
  const labelWidth = 150;
  const barHeight = 22;
  const gap = 10;
  const max = Math.max(1, ...rows.map((r) => r.values.reduce((a, b) => a + b, 0)));
  const plot = width - labelWidth - 36;
  const height = rows.length * (barHeight + gap) + gap;
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart-svg', preserveAspectRatio: 'xMinYMin meet' });
  const flip = rtl();
  const x = (pos, w) => (flip ? width - pos - w : pos);
  rows.forEach((row, i) => {
    const y = gap + i * (barHeight + gap);
    svg.append(s('text', { x: flip ? width - 4 : 4, y: y + barHeight * 0.7, class: 'chart-label', 'text-anchor': 'start', direction: flip ? 'rtl' : 'ltr' },
      row.label.length > 20 ? `${row.label.slice(0, 19)}…` : row.label));
    let pos = labelWidth;
    row.values.forEach((v, k) => {
      if (!v) return;
      const w = (v / max) * plot;
      svg.append(s('rect', { x: x(pos, w), y, width: w, height: barHeight, rx: 3, class: `series-${k}` }));
      pos += w;
    });
    const total = row.values.reduce((a, b) => a + b, 0);
    // direction ltr: the anchor is then geometric (in an RTL page 'end' would otherwise be the
    // left edge of the text, and the total would run back over its bar).
    svg.append(s('text', { x: flip ? width - pos - 6 : pos + 6, y: y + barHeight * 0.7, class: 'chart-value', 'text-anchor': flip ? 'end' : 'start', direction: 'ltr' },
      formatNumber(total)));
  });
  const table = h('table', { class: 'data' },
    h('caption', { class: 'visually-hidden' }, caption),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('home.chart.entity')), series.map((name) => h('th', { scope: 'col' }, name)),
      h('th', { scope: 'col' }, t('home.chart.total')))),
    h('tbody', {}, rows.map((r) => h('tr', {}, h('th', { scope: 'row' }, r.label),
      r.values.map((v) => h('td', {}, formatNumber(v))), h('td', {}, formatNumber(r.values.reduce((a, b) => a + b, 0)))))));
  return figure(testid, caption, svg, table, legendOf(series));
}

/**
 * Columns over days: days [{label, short, value, flagged}], in reading order (the first day on the
 * right in Arabic). A flagged day (a conflict) gets a mark above its column.
 */
export function dayColumns(testid, caption, { valueName, flagName }, days) {
  const width = 480;
  const height = 170;
  const bottom = 28;
  const top = 18;
  const max = Math.max(1, ...days.map((d) => d.value));
  const slot = width / days.length;
  const barWidth = Math.min(28, slot * 0.6);
  const flip = rtl();
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart-svg', preserveAspectRatio: 'xMinYMin meet' });
  svg.append(s('line', { x1: 0, x2: width, y1: height - bottom, y2: height - bottom, class: 'chart-axis' }));
  days.forEach((d, i) => {
    const centre = (flip ? days.length - 1 - i : i) * slot + slot / 2;
    const bar = ((height - bottom - top) * d.value) / max;
    if (d.value) {
      svg.append(s('rect', { x: centre - barWidth / 2, y: height - bottom - bar, width: barWidth, height: bar, rx: 3, class: d.flagged ? 'series-3' : 'series-0' }));
      svg.append(s('text', { x: centre, y: height - bottom - bar - 4, class: 'chart-value', 'text-anchor': 'middle' }, formatNumber(d.value)));
    }
    if (d.flagged) svg.append(s('text', { x: centre, y: 12, class: 'chart-flag', 'text-anchor': 'middle' }, '!'));
    svg.append(s('text', { x: centre, y: height - 9, class: 'chart-label', 'text-anchor': 'middle' }, d.short));
  });
  const table = h('table', { class: 'data' },
    h('caption', { class: 'visually-hidden' }, caption),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('home.chart.day')), h('th', { scope: 'col' }, valueName), h('th', { scope: 'col' }, flagName))),
    h('tbody', {}, days.map((d) => h('tr', {}, h('th', { scope: 'row' }, d.label), h('td', {}, formatNumber(d.value)),
      h('td', {}, d.flagged ? t('home.chart.yes') : t('home.chart.no'))))));
  return figure(testid, caption, svg, table, null);
}
