// The communication strategy (#/strategy): the active umbrella strategy (period, vision), for each
// of its objectives and national priorities the entities whose strategies serve it, as a tree
// that opens onto the entity objectives serving it (the objectives nobody serves stand out), the
// activities past their due day across the network, and the KPIs with their latest figure against
// target (each opening its page, #/kpi/<id>). Reads GET /api/v1/strategies, …/traceability,
// /api/v1/activities?overdue=true and /api/v1/kpis; changes nothing.

import { api, listAll } from '../api.js';
import { h, replace } from '../dom.js';
import { t, pick, formatYear } from '../i18n.js';
import { loadReference, entityName, termLabel } from '../reference.js';
import { formatDay } from '../days.js';
import { stateIcon, icon } from '../icons.js';
import { periodLabel, kpiFigure } from './common.js';

export const modules = ['strategy'];
export const titleKey = 'strategy.title';

const state = { umbrella: null, trace: null, overdue: null, kpis: null };

async function load() {
  await loadReference();
  const umbrellas = await api('/api/v1/strategies?scope=umbrella&status=active');
  state.umbrella = umbrellas.items[0] || null;
  const [trace, overdue, kpis] = await Promise.all([
    state.umbrella ? api(`/api/v1/strategies/${state.umbrella.id}/traceability`) : null,
    listAll('/api/v1/activities', { overdue: 'true' }),
    listAll('/api/v1/kpis'),
  ]);
  state.trace = trace;
  state.overdue = overdue;
  state.kpis = kpis;
}

export async function render(main, args, ctx) {
  if (!state.kpis || ctx.changedPage) await load();
  main.dataset.page = 'strategy';
  const u = state.umbrella;
  replace(main,
    h('div', { class: 'page-head' },
      h('h1', { tabindex: '-1' }, t('strategy.title')),
      u ? h('p', { class: 'muted', dataset: { testid: 'strategy-umbrella' } },
        pick(u, 'title'), ' · ', formatYear(u.period_start), '–', formatYear(u.period_end)) : null),
    u ? null : h('p', { class: 'empty-state' }, t('strategy.no_umbrella')),
    u && pick(u, 'vision') ? h('p', { class: 'strategy-vision' }, pick(u, 'vision')) : null,
    state.trace ? traceability(state.trace) : null,
    overdueList(state.overdue),
    kpiTable(state.kpis));
}

function traceability(trace) {
  const rows = trace.objectives.map((o) => {
    const entities = [...new Set(o.contributions.map((c) => c.entity_id))];
    const head = [
      h('bdi', { dir: 'ltr', class: 'trace-code' }, o.code), ' ',
      h('span', { class: 'trace-title' }, pick(o, 'title')), ' ',
      h('span', { class: 'badge muted-badge' }, termLabel('objective_kinds', o.kind)),
    ];
    if (!entities.length) {
      return h('li', { class: 'trace-node', dataset: { testid: 'trace-row', code: o.code, served: 'false' } },
        h('div', { class: 'trace-head' }, head, ' ',
          h('span', { class: 'badge unserved-badge', dataset: { testid: 'trace-unserved' } }, icon('warning'), t('strategy.trace.unserved'))));
    }
    // Each umbrella objective opens onto the entity objectives that serve it, by entity.
    return h('li', { class: 'trace-node', dataset: { testid: 'trace-row', code: o.code, served: 'true' } },
      h('details', { class: 'trace-details' },
        h('summary', { class: 'trace-head', dataset: { testid: 'trace-toggle' } }, head, ' ',
          h('span', { class: 'trace-count' }, t('strategy.trace.served_by', { count: entities.length })), ' ',
          h('span', { class: 'trace-entities' }, entities.map(entityName).join(t('strategy.list_separator')))),
        h('ul', { class: 'trace-branch', 'aria-label': t('strategy.trace.contributions', { code: o.code }) },
          entities.map((id) => h('li', { class: 'trace-entity', dataset: { entity: id } },
            h('span', { class: 'trace-entity-name' }, entityName(id)),
            h('ul', { class: 'trace-leaves' }, o.contributions.filter((c) => c.entity_id === id).map((c) =>
              h('li', { dataset: { testid: 'trace-contribution', code: c.code, entity: id } },
                h('bdi', { dir: 'ltr', class: 'trace-code' }, c.code), ' ', pick(c, 'title'),
                c.strategy_status !== 'active' ? [' ', h('span', { class: 'badge muted-badge' }, stateIcon(c.strategy_status), termLabel('strategy_statuses', c.strategy_status))] : null))))))));
  });
  const s = trace.summary;
  return h('section', { class: 'strategy-section', 'aria-labelledby': 'trace-title', dataset: { testid: 'strategy-trace' } },
    h('h2', { id: 'trace-title' }, t('strategy.trace.title')),
    h('p', { class: 'muted' }, t('strategy.trace.summary', {
      served: s.served, objectives: s.objectives, entities: s.entities_with_strategy,
    })),
    trace.entities_without_strategy.length
      ? h('p', { class: 'notice-inline', dataset: { testid: 'trace-missing' } }, t('strategy.trace.without', {
        names: trace.entities_without_strategy.map(entityName).join(t('strategy.list_separator')),
      }))
      : null,
    h('ul', { class: 'trace-tree', 'aria-label': t('strategy.trace.tree') }, rows));
}

