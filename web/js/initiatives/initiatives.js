// Initiative registry (#/initiatives): every entity's initiatives with filters (entity — with its
// departments and partnerships —, theme, status, and words searched by the server as one types);
// #/initiatives/new and
// #/initiatives/<id>/edit: the form for editors and entity admins of the owner entity;
// #/initiatives/<id>: the initiative with its status steps, outcomes editor and, for network
// admins, the showcase (GET/POST/PATCH /api/v1/initiatives…).
//
// Typed values live in `state.draft` / `state.outcomes`, so a language or digit switch (which
// re-renders in place) keeps them.

import { api, listAll } from '../api.js';
import { h, replace, confirmDialog } from '../dom.js';
import { actionMenu } from '../menu.js';
import { t, pick, compare, LANGS } from '../i18n.js';
import {
  NEXT, loadReference, entityName, themeName, formatDay, period,
  statusChip, outcomesText, resultsList, chips,
} from './shared.js';
import { codes, termLabel } from '../reference.js';
import { can } from '../permissions.js';
import { field } from '../fields.js';
import { personName } from '../people.js';
import { icon, channelLabel } from '../icons.js';

export const modules = ['initiatives'];
export const titleKey = 'initiatives.title';

const TEXT_FIELDS = ['title', 'summary', 'objectives', 'audience'];

const state = {
  ref: null,
  filters: { entity_id: '', theme: '', status: '', q: '' },
  items: null,
  item: null, // the initiative shown or edited
  draft: null, // the form's values
  outcomes: null, // the outcomes editor's values
  statusComment: '',
  showcaseNote: '',
  message: null, // () => text of the last success, shown in the status region
  error: null, // text of the last refusal, shown in the form's alert region
  carry: false, // keep `message` over the next navigation (after a save)
};
let ctxRef = null;
let mainEl = null;

export async function render(main, args, ctx) {
  ctxRef = ctx;
  mainEl = main;
  main.dataset.page = 'initiatives';
  if (!state.ref || ctx.changedPage) state.ref = await loadReference();
  const [id, sub] = args;
  if (!ctx.relang && !state.carry) {
    state.message = null;
    state.error = null;
  }
  state.carry = false;
  if (id === 'new') {
    if (!ctx.relang) state.draft = emptyDraft();
    state.item = null;
    return paintForm();
  }
  if (id) {
    if (!ctx.relang || !state.item || String(state.item.id) !== id) await loadItem(id);
    if (sub === 'edit') {
      if (!ctx.relang || !state.draft) state.draft = draftOf(state.item);
      return paintForm();
    }
    return paintDetail();
  }
  if (!ctx.relang || !state.items) await loadList();
  return paintList();
}

async function loadItem(id) {
  state.item = await api(`/api/v1/initiatives/${encodeURIComponent(id)}`);
  state.outcomes = outcomesOf(state.item);
  state.statusComment = '';
  state.showcaseNote = state.item.showcase_note || '';
}

async function loadList() {
  state.items = await listAll('/api/v1/initiatives', state.filters);
  state.items.sort((a, b) => b.start_date.localeCompare(a.start_date) || b.id - a.id);
}

function writableEntities() {
  return [...state.ref.entities.values()].filter((e) => can('initiatives.write', e.id))
    .sort((a, b) => compare(pick(a, 'name'), pick(b, 'name')));
}

// ---- list ------------------------------------------------------------------------------------

