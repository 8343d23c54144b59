// An entity's scorecard (#/scorecard/<entity id>; without one: the caller's own entity): its latest
// compliance per axis of the guide (a bar chart with the same numbers as a table), its overall
// score over the periods, its KPIs with their status in words, its activities (open, on track,
// overdue), the PDF and printable reports in the page's language and digits, and for those who
// may assess the entity, starting (or opening) the current year's self-assessment.
// Reads GET /api/v1/scorecards/{id}; changes nothing but through startAssessment.

import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { t, pick, compare, formatNumber } from '../i18n.js';
import { loadReference, reference, termLabel, codes } from '../reference.js';
import { can } from '../permissions.js';
import { session } from '../session.js';
import { field } from '../fields.js';
import { icon, stateIcon } from '../icons.js';
import {
  periodLabel, currentYear, band, scoreText, scoreCell, bandLegend, statusLabel, statusChip, axisLabel,
  reportLink, startAssessment, kpiFigure, svg, rtl,
} from './common.js';

export const modules = ['strategy'];
export const titleKey = 'strategy.scorecard.title_plain';

const state = { id: null, card: null, error: null };

/** The entities that have a scorecard: those expected to assess themselves (not the government, not departments). */
function cardEntities() {
  return (reference().entities || []).filter((e) => e.kind === 'entity')
    .sort((a, b) => compare(pick(a, 'name'), pick(b, 'name')));
}

/** Without an id: the caller's own entity (its first membership in an entity), else the first entity. */
function defaultEntity() {
  const entities = cardEntities();
  const ids = new Set(entities.map((e) => String(e.id)));
  const own = (session.memberships || []).map((m) => String(m.entity_id)).find((id) => ids.has(id));
  return own || (entities[0] ? String(entities[0].id) : null);
}

export async function render(main, args, ctx) {
  await loadReference(ctx.changedPage);
  main.dataset.page = 'scorecard';
  const id = args[0] || defaultEntity();
  if (!id) {
    replace(main, h('h1', { tabindex: '-1' }, t('strategy.scorecard.title_plain')), h('p', { class: 'empty-state' }, t('strategy.scorecard.no_entities')));
    return;
  }
  if (!ctx.relang || !state.card || state.id !== id) {
    state.card = await api(`/api/v1/scorecards/${encodeURIComponent(id)}`);
    state.id = id;
    state.error = null;
  }
  paint(main);
}

function paint(main) {
  const c = state.card;
  const entityId = c.entity.id;
  const error = h('div', { class: 'form-error', role: 'alert', dataset: { testid: 'scorecard-error' } }, state.error || '');
  const status = h('div', { class: 'form-status', role: 'status', dataset: { testid: 'scorecard-status' } });
  const path = `/api/v1/scorecards/${entityId}/report`;
  replace(main,
    h('div', { class: 'page-head' },
      h('h1', { tabindex: '-1', dataset: { testid: 'scorecard-title' } }, t('strategy.scorecard.title', { entity: pick(c.entity, 'name') })),
      h('a', { class: 'back-link', href: '#/compliance' }, t('strategy.scorecard.to_heatmap'))),
    h('div', { class: 'compliance-toolbar' },
      entityPicker(entityId),
      h('div', { class: 'report-links', role: 'group', 'aria-label': t('strategy.report.downloads') },
        reportLink(path, { format: 'pdf' }, t('strategy.report.scorecard_pdf'), 'scorecard-pdf'),
        reportLink(path, { format: 'html' }, t('strategy.report.html'), 'scorecard-html'))),
    status, error,
    assessmentAction(c, { status, error }),
    latestSection(c),
    trendSection(c),
    kpiSection(c.kpis),
    activitySection(c.activities));
}

function entityPicker(entityId) {
  const entities = cardEntities();
  if (!entities.some((e) => String(e.id) === String(entityId))) entities.unshift({ id: entityId, name_ar: state.card.entity.name_ar, name_en: state.card.entity.name_en });
  const select = h('select', { id: 'scorecard-entity', dataset: { testid: 'scorecard-entity' } },
    entities.map((e) => h('option', { value: String(e.id) }, pick(e, 'name'))));
  select.value = String(entityId);
  select.addEventListener('change', () => { location.hash = `#/scorecard/${select.value}`; });
  return h('div', { class: 'filters' }, field(select, t('strategy.scorecard.entity')).field);
}