function overdueList(items) {
  return h('section', { class: 'strategy-section', 'aria-labelledby': 'overdue-title', dataset: { testid: 'strategy-overdue' } },
    h('h2', { id: 'overdue-title' }, t('strategy.overdue.title', { count: items.length })),
    h('p', {}, h('a', { href: '#/activities?overdue=true', dataset: { testid: 'strategy-board-link' } }, t('strategy.board.open'))),
    items.length === 0 ? h('p', { class: 'empty-state' }, t('strategy.overdue.none')) : h('table', { class: 'data' },
      h('caption', { class: 'visually-hidden' }, t('strategy.overdue.caption')),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, t('strategy.activity.title')),
        h('th', { scope: 'col' }, t('strategy.activity.entity')),
        h('th', { scope: 'col' }, t('strategy.activity.due')),
        h('th', { scope: 'col' }, t('strategy.activity.status')),
        h('th', { scope: 'col' }, t('strategy.activity.progress')))),
      h('tbody', {}, items.map((a) => h('tr', { dataset: { testid: 'overdue-row' } },
        h('th', { scope: 'row' }, pick(a, 'title')),
        h('td', {}, entityName(a.entity_id)),
        h('td', {}, formatDay(a.due_date)),
        h('td', {}, termLabel('activity_statuses', a.status)),
        h('td', {}, t('strategy.percent', { value: a.progress })))))));
}

function latest(kpi) {
  const measured = kpi.periods.filter((p) => p.value !== null);
  return measured[measured.length - 1] || null;
}

function kpiTable(kpis) {
  return h('section', { class: 'strategy-section', 'aria-labelledby': 'kpi-title', dataset: { testid: 'strategy-kpis' } },
    h('h2', { id: 'kpi-title' }, t('strategy.kpi.title')),
    kpis.length === 0 ? h('p', { class: 'empty-state' }, t('strategy.kpi.none')) : h('table', { class: 'data' },
      h('caption', { class: 'visually-hidden' }, t('strategy.kpi.title')),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, t('strategy.kpi.name')),
        h('th', { scope: 'col' }, t('strategy.kpi.owner')),
        h('th', { scope: 'col' }, t('strategy.kpi.period')),
        h('th', { scope: 'col' }, t('strategy.kpi.value')),
        h('th', { scope: 'col' }, t('strategy.kpi.target')),
        h('th', { scope: 'col' }, t('strategy.kpi.status')))),
      h('tbody', {}, kpis.map((k) => {
        const p = latest(k);
        return h('tr', { dataset: { testid: 'kpi-row', code: k.code, status: k.status } },
          h('th', { scope: 'row' }, h('a', { href: `#/kpi/${k.id}`, dataset: { testid: 'kpi-link' } }, pick(k, 'name'),
            h('span', { class: 'visually-hidden' }, ` (${k.entity_id === null ? t('strategy.kpi.network') : entityName(k.entity_id)})`)),
            k.source !== 'manual' ? h('span', { class: 'badge muted-badge' }, t('strategy.kpi.automatic')) : null),
          h('td', {}, k.entity_id === null ? t('strategy.kpi.network') : entityName(k.entity_id)),
          h('td', {}, p ? periodLabel(p.period) : '—'),
          h('td', {}, p ? kpiFigure(p.value, k.unit) : '—'),
          h('td', {}, p && p.target !== null ? kpiFigure(p.target, k.unit) : '—'),
          h('td', {}, h('span', { class: `kpi-status kpi-${k.status}` }, stateIcon(k.status), termLabel('kpi_statuses', k.status))));
      }))));
}
