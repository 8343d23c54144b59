// The network's compliance heat map (#/compliance[?period=2026]): every entity × the guide's seven
// axes, its overall score and the status of its assessment for the period (GET
// /api/v1/compliance/heatmap), each score shown as a number in a cell coloured by its band, the
// network's average below; a link per row to the entity's scorecard and, for those who may, to the
// assessment itself or a button that starts it; the heat map as CSV, PDF or a printable page in
// the page's language and digits. On phones the table becomes one card per entity.

import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { t, pick } from '../i18n.js';
import { loadReference } from '../reference.js';
import { can } from '../permissions.js';
import { field } from '../fields.js';
import { icon, stateIcon } from '../icons.js';
import {
  periodLabel, currentYear, scoreCell, bandLegend, statusLabel, axisLabel, reportLink, startAssessment,
} from './common.js';

export const modules = ['strategy'];
export const titleKey = 'strategy.heatmap.title';

const state = { key: undefined, data: null, message: null, error: null };

export async function render(main, args, ctx) {
  await loadReference(ctx.changedPage);
  const period = ctx.query?.get('period') || null;
  if (!ctx.relang || !state.data || state.key !== period) {
    state.data = await api('/api/v1/compliance/heatmap', { query: { period } });
    state.key = period;
    state.message = null;
    state.error = null;
  }
  main.dataset.page = 'compliance';
  paint(main);
}

function paint(main) {
  const d = state.data;
  const status = h('div', { class: 'form-status', role: 'status', dataset: { testid: 'heatmap-status' } }, state.message?.() || '');
  const error = h('div', { class: 'form-error', role: 'alert', dataset: { testid: 'heatmap-error' } }, state.error || '');
  const feedback = { status, error };
  replace(main,
    h('div', { class: 'page-head' },
      h('h1', { tabindex: '-1' }, t('strategy.heatmap.title')),
      h('p', { class: 'muted' }, t('strategy.heatmap.lead'))),
    toolbar(d),
    status, error,
    d.period ? [bandLegend(), table(d, feedback)] : h('p', { class: 'empty-state' }, t('strategy.heatmap.no_periods')));
}

function toolbar(d) {
  // The current year is offered even before anyone has started it, so it can be started.
  const periods = [...new Set([...(d.periods || []), currentYear(), d.period].filter(Boolean))].sort().reverse();
  const select = h('select', { id: 'heatmap-period', dataset: { testid: 'heatmap-period' } },
    periods.map((p) => h('option', { value: p }, periodLabel(p))));
  select.value = d.period || '';
  select.addEventListener('change', () => { location.hash = `#/compliance?period=${encodeURIComponent(select.value)}`; });
  const path = '/api/v1/compliance/heatmap/export';
  return h('div', { class: 'compliance-toolbar' },
    h('div', { class: 'filters' }, field(select, t('strategy.heatmap.period')).field),
    d.period ? h('div', { class: 'report-links', role: 'group', 'aria-label': t('strategy.report.downloads') },
      reportLink(path, { period: d.period, format: 'csv' }, t('strategy.report.csv'), 'heatmap-csv'),
      reportLink(path, { period: d.period, format: 'pdf' }, t('strategy.report.pdf'), 'heatmap-pdf'),
      reportLink(path, { period: d.period, format: 'html' }, t('strategy.report.html'), 'heatmap-html')) : null);
}

function table(d, feedback) {
  const scored = d.rows.filter((r) => r.overall !== null).length;
  return h('div', { class: 'table-wrap heatmap-wrap', role: 'region', tabindex: '0', 'aria-labelledby': 'heatmap-caption' },
    h('table', { class: 'data heatmap', dataset: { testid: 'heatmap' } },
      h('caption', { id: 'heatmap-caption' }, t('strategy.heatmap.caption', { period: periodLabel(d.period) })),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, t('strategy.heatmap.entity')),
        d.axes.map((axis) => h('th', { scope: 'col', class: 'axis-col' }, axisLabel(axis))),
        h('th', { scope: 'col' }, t('strategy.heatmap.overall')),
        h('th', { scope: 'col' }, t('strategy.heatmap.status')))),
      h('tbody', {}, d.rows.map((row) => h('tr', {
        class: `heatmap-row row-${row.status}`,
        dataset: { testid: 'heatmap-row', entityId: String(row.entity_id), code: row.code, status: row.status },
      },
      h('th', { scope: 'row' }, h('a', { href: `#/scorecard/${row.entity_id}`, dataset: { testid: 'heatmap-scorecard' } }, pick(row, 'name'))),
      d.axes.map((axis) => scoreCell(row.axes[axis] ?? null, { dataset: { axis } })),
      scoreCell(row.overall, { class: 'overall', dataset: { testid: 'heatmap-overall' } }),
      h('td', { class: 'status-cell' }, h('div', { class: 'status-stack' },
        h('span', { class: `status-word status-${row.status}`, dataset: { testid: 'heatmap-status-word' } }, stateIcon(row.status), statusLabel(row.status)),
        rowAction(row, d.period, feedback)))))),
      h('tbody', { class: 'average' }, h('tr', { class: 'average-row', dataset: { testid: 'heatmap-average' } },
        h('th', { scope: 'row' }, t('strategy.heatmap.average')),
        d.axes.map((axis) => scoreCell(d.average.axes[axis] ?? null, { dataset: { axis } })),
        scoreCell(d.average.overall, { class: 'overall' }),
        h('td', {}, t('strategy.heatmap.average_of', { count: scored }))))));
}

/** The assessment itself for those who may read it; "start" for those who may assess the entity. */
function rowAction(row, period, feedback) {
  if (row.assessment_id !== null && can('strategy.compliance.read', row.entity_id)) {
    return h('a', { class: 'row-action', href: `#/assessment/${row.assessment_id}`, dataset: { testid: 'heatmap-open' } },
      t('strategy.heatmap.open'), h('span', { class: 'visually-hidden' }, ` — ${pick(row, 'name')}`));
  }
  if (row.status !== 'not_started' || !can('strategy.compliance.assess', row.entity_id)) return null;
  const button = h('button', { type: 'button', class: 'small primary row-action', dataset: { testid: 'heatmap-start' } },
    icon('play'), t('strategy.assessment.start', { period: periodLabel(period) }), h('span', { class: 'visually-hidden' }, ` — ${pick(row, 'name')}`));
  button.addEventListener('click', async () => {
    button.disabled = true;
    feedback.error.textContent = '';
    feedback.status.textContent = t('strategy.assessment.starting');
    try {
      await startAssessment(row.entity_id, period);
    } catch (err) {
      button.disabled = false;
      feedback.status.textContent = '';
      state.error = err.message;
      feedback.error.textContent = err.message;
    }
  });
  return button;
}