/** The current year's self-assessment: open it, or start it for those who may. */
function assessmentAction(c, feedback) {
  const year = currentYear();
  const entityId = c.entity.id;
  const current = c.periods.find((p) => p.period === year);
  if (current) {
    if (!can('strategy.compliance.read', entityId)) return null;
    return h('p', { class: 'scorecard-action' },
      h('a', { class: 'button primary', href: `#/assessment/${current.assessment_id}`, dataset: { testid: 'scorecard-open-current' } },
        t('strategy.scorecard.open_current', { period: periodLabel(year) })), ' ', statusChip(current.status, 'scorecard-current-status'));
  }
  if (!can('strategy.compliance.assess', entityId)) return null;
  const button = h('button', { type: 'button', class: 'primary', dataset: { testid: 'scorecard-start' } },
    icon('play'), t('strategy.assessment.start', { period: periodLabel(year) }));
  button.addEventListener('click', async () => {
    button.disabled = true;
    feedback.error.textContent = '';
    feedback.status.textContent = t('strategy.assessment.starting');
    try {
      await startAssessment(entityId, year);
    } catch (err) {
      button.disabled = false;
      feedback.status.textContent = '';
      state.error = err.message;
      feedback.error.textContent = err.message;
    }
  });
  return h('p', { class: 'scorecard-action' }, button);
}

// ---- latest compliance per axis -------------------------------------------------------------

/** The newest period with results: a draft is the entity's work in progress (the heat map shows no scores for it either). */
function latestResult(c) {
  return [...c.periods].reverse().find((p) => p.status !== 'draft' && p.scores.overall !== null) || null;
}

function latestSection(c) {
  const latest = latestResult(c);
  const newest = c.periods[c.periods.length - 1];
  const section = h('section', { class: 'strategy-section', 'aria-labelledby': 'latest-title', dataset: { testid: 'scorecard-latest' } },
    h('h2', { id: 'latest-title' }, t('strategy.scorecard.latest')));
  if (!latest) {
    section.append(h('p', { class: 'empty-state' }, t('strategy.scorecard.no_results')));
    return section;
  }
  if (newest && newest !== latest) {
    section.append(h('p', { class: 'hint', dataset: { testid: 'scorecard-newer' } }, t('strategy.scorecard.newer_in_progress', {
      newer: periodLabel(newest.period), status: statusLabel(newest.status), period: periodLabel(latest.period),
    })));
  }
  section.append(h('p', { class: 'scorecard-overall', dataset: { testid: 'scorecard-latest-overall', period: latest.period, score: latest.scores.overall } },
    h('span', { class: 'muted' }, t('strategy.scorecard.overall_for', { period: periodLabel(latest.period) })), ' ',
    h('strong', { class: `score-badge band-${band(latest.scores.overall)}` }, scoreText(latest.scores.overall)), ' ',
    statusChip(latest.status, 'scorecard-latest-status')));
  section.append(axisChart(latest));
  return section;
}

