// Crises and drills (#/crises): active ones first, each with its severity, kind (a drill marked as
// such), lead entity and declaration time, filtered by status and kind (GET /api/v1/crises);
// #/crises/new: the declaration form for those who may declare for some entity (POST
// /api/v1/crises); #/crises/<id>: the room (room.js), where notifications lead. Network admins find
// the webhook subscribers of the statements (#/crisis-webhooks, webhooks.js) linked here.
//
// The form's values live in `state.draft`, so a language or digit switch (which re-renders in
// place) keeps them.

import { api, listAll } from '../api.js';
import { h, replace } from '../dom.js';
import { t, pick, compare, formatDateTime } from '../i18n.js';
import { loadReference, vocabularyOptions, entityName, reference } from '../reference.js';
import { entitiesWhere, can } from '../permissions.js';
import { inputField, selectField, choiceGroup, showFieldProblem } from '../fields.js';
import { icon } from '../icons.js';
import { severityBadge, kindBadge, statusChip, label } from './shared.js';
import { renderRoom } from './room.js';

export const modules = ['crisis'];
export const titleKey = 'crisis.title';

const state = {
  filters: { status: '', kind: '' },
  items: null,
  draft: null,
};

export async function render(main, args, ctx) {
  main.dataset.page = 'crises';
  await loadReference(ctx.changedPage);
  const [id] = args;
  if (id === 'new') {
    if (!ctx.relang || !state.draft) state.draft = emptyDraft();
    return paintDeclare(main, ctx);
  }
  if (id) return renderRoom(main, id, ctx);
  if (!ctx.relang || !state.items) await loadList();
  return paintList(main, ctx);
}

const declarable = () => entitiesWhere('crisis.declare')
  .sort((a, b) => compare(pick(a, 'name'), pick(b, 'name')));

// ---- list ------------------------------------------------------------------------------------

async function loadList() {
  const items = await listAll('/api/v1/crises', state.filters);
  // Active first, then the newest declaration.
  state.items = items.sort((a, b) => (a.status === 'active' ? 0 : 1) - (b.status === 'active' ? 0 : 1)
    || b.declared_at.localeCompare(a.declared_at) || b.id - a.id);
}

function paintList(main, ctx) {
  const filter = (name, vocabulary) => {
    const built = selectField(`crisis-filter-${name}`, t(`crisis.filter.${name}`),
      [{ value: '', label: t(`crisis.filter.all_${name}`) }, ...vocabularyOptions(vocabulary)], state.filters[name],
      { dataset: { testid: `crisis-filter-${name}` } });
    built.select.addEventListener('change', async () => {
      state.filters[name] = built.select.value;
      try {
        await loadList();
        paintList(main, ctx);
        main.querySelector(`#crisis-filter-${name}`)?.focus();
      } catch (err) {
        ctx.notify(err);
      }
    });
    return built.field;
  };
  replace(main,
    h('div', { class: 'page-head' },
      h('h1', { tabindex: '-1' }, t('crisis.title')),
      h('p', { class: 'muted' }, t('crisis.lead')),
      // The public page (web/alerts.html, no sign-in): what the public sees of published statements.
      h('a', { class: 'crisis-public-link', href: 'alerts.html', dataset: { testid: 'crisis-public-link' } }, t('crisis.public_alerts')),
      // Network admins: the outside systems every published statement is sent to (webhooks.js).
      can('crisis.webhooks')
        ? h('a', { class: 'crisis-public-link', href: '#/crisis-webhooks', dataset: { testid: 'crisis-webhooks-link' } }, t('crisis.webhooks.link')) : null,
      declarable().length
        ? h('a', { class: 'button primary', href: '#/crises/new', dataset: { testid: 'crisis-declare' } }, icon('flag'), t('crisis.declare.button')) : null),
    h('form', { class: 'filters crisis-filters', role: 'search', dataset: { testid: 'crisis-filters' }, onsubmit: (e) => e.preventDefault() },
      filter('status', 'crisis_statuses'),
      filter('kind', 'crisis_kinds')),
    h('p', { class: 'muted', role: 'status', dataset: { testid: 'crisis-count' } }, t('crisis.count', { count: state.items.length })),
    listTable());
}

function listTable() {
  if (!state.items.length) return h('p', { class: 'empty-state', dataset: { testid: 'crisis-list' } }, t('crisis.empty'));
  return h('div', { class: 'table-wrap' },
    h('table', { class: 'data crises-table', dataset: { testid: 'crisis-list' } },
      h('thead', {}, h('tr', {},
        ['title', 'severity', 'type', 'lead', 'declared', 'status'].map((c) => h('th', { scope: 'col' }, t(`crisis.col.${c}`))))),
      h('tbody', {}, state.items.map((c) => h('tr', {
        class: c.status === 'closed' ? 'inactive' : null,
        dataset: { testid: 'crisis-item', id: String(c.id), status: c.status, kind: c.kind },
      },
      h('th', { scope: 'row' }, h('a', { href: `#/crises/${c.id}` }, pick(c, 'title')), kindBadge(c.kind)),
      h('td', {}, severityBadge(c.severity)),
      h('td', {}, label('crisis_types', c.crisis_type)),
      h('td', {}, entityName(c.lead_entity_id)),
      h('td', {}, h('time', { datetime: c.declared_at }, formatDateTime(c.declared_at))),
      h('td', {}, statusChip(c.status)))))));
}

// ---- declaration -----------------------------------------------------------------------------

function emptyDraft() {
  // An entity before its departments: the first whose parent is not among them.
  const mine = declarable();
  const lead = mine.find((e) => !mine.some((p) => p.id === e.parent_id)) || mine[0];
  return {
    kind: '', crisis_type: '', severity: '', lead_entity_id: lead ? String(lead.id) : '',
    title_ar: '', title_en: '', situation_ar: '', situation_en: '', affected_entity_ids: [], themes: [],
  };
}

