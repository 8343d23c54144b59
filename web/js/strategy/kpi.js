// A KPI (#/kpi/<id>): what it measures and who owns it (an entity or the whole network), its unit,
// direction, frequency, baseline, source (measured by people, or computed from a named source of
// another module) and status in words; a line chart of the value per period against the target
// per period, with the "at risk" band under the target (time runs from the right in Arabic; the
// numbers as a table beside it); and for those who may measure it (strategy.kpis.measure in its
// entity, or everywhere for a network KPI), recording a period's measurement — an ended period
// needs a reason, the server's 422 is shown beside its field — or, for a computed KPI, refreshing
// a period from its source. Reads GET /api/v1/kpis/{id} and /api/v1/kpi-sources; writes
// PUT /api/v1/kpis/{id}/measurements/{period} and POST /api/v1/kpis/{id}/refresh.

import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { t, pick, has, formatYear, formatDateTime, dayFormat } from '../i18n.js';
import { loadReference, entityName, termLabel } from '../reference.js';
import { can } from '../permissions.js';
import { field, showFieldProblem } from '../fields.js';
import { today } from '../days.js';
import { lineChart } from '../charts.js';
import { periodLabel, kpiFigure } from './common.js';
import { person } from '../people.js';
import { icon, stateIcon } from '../icons.js';

export const modules = ['strategy'];
export const titleKey = 'strategy.kpi.page_title';

const state = { id: null, kpi: null, sources: null, message: null, draft: {} };

export async function render(main, args, ctx) {
  const id = args[0];
  if (!ctx.relang || !state.kpi || state.id !== id) {
    await loadReference(ctx.changedPage);
    const [kpi, sources] = await Promise.all([
      api(`/api/v1/kpis/${encodeURIComponent(id)}`),
      state.sources ? state.sources : api('/api/v1/kpi-sources').then((r) => r.items || []),
    ]);
    Object.assign(state, { id, kpi, sources, message: null, draft: {} });
  }
  main.dataset.page = 'kpi';
  paint(main);
}

// ---- periods --------------------------------------------------------------------------------

/** The period a day falls in for the frequency: "2026", "2026-Q3" or "2026-09". */
function periodOf(frequency, day) {
  const year = day.slice(0, 4);
  const month = Number(day.slice(5, 7));
  if (frequency === 'yearly') return year;
  if (frequency === 'quarterly') return `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
  return `${year}-${day.slice(5, 7)}`;
}

/** The period before a period code of the frequency. */
function previous(frequency, code) {
  const year = Number(code.slice(0, 4));
  if (frequency === 'yearly') return String(year - 1);
  if (frequency === 'quarterly') {
    const q = Number(code.slice(6));
    return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
  }
  const m = Number(code.slice(5));
  return m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, '0')}`;
}

/** Periods that may be measured: the current one and the eight before it, with any older one the KPI has; newest first. */
function measurablePeriods(kpi) {
  const current = periodOf(kpi.frequency, today());
  const list = [current];
  for (let i = 0; i < 8; i++) list.push(previous(kpi.frequency, list[list.length - 1]));
  for (const p of kpi.periods) if (p.period <= current && !list.includes(p.period)) list.push(p.period);
  return list.sort().reverse();
}

/** The chart's two-line axis label of a period: "Q3" over "2026", the month over its year, or the year. */
function axisLabels(code, i, periods) {
  const year = code.slice(0, 4);
  const firstOfYear = i === 0 || periods[i - 1].period.slice(0, 4) !== year;
  let m = /^\d{4}-Q([1-4])$/.exec(code);
  if (m) return { short: t('strategy.kpi.quarter_short', { quarter: Number(m[1]) }), sub: firstOfYear ? formatYear(year) : '' };
  m = /^\d{4}-(\d{2})$/.exec(code);
  if (m) {
    const short = dayFormat({ month: 'short' }).format(new Date(Date.UTC(Number(year), Number(m[1]) - 1, 1)));
    return { short, sub: firstOfYear ? formatYear(year) : '' };
  }
  return { short: periodLabel(code), sub: '' };
}

// ---- the page -------------------------------------------------------------------------------

function unitLabel(unit) {
  if (!unit) return '—';
  return has(`strategy.unit.${unit}`) ? t(`strategy.unit.${unit}`) : unit;
}

function sourceName(kpi) {
  if (kpi.source === 'manual') return t('strategy.kpi.source_manual');
  const source = (state.sources || []).find((s) => s.code === kpi.source);
  return t('strategy.kpi.source_automatic', { source: source ? pick(source, 'name') : kpi.source });
}

function mayMeasure(kpi) {
  return can('strategy.kpis.measure', kpi.entity_id);
}