/** Horizontal bars, one per axis, growing from the start edge (the right in Arabic), 0–100. */
function axisChart(result) {
  const axes = orderedAxes(result.scores.axes);
  const width = 420;
  const labelWidth = 165;
  const valueWidth = 40;
  const barHeight = 20;
  const gap = 10;
  const plot = width - labelWidth - valueWidth;
  const height = axes.length * (barHeight + gap) + gap;
  const flip = rtl();
  const x = (pos, w) => (flip ? width - pos - w : pos);
  const picture = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart-svg', 'aria-hidden': 'true', focusable: 'false' });
  axes.forEach((axis, i) => {
    const y = gap + i * (barHeight + gap);
    const score = result.scores.axes[axis];
    const label = axisLabel(axis);
    picture.append(svg('text', { x: flip ? width - 4 : 4, y: y + barHeight * 0.72, class: 'sc-label', 'text-anchor': 'start', direction: flip ? 'rtl' : 'ltr' },
      label.length > 24 ? `${label.slice(0, 23)}…` : label));
    picture.append(svg('rect', { x: x(labelWidth, plot), y, width: plot, height: barHeight, rx: 3, class: 'sc-track' }));
    const w = score === null || score === undefined ? 0 : (Math.max(0, Math.min(100, score)) / 100) * plot;
    if (w > 0) picture.append(svg('rect', { x: x(labelWidth, w), y, width: w, height: barHeight, rx: 3, class: `sc-bar band-${band(score)}` }));
    const end = labelWidth + plot + 6;
    picture.append(svg('text', { x: flip ? width - end : end, y: y + barHeight * 0.72, class: 'sc-value', 'text-anchor': flip ? 'end' : 'start' },
      score === null || score === undefined ? '—' : scoreText(score)));
  });
  const caption = t('strategy.scorecard.axes_caption', { period: periodLabel(result.period) });
  const table = h('table', { class: 'data', dataset: { testid: 'scorecard-axes' } },
    h('caption', { class: 'visually-hidden' }, caption),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('strategy.scorecard.axis')), h('th', { scope: 'col' }, t('strategy.scorecard.score')))),
    h('tbody', {}, axes.map((axis) => h('tr', { dataset: { axis } }, h('th', { scope: 'row' }, axisLabel(axis)), scoreCell(result.scores.axes[axis] ?? null)))));
  return h('figure', { class: 'chart scorecard-chart', 'aria-labelledby': 'axes-chart-caption', dataset: { testid: 'scorecard-axes-chart' } },
    h('figcaption', { id: 'axes-chart-caption', class: 'chart-caption' }, caption),
    picture, bandLegend(),
    h('details', { class: 'chart-table' }, h('summary', {}, t('strategy.chart.as_table')), h('div', { class: 'table-wrap' }, table)));
}

/** The axes in the guide's order (the vocabulary's), then any other the scores name. */
function orderedAxes(axes) {
  const known = Object.keys(axes || {});
  const order = codes('axes');
  return [...order.filter((a) => known.includes(a)), ...known.filter((a) => !order.includes(a))];
}

// ---- trend ----------------------------------------------------------------------------------

function trendSection(c) {
  const section = h('section', { class: 'strategy-section', 'aria-labelledby': 'trend-title', dataset: { testid: 'scorecard-trend' } },
    h('h2', { id: 'trend-title' }, t('strategy.scorecard.trend')));
  if (!c.periods.length) {
    section.append(h('p', { class: 'empty-state' }, t('strategy.scorecard.no_periods')));
    return section;
  }
  const mayRead = can('strategy.compliance.read', c.entity.id);
  section.append(trendChart(c.periods),
    h('table', { class: 'data', dataset: { testid: 'scorecard-periods' } },
      h('caption', { class: 'visually-hidden' }, t('strategy.scorecard.trend')),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, t('strategy.scorecard.period')),
        h('th', { scope: 'col' }, t('strategy.scorecard.status')),
        h('th', { scope: 'col' }, t('strategy.scorecard.overall')),
        mayRead ? h('th', { scope: 'col' }, t('strategy.scorecard.assessment')) : null)),
      h('tbody', {}, [...c.periods].reverse().map((p) => {
        const provisional = p.status === 'draft';
        return h('tr', { dataset: { testid: 'scorecard-period', period: p.period, status: p.status } },
          h('th', { scope: 'row' }, periodLabel(p.period)),
          h('td', {}, h('span', { class: 'state-label' }, stateIcon(p.status), statusLabel(p.status))),
          provisional ? scoreCell(null) : scoreCell(p.scores.overall, { dataset: { testid: 'scorecard-period-overall' } }),
          mayRead ? h('td', {}, h('a', { href: `#/assessment/${p.assessment_id}` }, t('strategy.scorecard.open_assessment'),
            h('span', { class: 'visually-hidden' }, ` ${periodLabel(p.period)}`))) : null);
      }))));
  return section;
}