function paintList() {
  const ref = state.ref;
  const select = (name, options) => {
    const el = h('select', { id: `filter-${name}`, name, dataset: { testid: `filter-${name.replace('_id', '')}` } },
      h('option', { value: '' }, t(`initiatives.filter.all_${name.replace('_id', '')}`)),
      options.map(([value, label]) => h('option', { value: String(value) }, label)));
    el.value = state.filters[name];
    el.addEventListener('change', () => applyFilter(name, el.value));
    return field(el, t(`initiatives.filter.${name.replace('_id', '')}`)).field;
  };
  const entities = [...ref.entities.values()].sort((a, b) => compare(pick(a, 'name'), pick(b, 'name')));
  const q = h('input', {
    id: 'filter-q', type: 'search', dir: 'auto', autocomplete: 'off', 'aria-controls': 'initiative-results',
    dataset: { testid: 'filter-q' },
  });
  q.value = state.filters.q;
  // Live search: the list follows the typing (after a short pause), the box itself is left alone.
  let typing = null;
  q.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => searchFor(q.value.trim()), SEARCH_DELAY_MS);
  });
  const form = h('form', { class: 'filters initiative-filters', role: 'search', dataset: { testid: 'initiative-filters' } },
    select('entity_id', entities.map((e) => [e.id, pick(e, 'name')])),
    select('theme', ref.themes.map((x) => [x.code, pick(x, 'name')])),
    select('status', codes('initiative_statuses').map((s) => [s, t(`initiatives.status.${s}`)])),
    field(q, t('initiatives.filter.q')).field,
    h('button', { type: 'submit' }, icon('filter'), t('initiatives.filter.apply')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    clearTimeout(typing);
    searchFor(q.value.trim());
  });

  const canCreate = writableEntities().length > 0;
  replace(mainEl,
    h('div', { class: 'page-head' },
      h('h1', { id: 'initiatives-title', tabindex: '-1' }, t('initiatives.title')),
      h('p', { class: 'muted' }, t('initiatives.lead')),
      canCreate ? h('a', { class: 'button primary', href: '#/initiatives/new', dataset: { testid: 'initiative-new' } }, icon('add'), t('initiatives.new')) : null),
    form,
    h('div', { id: 'initiative-results' }, listResults()));
}

/** The count (a polite status) and the table of the listed initiatives. */
function listResults() {
  return [h('p', { class: 'muted', role: 'status', dataset: { testid: 'initiative-count' } }, t('initiatives.count', { count: state.items.length })),
    listTable()];
}

const SEARCH_DELAY_MS = 250;
let searchSeq = 0;

/** Lists the initiatives matching the words (the server's search), redrawing only the results. */
async function searchFor(words) {
  if (words === state.filters.q) return;
  state.filters.q = words;
  const seq = ++searchSeq;
  try {
    const items = await listAll('/api/v1/initiatives', state.filters);
    if (seq !== searchSeq) return; // a later search answered first or is still to come
    state.items = items.sort((a, b) => b.start_date.localeCompare(a.start_date) || b.id - a.id);
    const results = mainEl.querySelector('#initiative-results');
    if (results) replace(results, listResults());
  } catch (err) {
    if (seq === searchSeq) ctxRef.notify(err);
  }
}

async function applyFilter(name, value) {
  state.filters[name] = value;
  try {
    await loadList();
    paintList();
    mainEl.querySelector(`#filter-${name}`)?.focus();
  } catch (err) {
    ctxRef.notify(err);
  }
}

function listTable() {
  if (!state.items.length) return h('p', { class: 'empty-state', dataset: { testid: 'initiative-list' } }, t('initiatives.empty'));
  const ref = state.ref;
  return h('div', { class: 'table-wrap' },
    h('table', { class: 'data initiatives-table', dataset: { testid: 'initiative-list' } },
      h('thead', {}, h('tr', {},
        ['title', 'owner', 'period', 'themes', 'status'].map((c) => h('th', { scope: 'col' }, t(`initiatives.col.${c}`))))),
      h('tbody', {}, state.items.map((i) => h('tr', { dataset: { testid: 'initiative-item', id: String(i.id), status: i.status } },
        h('th', { scope: 'row' },
          h('a', { href: `#/initiatives/${i.id}` }, pick(i, 'title')),
          i.showcased ? h('span', { class: 'badge showcase-badge' }, icon('star'), t('initiatives.showcased')) : null),
        h('td', {}, entityName(ref, i.owner_entity_id)),
        h('td', {}, period(i)),
        h('td', {}, chips(i.themes, (c) => themeName(ref, c))),
        h('td', {}, statusChip(i.status)))))));
}

