// The fact sheet (#/facts): approved figures, names and dates with their Arabic and English
// values, as-of date, source, approver, validity and state; editors add and edit facts (editing an
// approved fact sends it back to draft), entity admins approve. A search box narrows the table as
// one types (label, values, key, source, entity; folded like the members page) in the browser. Server refusals are shown with
// the server's own words; a stale edit (412) offers a reload.

import { api, listAll, etag } from '../api.js';
import { h, replace, fold } from '../dom.js';
import { t, pick, compare } from '../i18n.js';
import { loadReference, entityName } from '../reference.js';
import { can, entitiesWhere } from '../permissions.js';
import { selectField, inputField, langBlock, conflictNotice } from '../fields.js';
import { formatDay } from '../days.js';
import { stateChip, timeEl } from './common.js';
import { person } from '../people.js';
import { icon } from '../icons.js';

export const modules = ['messaging'];
export const titleKey = 'messaging.facts.title';

const filters = { state: '', q: '' };
let facts = []; // the last answer for the state filter; the search narrows it here
let ref = null;
let ctxRef = null;
let view = null;

export async function render(main, args, ctx) {
  ctxRef = ctx;
  ref = await loadReference(ctx.changedPage);
  main.dataset.page = 'facts';
  const state = selectField('facts-state', t('messaging.filter.state'),
    [{ value: '', label: t('messaging.filter.all') }, ...['draft', 'approved'].map((s) => ({ value: s, label: t(`messaging.state.${s}`) }))],
    filters.state, { dataset: { testid: 'facts-filter-state' } });
  state.select.addEventListener('change', () => {
    filters.state = state.select.value;
    paintTable().catch(ctx.notify);
  });
  const search = inputField('facts-search', t('messaging.facts.search'), {
    value: filters.q, type: 'search', autocomplete: 'off', dir: 'auto', dataset: { testid: 'facts-search' },
  });
  search.input.addEventListener('input', () => {
    filters.q = search.input.value;
    paintRows();
  });
  const formSlot = h('div', { class: 'form-slot' });
  const status = h('div', { class: 'form-status', role: 'status', dataset: { testid: 'facts-status' } });
  const error = h('div', { class: 'form-error', role: 'alert', dataset: { testid: 'facts-error' } });
  const table = h('div', { class: 'facts-slot' });
  replace(main,
    h('div', { class: 'page-head' },
      h('h1', { tabindex: '-1' }, t('messaging.facts.title')),
      can('messaging.facts.write') ? h('button', {
        type: 'button', class: 'primary', dataset: { testid: 'fact-new' },
        onclick: () => openForm(null),
      }, icon('add'), t('messaging.facts.new')) : null),
    h('form', { class: 'filters', role: 'search', 'aria-label': t('messaging.filter.label'), onsubmit: (e) => e.preventDefault() }, search.field, state.field),
    formSlot, status, error, table);
  view = { formSlot, status, error, table };
  await paintTable();
}

async function paintTable() {
  facts = (await listAll('/api/v1/facts', { state: filters.state }))
    .sort((a, b) => compare(pick(a, 'label'), pick(b, 'label')));
  paintRows();
}

function haystack(f) {
  return fold([f.label_ar, f.label_en, f.value_ar, f.value_en, f.key, f.source,
    entityName(f.owner_entity_id)].filter(Boolean).join(' '));
}

/** Draws the fetched facts that match the search (all of them without one). */
function paintRows() {
  if (facts.length === 0) {
    replace(view.table, h('p', { class: 'empty-state' }, t('messaging.facts.empty')));
    return;
  }
  const words = fold(filters.q).split(' ').filter(Boolean);
  const shown = words.length ? facts.filter((f) => { const text = haystack(f); return words.every((w) => text.includes(w)); }) : facts;
  const count = h('p', { class: 'muted', role: 'status', dataset: { testid: 'facts-count' } }, words.length
    ? t('messaging.facts.matches', { count: shown.length, total: facts.length }) : '');
  if (shown.length === 0) {
    replace(view.table, count, h('p', { class: 'empty-state' }, t('messaging.facts.no_match')));
    return;
  }
  replace(view.table, count, h('div', { class: 'table-wrap' }, h('table', { class: 'data facts-table', dataset: { testid: 'facts-table' } },
    h('caption', { class: 'visually-hidden' }, t('messaging.facts.title')),
    h('thead', {}, h('tr', {},
      ['label', 'value_ar', 'value_en', 'as_of', 'source', 'approver', 'validity', 'state'].map((c) => h('th', { scope: 'col' }, t(`messaging.facts.col_${c}`))),
      h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('messaging.facts.col_actions'))))),
    h('tbody', {}, shown.map(factRow)))));
}