/** Columns of the overall score per period, oldest first in reading order (on the right in Arabic). */
function trendChart(periods) {
  const width = 420;
  const height = 170;
  const bottom = 28;
  const top = 20;
  const slot = width / Math.max(periods.length, 1);
  const barWidth = Math.min(40, slot * 0.5);
  const flip = rtl();
  const picture = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart-svg trend-svg', 'aria-hidden': 'true', focusable: 'false' });
  picture.append(svg('line', { x1: 0, x2: width, y1: height - bottom, y2: height - bottom, class: 'sc-axis' }));
  periods.forEach((p, i) => {
    const centre = (flip ? periods.length - 1 - i : i) * slot + slot / 2;
    const score = p.status === 'draft' ? null : p.scores.overall;
    if (score !== null && score !== undefined) {
      const bar = ((height - bottom - top) * Math.max(0, Math.min(100, score))) / 100;
      picture.append(svg('rect', { x: centre - barWidth / 2, y: height - bottom - bar, width: barWidth, height: bar, rx: 3, class: `sc-bar band-${band(score)}` }));
      picture.append(svg('text', { x: centre, y: height - bottom - bar - 5, class: 'sc-value', 'text-anchor': 'middle' }, scoreText(score)));
    } else {
      picture.append(svg('text', { x: centre, y: height - bottom - 6, class: 'sc-value', 'text-anchor': 'middle' }, '—'));
    }
    picture.append(svg('text', { x: centre, y: height - 8, class: 'sc-label', 'text-anchor': 'middle' }, periodLabel(p.period)));
  });
  return h('figure', { class: 'chart scorecard-chart', 'aria-hidden': 'true' }, picture);
}

// ---- KPIs and activities --------------------------------------------------------------------

function kpiSection(kpis) {
  return h('section', { class: 'strategy-section', 'aria-labelledby': 'sc-kpi-title', dataset: { testid: 'scorecard-kpis' } },
    h('h2', { id: 'sc-kpi-title' }, t('strategy.kpi.title')),
    kpis.items.length === 0 ? h('p', { class: 'empty-state' }, t('strategy.kpi.none')) : h('table', { class: 'data' },
      h('caption', { class: 'visually-hidden' }, t('strategy.kpi.title')),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, t('strategy.kpi.name')),
        h('th', { scope: 'col' }, t('strategy.kpi.period')),
        h('th', { scope: 'col' }, t('strategy.kpi.value')),
        h('th', { scope: 'col' }, t('strategy.kpi.target')),
        h('th', { scope: 'col' }, t('strategy.kpi.status')))),
      h('tbody', {}, kpis.items.map((k) => h('tr', { dataset: { testid: 'scorecard-kpi', code: k.code, status: k.status } },
        h('th', { scope: 'row' }, h('a', { href: `#/kpi/${k.id}`, dataset: { testid: 'kpi-link' } }, pick(k, 'name'))),
        h('td', {}, k.period ? periodLabel(k.period) : '—'),
        h('td', {}, k.value !== null ? kpiFigure(k.value, k.unit) : '—'),
        h('td', {}, k.target !== null ? kpiFigure(k.target, k.unit) : '—'),
        h('td', {}, h('span', { class: `kpi-status kpi-${k.status}` }, stateIcon(k.status), termLabel('kpi_statuses', k.status))))))));
}

function activitySection(a) {
  const share = a.on_track_share === null ? t('strategy.scorecard.no_open') : t('strategy.percent', { value: a.on_track_share });
  const tile = (testid, value, label, attention = false) => h('li', { class: `stat${attention ? ' attention' : ''}`, dataset: { testid } },
    h('span', { class: 'stat-value' }, value), h('span', { class: 'stat-label' }, label));
  return h('section', { class: 'strategy-section', 'aria-labelledby': 'sc-act-title', dataset: { testid: 'scorecard-activities' } },
    h('h2', { id: 'sc-act-title' }, t('strategy.scorecard.activities')),
    h('ul', { class: 'stats' },
      tile('activities-total', formatNumber(a.total), t('strategy.scorecard.act_total')),
      tile('activities-open', formatNumber(a.open), t('strategy.scorecard.act_open')),
      tile('activities-on-track', share, t('strategy.scorecard.act_on_track', { count: a.on_track })),
      tile('activities-overdue', formatNumber(a.overdue), t('strategy.scorecard.act_overdue'), a.overdue > 0)),
    Object.keys(a.by_status || {}).length ? h('ul', { class: 'chips', 'aria-label': t('strategy.scorecard.act_by_status') },
      Object.entries(a.by_status).map(([s, n]) => h('li', { class: 'chip' }, `${termLabel('activity_statuses', s)}: ${formatNumber(n)}`))) : null);
}