// ---- detail ----------------------------------------------------------------------------------

function paintDetail() {
  const ref = state.ref;
  const item = state.item;
  const writable = can('initiatives.write', item.owner_entity_id) && item.status !== 'cancelled';
  const other = item.title_ar && item.title_en ? (pick(item, 'title') === item.title_ar ? 'en' : 'ar') : null;
  const detail = (key, value) => value ? [h('dt', {}, t(`initiatives.field.${key}`)), h('dd', {}, value)] : null;
  replace(mainEl,
    h('p', {}, h('a', { href: '#/initiatives' }, t('initiatives.back'))),
    h('article', { class: 'card initiative', dataset: { testid: 'initiative-detail', id: String(item.id) } },
      h('div', { class: 'page-head' },
        h('h1', { tabindex: '-1' }, pick(item, 'title')),
        statusChip(item.status),
        item.showcased ? h('span', { class: 'badge showcase-badge' }, icon('star'), t('initiatives.showcased')) : null,
        writable ? h('a', { class: 'button', href: `#/initiatives/${item.id}/edit`, dataset: { testid: 'initiative-edit' } }, icon('edit'), t('initiatives.edit')) : null),
      other ? h('p', { class: 'muted', lang: other, dir: LANGS[other].dir }, item[`title_${other}`]) : null,
      h('dl', { class: 'facts' },
        detail('owner', entityName(ref, item.owner_entity_id)),
        detail('partners', item.partner_entity_ids.length ? chips(item.partner_entity_ids, (id) => entityName(ref, id)) : null),
        detail('period', period(item)),
        detail('summary', pick(item, 'summary')),
        detail('objectives', pick(item, 'objectives')),
        detail('audience', pick(item, 'audience')),
        detail('themes', chips(item.themes, (c) => themeName(ref, c))),
        detail('channels', chips(item.channels, (c) => channelLabel(c, t(`initiatives.channel.${c}`)))),
        detail('budget_band', item.budget_band ? t(`initiatives.budget.${item.budget_band}`) : null),
        detail('updated', t('initiatives.updated_by', { who: personName(item.updated_by), when: formatDay(item.updated_at.slice(0, 10)) }))),
      h('div', { class: 'form-status', role: 'status', dataset: { testid: 'initiative-message' } }, state.message ? state.message() : ''),
      h('div', { class: 'form-error', role: 'alert', dataset: { testid: 'initiative-error' } }, state.error || ''),
      outcomesSection(writable),
      writable && NEXT[item.status].length ? statusSection() : null,
      showcaseSection()));
}

function outcomesSection(writable) {
  const item = state.item;
  const takes = item.status === 'active' || item.status === 'completed';
  const text = outcomesText(item);
  return h('section', { class: 'detail-section', 'aria-labelledby': 'outcomes-heading', dataset: { testid: 'initiative-outcomes' } },
    h('h2', { id: 'outcomes-heading' }, t('initiatives.outcomes.heading')),
    text ? h('p', {}, text) : null,
    resultsList(item),
    !text && !item.results.length ? h('p', { class: 'none' }, t(takes ? 'initiatives.outcomes.none' : 'initiatives.outcomes.later')) : null,
    writable && takes ? outcomesForm() : null);
}