function paintDeclare(main, ctx) {
  const d = state.draft;
  const ref = reference();
  const bind = (control, key) => {
    control.addEventListener('input', () => { d[key] = control.value; });
    control.addEventListener('change', () => { d[key] = control.value; });
    return control;
  };
  const text = (key, lang, multiline = false) => {
    const built = inputField(`crisis-${key}`, t(`crisis.field.${key}`), {
      tag: multiline ? 'textarea' : 'input', value: d[key], lang, rows: multiline ? 3 : undefined,
      maxlength: multiline ? 4000 : 300, required: !multiline, error: true, dataset: { testid: `crisis-${key}` },
    });
    bind(built.input, key);
    return built;
  };
  const choose = (key, options, extra = {}) => {
    const built = selectField(`crisis-${key}`, t(`crisis.field.${key}`), [{ value: '', label: t('crisis.field.choose') }, ...options], d[key],
      { required: true, error: true, dataset: { testid: `crisis-${key}` }, ...extra });
    bind(built.select, key);
    return built;
  };
  const fields = {
    crisis_type: choose('crisis_type', vocabularyOptions('crisis_types')),
    severity: choose('severity', vocabularyOptions('crisis_severities').map((o) => ({ ...o, label: label('crisis_severities', o.value) }))),
    lead_entity_id: choose('lead_entity_id', declarable().map((e) => ({ value: String(e.id), label: pick(e, 'name') }))),
    title_ar: text('title_ar', 'ar'),
    title_en: text('title_en', 'en'),
    situation_ar: text('situation_ar', 'ar', true),
    situation_en: text('situation_en', 'en', true),
  };
  fields.lead_entity_id.select.addEventListener('change', () => {
    d.affected_entity_ids = d.affected_entity_ids.filter((id) => id !== d.lead_entity_id);
    paintDeclare(main, ctx);
    main.querySelector('#crisis-lead_entity_id')?.focus();
  });
  const kindError = h('p', { id: 'crisis-kind-error', class: 'field-error' });
  const kind = choiceGroup('crisis-kind', t('crisis.field.kind'), vocabularyOptions('crisis_kinds'), [d.kind],
    { type: 'radio', required: true, onChange: ([value]) => { d.kind = value; } });
  kind.append(kindError);
  kind.setAttribute('aria-describedby', kindError.id);
  fields.kind = { error: kindError, control: kind.querySelector('input') };
  const affected = (ref.entities || []).filter((e) => String(e.id) !== d.lead_entity_id && e.kind !== 'government')
    .sort((a, b) => compare(pick(a, 'name'), pick(b, 'name')))
    .map((e) => ({ value: String(e.id), label: pick(e, 'name') }));
  const general = h('div', { class: 'form-error', role: 'alert', dataset: { testid: 'crisis-declare-error' } });

  const form = h('form', { class: 'card crisis-form', novalidate: true, dataset: { testid: 'crisis-declare-form' } },
    general,
    kind,
    h('div', { class: 'meta-grid' }, fields.crisis_type.field, fields.severity.field, fields.lead_entity_id.field),
    h('div', { class: 'two-col' }, fields.title_ar.field, fields.title_en.field),
    h('div', { class: 'two-col' }, fields.situation_ar.field, fields.situation_en.field),
    choiceGroup('crisis-affected', t('crisis.field.affected'), affected, d.affected_entity_ids,
      { onChange: (values) => { d.affected_entity_ids = values; } }),
    choiceGroup('crisis-themes', t('crisis.field.themes'), (ref.themes || []).map((x) => ({ value: x.code, label: pick(x, 'name') })), d.themes,
      { onChange: (values) => { d.themes = values; } }),
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'primary', dataset: { testid: 'crisis-declare-submit' } }, icon('flag'), t('crisis.declare.submit')),
      h('a', { class: 'button', href: '#/crises' }, t('crisis.cancel'))));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    declare(form, fields, general).catch(ctx.notify);
  });
  replace(main,
    h('p', {}, h('a', { href: '#/crises' }, t('crisis.back'))),
    h('div', { class: 'page-head' },
      h('h1', { tabindex: '-1' }, t('crisis.declare.title')),
      h('p', { class: 'muted' }, t('crisis.declare.lead'))),
    form);
}

async function declare(form, fields, general) {
  const d = state.draft;
  general.textContent = '';
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  for (const f of Object.values(fields)) if (f.error) f.error.textContent = '';
  const missing = ['kind', 'crisis_type', 'severity', 'lead_entity_id', 'title_ar', 'title_en'].find((k) => !String(d[k]).trim());
  if (missing) {
    showFieldProblem({ field: missing, message: t('crisis.form.missing', { field: t(`crisis.field.${missing}`) }) }, fields, general)?.focus();
    return;
  }
  const body = {
    kind: d.kind, crisis_type: d.crisis_type, severity: d.severity, lead_entity_id: Number(d.lead_entity_id),
    affected_entity_ids: d.affected_entity_ids.map(Number), themes: d.themes,
  };
  for (const key of ['title_ar', 'title_en', 'situation_ar', 'situation_en']) body[key] = d[key].trim();
  const submit = form.querySelector('button[type="submit"]');
  submit.disabled = true;
  try {
    const crisis = await api('/api/v1/crises', { method: 'POST', body });
    state.draft = null;
    state.items = null;
    location.hash = `#/crises/${crisis.id}`;
  } catch (err) {
    if (err.name === 'AbortError') return;
    const control = showFieldProblem(err, fields, general);
    (control || general).focus?.();
  } finally {
    submit.disabled = false;
  }
}