function paint(main) {
  const k = state.kpi;
  const status = h('div', { class: 'form-status', role: 'status', dataset: { testid: 'kpi-message' } }, state.message ? state.message() : '');
  replace(main,
    h('div', { class: 'page-head' },
      h('h1', { tabindex: '-1', dataset: { testid: 'kpi-title' } }, pick(k, 'name')),
      h('a', { class: 'back-link', href: '#/strategy' }, t('strategy.kpi.back'))),
    facts(k),
    status,
    chartSection(k),
    mayMeasure(k) ? (k.source === 'manual' ? recordForm(k, main) : refreshForm(k, main)) : null);
}

function facts(k) {
  const row = (label, value, testid) => [h('dt', {}, label), h('dd', { dataset: { testid } }, value)];
  return h('dl', { class: 'facts kpi-facts', dataset: { testid: 'kpi-facts' } },
    row(t('strategy.kpi.owner_label'), k.entity_id === null ? t('strategy.kpi.network') : entityName(k.entity_id), 'kpi-owner'),
    row(t('strategy.kpi.unit'), unitLabel(k.unit), 'kpi-unit'),
    row(t('strategy.kpi.direction'), termLabel('kpi_directions', k.direction), 'kpi-direction'),
    row(t('strategy.kpi.frequency'), termLabel('kpi_frequencies', k.frequency), 'kpi-frequency'),
    row(t('strategy.kpi.baseline'), k.baseline === null ? '—' : kpiFigure(k.baseline, k.unit), 'kpi-baseline'),
    row(t('strategy.kpi.source'), sourceName(k), 'kpi-source'),
    row(t('strategy.kpi.status'), h('span', { class: `kpi-status kpi-${k.status}`, dataset: { status: k.status } },
      stateIcon(k.status), termLabel('kpi_statuses', k.status)), 'kpi-status'));
}

/** The slack around a target within which a figure is "at risk" (the server's rule: a share of the target). */
function band(k, target) {
  if (typeof target !== 'number' || !k.at_risk_margin) return {};
  const slack = (Math.abs(target) * k.at_risk_margin) / 100;
  return k.direction === 'up' ? { low: target - slack, high: target } : { low: target, high: target + slack };
}

function chartSection(k) {
  const section = h('section', { class: 'strategy-section', 'aria-labelledby': 'kpi-chart-title' },
    h('h2', { id: 'kpi-chart-title' }, t('strategy.kpi.chart_title')));
  if (!k.periods.length) {
    section.append(h('p', { class: 'empty-state', dataset: { testid: 'kpi-no-periods' } }, t('strategy.kpi.no_periods')));
    return section;
  }
  const points = k.periods.map((p, i) => ({
    key: p.period, label: periodLabel(p.period), ...axisLabels(p.period, i, k.periods),
    value: p.value, target: p.target, ...band(k, p.target), flagged: p.status === 'off_track', status: p.status, raw: p,
  }));
  const recorded = (p) => {
    const r = p.raw;
    if (r.value === null) return '—';
    const how = r.origin === 'source' ? t('strategy.kpi.origin_source') : t('strategy.kpi.origin_manual');
    return [how, ' · ', person(r.recorded_by), ' · ', formatDateTime(r.recorded_at)];
  };
  section.append(
    h('p', { class: 'hint' }, t(k.direction === 'up' ? 'strategy.kpi.band_up' : 'strategy.kpi.band_down', { margin: k.at_risk_margin })),
    lineChart('kpi-chart', t('strategy.kpi.chart_caption', { name: pick(k, 'name'), unit: unitLabel(k.unit) }), points, {
      valueName: t('strategy.kpi.value'),
      targetName: t('strategy.kpi.target'),
      bandName: t('strategy.kpi.band'),
      periodName: t('strategy.kpi.period_col'),
      tableLabel: t('strategy.chart.as_table'),
      format: (n) => kpiFigure(n, k.unit),
      extraColumns: [
        { name: t('strategy.kpi.status'), cell: (p) => termLabel('kpi_statuses', p.status) },
        { name: t('strategy.kpi.recorded'), cell: recorded },
        { name: t('strategy.kpi.reason'), cell: (p) => p.raw.reason || '—' },
      ],
    }));
  return section;
}

// ---- recording and refreshing ----------------------------------------------------------------

function periodSelect(id, k) {
  const periods = measurablePeriods(k);
  const select = h('select', { id, dataset: { testid: id } }, periods.map((p) => h('option', { value: p }, periodLabel(p))));
  select.value = state.draft.period && periods.includes(state.draft.period) ? state.draft.period : periods[0];
  select.addEventListener('change', () => { state.draft.period = select.value; });
  return select;
}