function outcomesForm() {
  const o = state.outcomes;
  const area = (lang) => {
    const el = h('textarea', { id: `outcomes-${lang}`, rows: 3, lang, dir: LANGS[lang].dir, maxlength: 4000, dataset: { testid: `outcomes-${lang}` } });
    el.value = o[`outcomes_${lang}`];
    el.addEventListener('input', () => { o[`outcomes_${lang}`] = el.value; });
    return field(el, t(`initiatives.outcomes.text_${lang}`)).field;
  };
  const rows = h('tbody', {}, o.results.map((r, index) => resultRow(r, index)));
  const form = h('form', { class: 'outcomes-form', novalidate: true, dataset: { testid: 'outcomes-form' } },
    h('h3', {}, t('initiatives.outcomes.edit')),
    area('ar'), area('en'),
    h('div', { class: 'table-wrap' },
      h('table', { class: 'data results-table' },
        h('caption', {}, t('initiatives.outcomes.results')),
        h('thead', {}, h('tr', {}, ['label_ar', 'label_en', 'value', 'unit', 'remove'].map((c) =>
          h('th', { scope: 'col' }, t(`initiatives.result.${c}`))))),
        rows)),
    h('div', { class: 'form-actions' },
      h('button', {
        type: 'button', dataset: { testid: 'result-add' },
        onclick: () => {
          o.results.push({ label_ar: '', label_en: '', value: '', unit: '' });
          paintDetail();
          mainEl.querySelector(`#result-${o.results.length - 1}-label_ar`)?.focus();
        },
      }, icon('add'), t('initiatives.outcomes.add_result')),
      h('button', { type: 'submit', class: 'primary', dataset: { testid: 'outcomes-save' } }, icon('save'), t('initiatives.outcomes.save'))));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    saveOutcomes().catch(ctxRef.notify);
  });
  return form;
}

function resultRow(r, index) {
  const cell = (key, attrs) => {
    const el = h('input', { id: `result-${index}-${key}`, type: 'text', 'aria-label': t(`initiatives.result.${key}`), dataset: { testid: `result-${key}` }, ...attrs });
    el.value = r[key];
    el.addEventListener('input', () => { r[key] = el.value; });
    return h('td', {}, el);
  };
  return h('tr', { dataset: { testid: 'result-row' } },
    cell('label_ar', { lang: 'ar', dir: 'rtl' }),
    cell('label_en', { lang: 'en', dir: 'ltr' }),
    cell('value', { inputmode: 'decimal', dir: 'ltr' }),
    cell('unit', { dir: 'auto', maxlength: 32 }),
    h('td', {}, h('button', {
      type: 'button', class: 'danger-outline icon-button', 'aria-label': t('initiatives.result.remove'),
      onclick: () => {
        state.outcomes.results.splice(index, 1);
        paintDetail();
      },
    }, icon('delete'))));
}

/** Reads a typed figure in either digit system ("١٢٫٥" or "12.5"). */
function parseFigure(text) {
  const latin = String(text).trim()
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/\u066b/g, '.').replace(/[\u066c,\s]/g, '');
  return latin === '' ? NaN : Number(latin);
}

async function saveOutcomes() {
  const o = state.outcomes;
  const results = [];
  for (const r of o.results) {
    const value = parseFigure(r.value);
    if (!Number.isFinite(value)) return fail(t('initiatives.outcomes.bad_value', { label: r.label_ar || r.label_en || '' }));
    results.push({ label_ar: r.label_ar.trim(), label_en: r.label_en.trim(), value, unit: r.unit.trim() });
  }
  await act(() => api(`/api/v1/initiatives/${state.item.id}/outcomes`, {
    method: 'PUT',
    headers: { 'If-Match': `"${state.item.version}"` },
    body: { outcomes_ar: o.outcomes_ar.trim(), outcomes_en: o.outcomes_en.trim(), results },
  }), () => t('initiatives.outcomes.saved'));
}

// Each status step's button shows the icon of the status it leads to.
const STATUS_STEP_ICONS = { active: 'play', completed: 'check', cancelled: 'ban' };