function factRow(f) {
  const canWrite = can('messaging.facts.write', f.owner_entity_id);
  const canApprove = f.state === 'draft' && can('messaging.facts.approve', f.owner_entity_id);
  return h('tr', { dataset: { testid: 'fact-row', id: String(f.id), key: f.key, state: f.state } },
    h('th', { scope: 'row' }, pick(f, 'label'), h('div', { class: 'hint' }, h('bdi', { class: 'code', dir: 'ltr' }, f.key), ' · ', entityName(f.owner_entity_id))),
    h('td', {}, langBlock('span', 'ar', f.value_ar, { dataset: { testid: 'fact-value-ar' } })),
    h('td', {}, langBlock('span', 'en', f.value_en, { dataset: { testid: 'fact-value-en' } })),
    h('td', {}, formatDay(f.as_of)),
    h('td', {}, h('bdi', { dir: 'auto' }, f.source)),
    h('td', {}, f.approved_by ? [person(f.approved_by), h('div', { class: 'hint' }, timeEl(f.approved_at))] : '—'),
    h('td', {}, f.valid_until ? t('messaging.library.valid_until', { until: formatDay(f.valid_until) }) : t('messaging.library.valid_always')),
    h('td', {}, stateChip(f.state)),
    h('td', { class: 'actions' },
      canWrite ? h('button', { type: 'button', class: 'small', dataset: { testid: 'fact-edit' }, onclick: () => openForm(f) }, icon('edit'), t('messaging.action.edit')) : null,
      canApprove ? h('button', { type: 'button', class: 'small primary', dataset: { testid: 'fact-approve' }, onclick: () => approve(f) }, icon('check'), t('messaging.action.approve')) : null));
}

async function approve(f) {
  view.error.textContent = '';
  view.status.textContent = '';
  try {
    await api(`/api/v1/facts/${f.id}/approve`, { method: 'POST', body: {}, headers: { 'If-Match': etag(f.version) } });
    view.status.textContent = t('messaging.facts.approved', { label: pick(f, 'label') });
  } catch (err) {
    if (err.status === 412) replace(view.error, conflictNotice('fact-conflict', () => { view.error.textContent = ''; paintTable().catch(ctxRef.notify); }));
    else view.error.textContent = err.message;
  }
  await paintTable();
}

function openForm(f) {
  const pre = 'fact-form';
  const fields = {};
  const add = (name, label, opts = {}) => {
    const x = inputField(`${pre}-${name}`, label, { value: f?.[name] ?? '', dataset: { testid: `fact-input-${name.replace(/_/g, '-')}` }, ...opts });
    fields[name] = x.input;
    return x.field;
  };
  const owners = entitiesWhere('messaging.facts.write', ref.entities);
  const owner = f ? null : selectField(`${pre}-owner`, t('messaging.editor.owner'), owners.map((e) => ({ value: String(e.id), label: pick(e, 'name') })), String(owners[0]?.id ?? ''), { dataset: { testid: 'fact-owner' } });
  const kind = f ? null : selectField(`${pre}-kind`, t('messaging.facts.kind'), ['number', 'date', 'text'].map((k) => ({ value: k, label: t(`messaging.facts.kind_${k}`) })), 'number', { dataset: { testid: 'fact-kind' } });
  const error = h('div', { class: 'form-error', role: 'alert', dataset: { testid: 'fact-form-error' } });
  const close = () => replace(view.formSlot);
  const form = h('form', { class: 'card fact-form', novalidate: true, dataset: { testid: 'fact-form' }, 'aria-labelledby': 'fact-form-heading' },
    h('h2', { id: 'fact-form-heading' }, f ? t('messaging.facts.edit', { label: pick(f, 'label') }) : t('messaging.facts.new')),
    f?.state === 'approved' ? h('p', { class: 'hint' }, t('messaging.facts.reapproval')) : null,
    h('div', { class: 'meta-grid' },
      f ? null : add('key', t('messaging.facts.key'), { dir: 'ltr', maxlength: 64, hint: t('messaging.facts.key_hint') }),
      kind?.field, owner?.field,
      add('as_of', t('messaging.facts.col_as_of'), { type: 'date' }),
      add('valid_until', t('messaging.facts.valid_until'), { type: 'date' })),
    h('div', { class: 'bi', dir: 'rtl' },
      h('div', {}, add('label_ar', t('messaging.facts.label_ar'), { lang: 'ar' }), add('value_ar', t('messaging.facts.col_value_ar'), { lang: 'ar' })),
      h('div', {}, add('label_en', t('messaging.facts.label_en'), { lang: 'en' }), add('value_en', t('messaging.facts.col_value_en'), { lang: 'en' }))),
    add('source', t('messaging.facts.col_source'), { dir: 'auto', maxlength: 1000 }),
    error,
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'primary', dataset: { testid: 'fact-save' } }, icon('save'), t('messaging.action.save')),
      h('button', { type: 'button', dataset: { testid: 'fact-cancel' }, onclick: close }, t('messaging.action.cancel'))));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    const body = {};
    for (const [k, input] of Object.entries(fields)) {
      const v = input.value.trim();
      if (k === 'valid_until') body[k] = v || null;
      else if (v) body[k] = v;
    }
    if (!f) {
      body.kind = kind.select.value;
      body.owner_entity_id = Number(owner.select.value);
      if (body.valid_until === null) delete body.valid_until;
    }
    try {
      const saved = f
        ? await api(`/api/v1/facts/${f.id}`, { method: 'PATCH', body, headers: { 'If-Match': etag(f.version) } })
        : await api('/api/v1/facts', { method: 'POST', body });
      close();
      view.status.textContent = t('messaging.facts.saved', { label: pick(saved, 'label') });
      await paintTable();
    } catch (err) {
      if (err.status === 412) {
        replace(error, conflictNotice('fact-conflict', () => { close(); paintTable().catch(ctxRef.notify); }));
        return;
      }
      error.textContent = err.message;
      const input = fields[err.field];
      if (input) {
        input.setAttribute('aria-invalid', 'true');
        input.focus();
      }
    }
  });
  replace(view.formSlot, form);
  form.querySelector('input')?.focus();
}