function done(main, message) {
  state.draft = {};
  state.message = message;
  paint(main);
  main.querySelector('[data-testid="kpi-chart"]')?.scrollIntoView({ block: 'nearest' });
}

function recordForm(k, main) {
  const period = field(periodSelect('kpi-record-period', k), t('strategy.kpi.record_period'), { error: true });
  const valueInput = h('input', { id: 'kpi-record-value', type: 'number', step: 'any', inputmode: 'decimal', required: true, dataset: { testid: 'kpi-record-value' } });
  valueInput.value = state.draft.value ?? '';
  valueInput.addEventListener('input', () => { state.draft.value = valueInput.value; });
  const value = field(valueInput, t('strategy.kpi.record_value', { unit: unitLabel(k.unit) }), { error: true });
  const reasonInput = h('textarea', { id: 'kpi-record-reason', rows: 2, maxlength: 2000, dataset: { testid: 'kpi-record-reason' } });
  reasonInput.value = state.draft.reason ?? '';
  reasonInput.addEventListener('input', () => { state.draft.reason = reasonInput.value; });
  const reason = field(reasonInput, t('strategy.kpi.record_reason'), { hint: t('strategy.kpi.record_reason_hint'), error: true });
  const error = h('div', { class: 'form-error', role: 'alert', dataset: { testid: 'kpi-record-error' } });
  const submit = h('button', { type: 'submit', class: 'primary', dataset: { testid: 'kpi-record-submit' } }, icon('chart'), t('strategy.kpi.record_submit'));
  const form = h('form', { class: 'kpi-form', 'aria-labelledby': 'kpi-record-title', dataset: { testid: 'kpi-record' }, novalidate: true },
    h('h2', { id: 'kpi-record-title' }, t('strategy.kpi.record_title')),
    period.field, value.field, reason.field, error, h('div', { class: 'form-actions' }, submit));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    for (const slot of [period.error, value.error, reason.error, error]) slot.textContent = '';
    for (const c of form.querySelectorAll('[aria-invalid]')) c.removeAttribute('aria-invalid');
    const chosen = period.control.value;
    const text = valueInput.value.trim();
    const number = Number(text);
    if (text === '' || !Number.isFinite(number)) {
      value.error.textContent = t('strategy.kpi.record_value_needed');
      valueInput.setAttribute('aria-invalid', 'true');
      valueInput.focus();
      return;
    }
    const body = { value: number };
    if (reasonInput.value.trim()) body.reason = reasonInput.value.trim();
    submit.disabled = true;
    try {
      state.kpi = await api(`/api/v1/kpis/${k.id}/measurements/${encodeURIComponent(chosen)}`, { method: 'PUT', body });
      done(main, () => t('strategy.kpi.recorded_message', { value: kpiFigure(number, k.unit), period: periodLabel(chosen) }));
    } catch (err) {
      submit.disabled = false;
      showFieldProblem(err, { period, value, reason }, error)?.focus();
    }
  });
  return h('section', { class: 'strategy-section' }, form);
}

function refreshForm(k, main) {
  const period = field(periodSelect('kpi-refresh-period', k), t('strategy.kpi.record_period'), { error: true });
  const error = h('div', { class: 'form-error', role: 'alert', dataset: { testid: 'kpi-refresh-error' } });
  const submit = h('button', { type: 'submit', class: 'primary', dataset: { testid: 'kpi-refresh' } }, icon('refresh'), t('strategy.kpi.refresh'));
  const form = h('form', { class: 'kpi-form', 'aria-labelledby': 'kpi-refresh-title', dataset: { testid: 'kpi-refresh-form' } },
    h('h2', { id: 'kpi-refresh-title' }, t('strategy.kpi.refresh_title')),
    h('p', { class: 'hint' }, t('strategy.kpi.refresh_hint', { source: sourceName(k) })),
    period.field, error, h('div', { class: 'form-actions' }, submit));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    period.error.textContent = '';
    error.textContent = '';
    const chosen = period.control.value;
    submit.disabled = true;
    try {
      state.kpi = await api(`/api/v1/kpis/${k.id}/refresh`, { method: 'POST', body: { period: chosen } });
      const got = state.kpi.periods.find((p) => p.period === chosen);
      done(main, () => t('strategy.kpi.refreshed_message', {
        value: got && got.value !== null ? kpiFigure(got.value, k.unit) : '—', period: periodLabel(chosen),
      }));
    } catch (err) {
      submit.disabled = false;
      showFieldProblem(err, { period }, error);
    }
  });
  return h('section', { class: 'strategy-section' }, form);
}