function statusSection() {
  const comment = h('input', { id: 'status-comment', type: 'text', dir: 'auto', maxlength: 2000, dataset: { testid: 'status-comment' } });
  comment.value = state.statusComment;
  comment.addEventListener('input', () => { state.statusComment = comment.value; });
  return h('section', { class: 'detail-section', 'aria-labelledby': 'status-heading', dataset: { testid: 'status-section' } },
    h('h2', { id: 'status-heading' }, t('initiatives.status.heading')),
    field(comment, t('initiatives.status.comment')).field,
    h('div', { class: 'form-actions' }, NEXT[state.item.status].map((to) => h('button', {
      type: 'button',
      class: to === 'cancelled' ? 'danger-outline' : 'primary',
      dataset: { testid: `status-to-${to}` },
      onclick: () => act(() => api(`/api/v1/initiatives/${state.item.id}/status`, {
        method: 'POST',
        headers: { 'If-Match': `"${state.item.version}"` },
        body: { to, comment: state.statusComment.trim() || undefined },
      }), () => t('initiatives.status.changed', { status: t(`initiatives.status.${to}`) })).catch(ctxRef.notify),
    }, icon(STATUS_STEP_ICONS[to]), t(`initiatives.status.to_${to}`)))));
}

function showcaseSection() {
  const item = state.item;
  const admin = can('initiatives.showcase');
  const citation = item.showcased
    ? h('blockquote', { class: 'citation', dataset: { testid: 'showcase-citation' } }, item.showcase_note) : null;
  if (!admin) {
    return citation ? h('section', { class: 'detail-section' }, h('h2', {}, t('initiatives.showcase.heading')), citation) : null;
  }
  const eligible = item.status === 'completed' && (outcomesText(item) || item.results.length);
  const note = h('textarea', { id: 'showcase-note', rows: 2, dir: 'auto', maxlength: 2000, dataset: { testid: 'showcase-note' } });
  note.value = state.showcaseNote;
  note.addEventListener('input', () => { state.showcaseNote = note.value; });
  const version = () => ({ 'If-Match': `"${state.item.version}"` });
  return h('section', { class: 'detail-section', 'aria-labelledby': 'showcase-heading', dataset: { testid: 'showcase-section' } },
    h('h2', { id: 'showcase-heading' }, t('initiatives.showcase.heading')),
    citation,
    eligible
      ? h('form', {
        class: 'showcase-form', novalidate: true,
        onsubmit: (e) => {
          e.preventDefault();
          if (!state.showcaseNote.trim()) return fail(t('initiatives.showcase.note_required'));
          return act(() => api(`/api/v1/initiatives/${item.id}/showcase`, { method: 'POST', headers: version(), body: { note: state.showcaseNote.trim() } }),
            () => t('initiatives.showcase.added')).catch(ctxRef.notify);
        },
      },
      field(note, t('initiatives.showcase.note')).field,
      h('div', { class: 'form-actions' },
        h('button', { type: 'submit', class: 'primary', dataset: { testid: 'showcase-submit' } },
          icon('star'), t(item.showcased ? 'initiatives.showcase.update' : 'initiatives.showcase.add')),
        item.showcased ? actionMenu({
          label: t('initiatives.showcase.menu_label', { title: pick(item, 'title') }),
          testid: 'showcase-menu',
          items: [{
            label: t('initiatives.showcase.remove'), danger: true, testid: 'showcase-withdraw', icon: 'close',
            onSelect: async (opener) => {
              const confirmed = await confirmDialog({
                title: t('initiatives.showcase.remove_title', { title: pick(item, 'title') }), body: t('initiatives.showcase.remove_body'),
                confirm: t('initiatives.showcase.remove'), cancel: t('initiatives.cancel'), testid: 'showcase-withdraw-dialog', danger: true, opener,
              });
              if (!confirmed) return;
              await act(() => api(`/api/v1/initiatives/${item.id}/showcase`, { method: 'DELETE', headers: version() }),
                () => t('initiatives.showcase.removed')).catch(ctxRef.notify);
            },
          }],
        }) : null))
      : h('p', { class: 'hint' }, t('initiatives.showcase.not_eligible')));
}

/** Runs a write, then shows the saved initiative with `done` in the status region. */
async function act(call, done) {
  state.error = null;
  try {
    const saved = await call();
    state.item = saved;
    state.outcomes = outcomesOf(saved);
    state.statusComment = '';
    state.showcaseNote = saved.showcase_note || '';
    state.message = done;
    state.items = null;
  } catch (err) {
    if (err.name === 'AbortError') return;
    state.message = null;
    state.error = err.message;
  }
  paintDetail();
}

function fail(text) {
  state.message = null;
  state.error = text;
  paintDetail();
}

function outcomesOf(item) {
  return {
    outcomes_ar: item.outcomes_ar || '',
    outcomes_en: item.outcomes_en || '',
    results: (item.results || []).map((r) => ({ ...r, value: String(r.value), unit: r.unit || '' })),
  };
}

// ---- form ------------------------------------------------------------------------------------

function emptyDraft() {
  const owner = writableEntities()[0];
  const d = { owner_entity_id: owner ? String(owner.id) : '', partner_entity_ids: [], themes: [], channels: [], start_date: '', end_date: '', budget_band: '' };
  for (const f of TEXT_FIELDS) d[`${f}_ar`] = d[`${f}_en`] = '';
  return d;
}

function draftOf(item) {
  const d = { ...item, owner_entity_id: String(item.owner_entity_id), budget_band: item.budget_band || '' };
  d.partner_entity_ids = [...item.partner_entity_ids];
  d.themes = [...item.themes];
  d.channels = [...item.channels];
  return d;
}

function paintForm() {
  const ref = state.ref;
  const d = state.draft;
  const editing = !!state.item;
  const bind = (el, key) => {
    el.value = d[key];
    el.addEventListener('input', () => { d[key] = el.value; });
    el.addEventListener('change', () => { d[key] = el.value; });
    return el;
  };
  const text = (f, lang, multiline) => {
    const id = `field-${f}_${lang}`;
    const attrs = { id, lang, dir: LANGS[lang].dir, maxlength: f === 'title' ? 300 : 4000, dataset: { testid: id }, required: f === 'title' };
    const el = multiline ? h('textarea', { ...attrs, rows: 3 }) : h('input', { ...attrs, type: 'text' });
    return field(bind(el, `${f}_${lang}`), t(`initiatives.field.${f}_${lang}`)).field;
  };
  const checks = (key, values, label) => h('fieldset', { class: 'choice-group checks', dataset: { testid: `field-${key}` } },
    h('legend', {}, t(`initiatives.field.${key}`)),
    values.map((v) => {
      const id = `field-${key}-${v}`;
      const box = h('input', { id, type: 'checkbox', value: String(v) });
      box.checked = d[key].map(String).includes(String(v));
      box.addEventListener('change', () => {
        const set = new Set(d[key].map(String));
        if (box.checked) set.add(String(v)); else set.delete(String(v));
        d[key] = [...set];
      });
      return h('label', { class: 'choice', for: id }, box, label(v));
    }));
  const owners = editing ? [] : writableEntities();
  const ownerSelect = editing ? null : bind(h('select', { id: 'field-owner', required: true, dataset: { testid: 'field-owner' } },
    owners.map((e) => h('option', { value: String(e.id) }, pick(e, 'name')))), 'owner_entity_id');
  const date = (key) => field(bind(h('input', { id: `field-${key}`, type: 'date', required: true, dataset: { testid: `field-${key}` } }), key),
    t(`initiatives.field.${key}`)).field;
  const budget = bind(h('select', { id: 'field-budget_band', dataset: { testid: 'field-budget_band' } },
    h('option', { value: '' }, t('initiatives.budget.none')),
    codes('budget_bands').map((b) => h('option', { value: b }, t(`initiatives.budget.${b}`)))), 'budget_band');
  const partners = [...ref.entities.values()].filter((e) => e.kind !== 'government' && String(e.id) !== d.owner_entity_id)
    .sort((a, b) => compare(pick(a, 'name'), pick(b, 'name')));

  const form = h('form', { class: 'card initiative-form', novalidate: true, dataset: { testid: 'initiative-form' } },
    h('div', { class: 'form-error', role: 'alert', dataset: { testid: 'initiative-error' } }, state.error || ''),
    editing ? h('p', {}, t('initiatives.field.owner'), ': ', entityName(ref, state.item.owner_entity_id))
      : field(ownerSelect, t('initiatives.field.owner')).field,
    h('div', { class: 'two-col' }, text('title', 'ar'), text('title', 'en')),
    h('div', { class: 'two-col' }, text('summary', 'ar', true), text('summary', 'en', true)),
    h('div', { class: 'two-col' }, text('objectives', 'ar', true), text('objectives', 'en', true)),
    h('div', { class: 'two-col' }, text('audience', 'ar'), text('audience', 'en')),
    h('div', { class: 'two-col' }, date('start_date'), date('end_date')),
    field(budget, t('initiatives.field.budget_band')).field,
    checks('themes', ref.themes.map((x) => x.code), (c) => themeName(ref, c)),
    checks('channels', codes('channels'), (c) => channelLabel(c, termLabel('channels', c))),
    checks('partner_entity_ids', partners.map((e) => e.id), (id) => entityName(ref, id)),
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'primary', dataset: { testid: 'initiative-save' } }, icon(editing ? 'save' : 'add'), t(editing ? 'initiatives.save' : 'initiatives.create')),
      h('a', { class: 'button', href: editing ? `#/initiatives/${state.item.id}` : '#/initiatives' }, t('initiatives.cancel'))));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    saveForm(form).catch(ctxRef.notify);
  });
  if (ownerSelect) ownerSelect.addEventListener('change', () => paintForm());
  replace(mainEl,
    h('p', {}, h('a', { href: editing ? `#/initiatives/${state.item.id}` : '#/initiatives' }, t('initiatives.back'))),
    h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, editing ? t('initiatives.edit_title', { title: pick(state.item, 'title') }) : t('initiatives.new'))),
    form);
}

async function saveForm(form) {
  const d = state.draft;
  const body = {};
  for (const f of TEXT_FIELDS) for (const lang of ['ar', 'en']) body[`${f}_${lang}`] = d[`${f}_${lang}`].trim();
  Object.assign(body, {
    themes: d.themes, channels: d.channels, start_date: d.start_date, end_date: d.end_date,
    partner_entity_ids: d.partner_entity_ids.map(Number),
    budget_band: d.budget_band || null,
  });
  const missing = ['title_ar', 'title_en', 'start_date', 'end_date'].find((k) => !body[k]);
  const errorBox = form.querySelector('[data-testid="initiative-error"]');
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  const show = (text, field) => {
    state.error = text;
    errorBox.textContent = text;
    const input = field && form.querySelector(`#field-${field}`);
    if (input) {
      input.setAttribute('aria-invalid', 'true');
      input.focus();
    }
  };
  if (missing) return show(t('initiatives.form.missing', { field: t(`initiatives.field.${missing}`) }), missing);
  const submit = form.querySelector('button[type="submit"]');
  submit.disabled = true;
  try {
    let saved;
    if (state.item) {
      saved = await api(`/api/v1/initiatives/${state.item.id}`, { method: 'PATCH', headers: { 'If-Match': `"${state.item.version}"` }, body });
    } else {
      if (body.budget_band === null) delete body.budget_band;
      saved = await api('/api/v1/initiatives', { method: 'POST', body: { owner_entity_id: Number(d.owner_entity_id), ...body } });
    }
    const key = state.item ? 'initiatives.saved' : 'initiatives.created';
    state.items = null;
    state.draft = null;
    state.error = null;
    state.message = () => t(key);
    state.carry = true;
    location.hash = `#/initiatives/${saved.id}`;
  } catch (err) {
    if (err.name === 'AbortError') return;
    show(err.message, err.field);
  } finally {
    submit.disabled = false;
  }
}
