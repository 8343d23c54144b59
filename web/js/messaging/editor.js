// The content editor (#/editor/new, #/editor/<id>): kind, owner entity, themes, channels and
// planned date; the Arabic and English title and body side by side (Arabic on the right, right to
// left; English left to right); live alignment findings (a debounced POST /api/v1/alignment-checks
// while typing, and the report the server returns on every save) listed with their reasons and
// highlighted in the text; save with If-Match (412: "changed by someone else", reload); the
// workflow bar (submit for review, …), the channel variants (channels.js: per channel and
// language, a live platform count, saved per card), the publications of an item past the draft
// stages, and the version history with a word diff.
//
// Spans: the server checks title + "\n\n" + body per language and counts UTF-8 bytes; common.js
// turns them into ranges of the title or body field. The body's highlights are a backdrop behind
// a transparent, auto-growing textarea, laid out with the same box and font.

import { api, etag } from '../api.js';
import { h, replace } from '../dom.js';
import { t, pick } from '../i18n.js';
import { zonedParts, zonedToIso } from '../time.js';
import { loadReference, reference, entityName, vocabularyOptions, channelOptions } from '../reference.js';
import { can, entitiesWhere } from '../permissions.js';
import { inputField, selectField, conflictNotice } from '../fields.js';
import { icon } from '../icons.js';
import {
  stateChip, locateFindings, joinText, markedText, findingsList, findingsSummary, workflowBar, showWorkflowStatus,
  loadVersions, historyPanel,
} from './common.js';
import { variantsPanel, publicationsPanel } from './channels.js';

export const modules = ['messaging'];
export const titleKey = 'messaging.editor.title';

const TEXT_FIELDS = ['title_ar', 'body_ar', 'title_en', 'body_en'];
const CHECK_DELAY_MS = 500;

const state = {
  id: null, // null while new
  item: null, // the item as last answered by the server
  draft: null, // the form's values kept across a language switch
  findings: [], // located findings (common.js locateFindings)
  checkedTexts: null, // the texts the findings were computed for
  dirty: false,
  versions: [],
  message: null, // status text after a save or a step
};
let view = null;
let ctxRef = null;
let checkTimer = 0;
let checkSeq = 0;
let checkAbort = null;
let resizer = null; // re-flows the highlight backdrops when the panes change width

export async function render(main, args, ctx) {
  ctxRef = ctx;
  const wanted = args[0] && args[0] !== 'new' ? String(args[0]) : null;
  // The hash moved to #/editor/<id> right after the first save: the page is already showing it.
  if (view && view.main === main && main.dataset.page === 'editor' && !ctx.relang && wanted && wanted === state.id) return;
  await loadReference(ctx.changedPage);
  if (ctx.relang && view) {
    state.draft = readForm();
  } else {
    state.dirty = false;
    state.message = null;
    state.id = wanted;
    state.item = null;
    state.versions = [];
    state.findings = [];
    state.checkedTexts = null;
    if (wanted) {
      const [item, versions] = await Promise.all([
        api(`/api/v1/content-items/${encodeURIComponent(wanted)}`),
        loadVersions(wanted),
      ]);
      state.item = item;
      state.versions = versions;
      applyReport(item.alignment, item);
      state.draft = draftOf(item);
    } else {
      state.draft = draftOf(null);
    }
  }
  build(main);
  if (!state.id && !ctx.relang) view.fields.title_ar.focus();
}

function draftOf(item) {
  const writable = entitiesWhere('messaging.content.write', reference().entities);
  const d = {
    kind: item?.kind || 'press_release',
    importance: item?.importance || defaultImportance(item?.kind || 'press_release'),
    audience: item?.audience || defaultAudience(item?.kind || 'press_release'),
    owner_entity_id: item ? String(item.owner_entity_id) : String(writable[0]?.id ?? ''),
    themes: item?.themes ? [...item.themes] : [],
    channels: item?.channels ? [...item.channels] : ['website'],
    planned_date: '',
    planned_time: '',
  };
  for (const f of TEXT_FIELDS) d[f] = item?.[f] || '';
  const p = item?.planned_at;
  if (p && p.length > 10) {
    const at = zonedParts(p); // the network's day and time, as the form shows them
    d.planned_date = at.day;
    d.planned_time = at.time;
  } else if (p) {
    d.planned_date = p;
  }
  return d;
}

// The server's defaults for a new item (src/messaging/content_service.cpp), shown before saving;
// the author may choose otherwise.
const defaultImportance = (kind) => (kind === 'press_release' || kind === 'speech' ? 'high' : 'normal');
const defaultAudience = (kind) => (kind === 'internal_memo' ? 'employees' : 'public');

function editable() {
  if (!state.item) return entitiesWhere('messaging.content.write', reference().entities).length > 0;
  return ['draft', 'changes_requested'].includes(state.item.state) && can('messaging.content.write', state.item.owner_entity_id);
}

// ---- layout ---------------------------------------------------------------------------------

function build(main) {
  main.dataset.page = 'editor';
  const canEdit = editable();
  const d = state.draft;
  const fields = {};
  const backdrops = {};

  const writable = state.item
    ? reference().entities.filter((e) => String(e.id) === String(state.item.owner_entity_id))
    : entitiesWhere('messaging.content.write', reference().entities);
  const kind = selectField('editor-kind', t('messaging.editor.kind'),
    vocabularyOptions('content_kinds'), d.kind, { dataset: { testid: 'editor-kind' }, disabled: !canEdit });
  const owner = selectField('editor-owner', t('messaging.editor.owner'),
    writable.map((e) => ({ value: String(e.id), label: pick(e, 'name') })), d.owner_entity_id,
    { dataset: { testid: 'editor-owner' }, disabled: !canEdit || !!state.item });
  const importance = selectField('editor-importance', t('messaging.editor.importance'), vocabularyOptions('importance'),
    d.importance, { dataset: { testid: 'editor-importance' }, disabled: !canEdit });
  const audience = selectField('editor-audience', t('messaging.editor.audience'), vocabularyOptions('audiences'),
    d.audience, { dataset: { testid: 'editor-audience' }, disabled: !canEdit });
  const date = inputField('editor-date', t('messaging.editor.planned_date'), { type: 'date', value: d.planned_date, disabled: !canEdit, dataset: { testid: 'editor-date' } });
  const time = inputField('editor-time', t('messaging.editor.planned_time'), {
    type: 'time', value: d.planned_time, disabled: !canEdit, dataset: { testid: 'editor-time' }, hint: t('messaging.editor.planned_time_hint'),
  });
  const themes = checkGroup('editor-themes', t('messaging.editor.themes'),
    reference().themes.map((th) => ({ value: th.code, label: pick(th, 'name'), strategic: th.strategic })), d.themes, !canEdit, 'editor-theme');
  const channels = checkGroup('editor-channels', t('messaging.editor.channels'),
    channelOptions((term) => term.publishable), d.channels, !canEdit, 'editor-channel');

  const pane = (lang) => {
    const title = inputField(`editor-title-${lang}`, t(`messaging.field.title_${lang}`), {
      value: d[`title_${lang}`], lang, maxlength: 1000, readonly: !canEdit, autocomplete: 'off', dataset: { testid: `editor-title-${lang}` },
    });
    const bodyId = `editor-body-${lang}`;
    const body = h('textarea', {
      id: bodyId, name: bodyId, lang, dir: lang === 'ar' ? 'rtl' : 'ltr', rows: 8, class: 'hl-input', readonly: !canEdit,
      spellcheck: 'true', dataset: { testid: `editor-body-${lang}` },
    });
    body.value = d[`body_${lang}`];
    const backdrop = h('div', { class: 'hl-backdrop', 'aria-hidden': 'true', lang, dir: lang === 'ar' ? 'rtl' : 'ltr', dataset: { testid: `highlight-body_${lang}` } });
    fields[`title_${lang}`] = title.input;
    fields[`body_${lang}`] = body;
    backdrops[`body_${lang}`] = backdrop;
    return h('section', { class: `pane pane-${lang}`, lang, dir: lang === 'ar' ? 'rtl' : 'ltr', 'aria-labelledby': `pane-${lang}-heading`, dataset: { testid: `pane-${lang}` } },
      h('h2', { id: `pane-${lang}-heading` }, t(`messaging.editor.pane_${lang}`)),
      title.field,
      h('div', { class: 'field' },
        h('label', { for: bodyId }, t(`messaging.field.body_${lang}`)),
        h('div', { class: 'hl-wrap' }, backdrop, body)));
  };
  const paneAr = pane('ar');
  const paneEn = pane('en');

  const formError = h('div', { class: 'form-error', role: 'alert', dataset: { testid: 'editor-error' } });
  const formStatus = h('div', { class: 'form-status', role: 'status', dataset: { testid: 'editor-status' } }, state.message || '');
  const save = canEdit ? h('button', { type: 'submit', class: 'primary', dataset: { testid: 'editor-save' } }, icon('save'), t('messaging.editor.save')) : null;
  const form = h('form', { class: 'editor-form', novalidate: true, dataset: { testid: 'editor' }, 'aria-labelledby': 'editor-title' },
    h('fieldset', { class: 'card editor-meta' },
      h('legend', {}, t('messaging.editor.meta')),
      h('div', { class: 'meta-grid' }, kind.field, owner.field, importance.field, audience.field, date.field, time.field),
      themes, channels),
    // Arabic on the right whatever the interface language: the pair is laid out right to left.
    h('div', { class: 'panes', dir: 'rtl' }, paneAr, paneEn),
    formError,
    formStatus,
    canEdit ? h('div', { class: 'form-actions' }, save,
      h('span', { class: 'hint', dataset: { testid: 'editor-dirty' } })) : h('p', { class: 'hint', dataset: { testid: 'editor-readonly' } }, t('messaging.editor.readonly')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    saveItem().catch(ctxRef.notify);
  });

  const checkStatus = h('p', { class: 'muted', role: 'status', dataset: { testid: 'alignment-status' } });
  const findingsSlot = h('div', { class: 'findings-slot' });
  const aside = h('aside', { class: 'card alignment', 'aria-labelledby': 'alignment-heading', dataset: { testid: 'alignment' } },
    h('h2', { id: 'alignment-heading' }, t('messaging.alignment.heading')),
    h('p', { class: 'hint' }, t('messaging.alignment.hint')),
    checkStatus,
    findingsSlot);

  const head = h('div', { class: 'page-head' });
  const conflict = h('div', { class: 'conflict-slot' });
  const workflowSlot = h('div', { class: 'workflow-slot' });
  const variantsSlot = h('div', { class: 'variants-slot' });
  const publicationsSlot = h('div', { class: 'publications-slot' });
  const historySlot = h('div', { class: 'history-slot' });
  replace(main,
    head,
    conflict,
    h('div', { class: 'editor-grid' }, form, aside),
    variantsSlot,
    workflowSlot,
    publicationsSlot,
    historySlot);

  view = { main, head, form, fields, backdrops, kind: kind.select, owner: owner.select, importance: importance.select, audience: audience.select, date: date.input, time: time.input, themes, channels, formError, formStatus, save, checkStatus, findingsSlot, conflict, workflowSlot, variantsSlot, publicationsSlot, historySlot, canEdit };

  for (const f of TEXT_FIELDS) {
    view.fields[f].addEventListener('input', () => onTextInput(f));
  }
  for (const el of [kind.select, importance.select, audience.select, date.input, time.input]) el.addEventListener('change', markDirty);
  // A new item follows its kind's defaults until the author picks otherwise.
  for (const el of [importance.select, audience.select]) el.addEventListener('change', () => { el.dataset.chosen = 'true'; });
  kind.select.addEventListener('change', () => {
    if (state.item) return;
    if (!importance.select.dataset.chosen) importance.select.value = defaultImportance(kind.select.value);
    if (!audience.select.dataset.chosen) audience.select.value = defaultAudience(kind.select.value);
  });
  owner.select.addEventListener('change', () => { markDirty(); scheduleCheck(); });
  themes.addEventListener('change', () => { markDirty(); scheduleCheck(); });
  channels.addEventListener('change', markDirty);
  // Re-flow the backdrops when the panes change width (window resize, side panel wrapping).
  resizer?.disconnect();
  if (typeof ResizeObserver === 'function') {
    resizer = new ResizeObserver(() => { autoGrow('body_ar'); autoGrow('body_en'); });
    resizer.observe(paneAr);
    resizer.observe(paneEn);
  }
  paintHead();
  paintFindings();
  paintWorkflow();
  paintChannels();
  paintHistory();
  autoGrow('body_ar');
  autoGrow('body_en');
  if (canEdit && state.dirty) view.form.querySelector('[data-testid="editor-dirty"]').textContent = t('messaging.editor.unsaved');
  if (canEdit && !state.checkedTexts) scheduleCheck(0);
}

function checkGroup(id, legend, options, chosen, disabled, testid) {
  return h('fieldset', { class: 'check-group', id, dataset: { testid: id } },
    h('legend', {}, legend),
    h('div', { class: 'check-list' }, options.map((o) => {
      const boxId = `${id}-${o.value}`;
      return h('div', { class: 'choice' },
        h('input', { type: 'checkbox', id: boxId, value: o.value, checked: chosen.includes(o.value), disabled, dataset: { testid } }),
        h('label', { for: boxId }, o.icon ? o.icon() : null, o.label, o.strategic ? h('span', { class: 'badge' }, t('messaging.theme.strategic')) : null));
    })));
}

function paintHead() {
  const item = state.item;
  const title = item ? (pick(item, 'title') || t('messaging.editor.untitled')) : t('messaging.editor.new');
  replace(view.head,
    h('h1', { id: 'editor-title', tabindex: '-1' }, title),
    item ? stateChip(item.state) : null,
    item ? h('span', { class: 'muted', dataset: { testid: 'editor-version' } }, t('messaging.editor.version', { version: item.version })) : null,
    item ? h('span', { class: 'muted' }, entityName(item.owner_entity_id)) : null,
    h('a', { href: '#/content', class: 'back-link' }, t('messaging.editor.back')));
}

function paintWorkflow() {
  if (!state.item) {
    replace(view.workflowSlot);
    return;
  }
  replace(view.workflowSlot, workflowBar(state.item, {
    before: async () => {
      if (state.dirty && view.canEdit) {
        const ok = await saveItem();
        if (!ok) return null;
      }
      return state.item;
    },
    onMoved: (moved, to, text) => {
      state.item = moved;
      state.message = null;
      applyReport(moved.alignment, moved);
      rebuildFor(moved, text);
    },
    onReload: () => reload().catch(ctxRef.notify),
  }));
}

/** Variants once the item exists (they follow its saved channels and text); publications past the draft stages. */
function paintChannels() {
  const item = state.item;
  replace(view.variantsSlot, item ? variantsPanel(item, { notify: ctxRef.notify }) : null);
  const published = item && !['draft', 'changes_requested'].includes(item.state);
  replace(view.publicationsSlot, published ? publicationsPanel(item, { notify: ctxRef.notify }) : null);
}

async function paintHistory() {
  if (!state.item) {
    replace(view.historySlot);
    return;
  }
  replace(view.historySlot, historyPanel(state.item.id, state.versions, { notify: ctxRef.notify }));
}

/** After a step or a reload: the editability may have changed, so the page is laid out again. */
async function rebuildFor(item, workflowText) {
  state.versions = await loadVersions(item.id);
  state.draft = draftOf(item);
  state.dirty = false;
  build(view.main);
  if (workflowText) showWorkflowStatus(view.main, workflowText);
  view.main.querySelector('[data-testid="workflow-status"]')?.closest('section')?.querySelector('h2')?.focus?.();
}

async function reload() {
  const item = await api(`/api/v1/content-items/${encodeURIComponent(state.id)}`);
  state.item = item;
  state.message = null;
  applyReport(item.alignment, item);
  await rebuildFor(item);
  view.head.querySelector('h1')?.focus();
}

// ---- form values ----------------------------------------------------------------------------

function readForm() {
  const d = {
    kind: view.kind.value,
    importance: view.importance.value,
    audience: view.audience.value,
    owner_entity_id: view.owner.value,
    themes: [...view.themes.querySelectorAll('input:checked')].map((i) => i.value),
    channels: [...view.channels.querySelectorAll('input:checked')].map((i) => i.value),
    planned_date: view.date.value,
    planned_time: view.time.value,
  };
  for (const f of TEXT_FIELDS) d[f] = view.fields[f].value;
  return d;
}

/** The texts as the server stores them (NFC), so span offsets computed there fit here. */
function currentTexts() {
  const texts = {};
  for (const f of TEXT_FIELDS) {
    const el = view.fields[f];
    const nfc = el.value.normalize('NFC');
    if (nfc !== el.value) {
      const at = el.selectionStart;
      el.value = nfc;
      if (document.activeElement === el) el.setSelectionRange(Math.min(at, nfc.length), Math.min(at, nfc.length));
    }
    texts[f] = nfc;
  }
  return texts;
}

function plannedAt(d) {
  if (!d.planned_date) return null;
  if (!d.planned_time) return d.planned_date;
  return zonedToIso(d.planned_date, d.planned_time);
}

function markDirty() {
  state.dirty = true;
  const hint = view.form.querySelector('[data-testid="editor-dirty"]');
  if (hint) hint.textContent = t('messaging.editor.unsaved');
}

function onTextInput(field) {
  markDirty();
  if (field.startsWith('body_')) {
    // The old ranges no longer fit the edited text: drop this field's marks until the next check.
    paintBackdrop(field, true);
    autoGrow(field);
  }
  view.fields[field].classList.remove('has-finding', 'sev-error', 'sev-warning', 'sev-info');
  scheduleCheck();
}

function autoGrow(field) {
  const el = view.fields[field];
  if (!el || !el.isConnected) return;
  el.style.blockSize = 'auto';
  el.style.blockSize = `${el.scrollHeight + 2}px`;
}

// ---- alignment ------------------------------------------------------------------------------

function scheduleCheck(delay = CHECK_DELAY_MS) {
  clearTimeout(checkTimer);
  view.checkStatus.textContent = t('messaging.alignment.pending');
  checkTimer = setTimeout(() => runCheck().catch((err) => {
    if (err.name !== 'AbortError') view.checkStatus.textContent = err.message;
  }), delay);
}

async function runCheck() {
  const texts = currentTexts();
  const body = {};
  const ar = joinText(texts.title_ar, texts.body_ar);
  const en = joinText(texts.title_en, texts.body_en);
  if (ar) body.text_ar = ar;
  if (en) body.text_en = en;
  const seq = ++checkSeq;
  checkAbort?.abort();
  if (!ar && !en) {
    state.findings = [];
    state.checkedTexts = texts;
    paintFindings();
    return;
  }
  const themes = [...view.themes.querySelectorAll('input:checked')].map((i) => i.value);
  if (themes.length) body.themes = themes;
  if (view.owner.value) body.entity_id = Number(view.owner.value);
  checkAbort = new AbortController();
  view.checkStatus.textContent = t('messaging.alignment.checking');
  const report = await api('/api/v1/alignment-checks', { method: 'POST', body, signal: checkAbort.signal });
  if (seq !== checkSeq || !view.main.isConnected) return;
  state.findings = locateFindings(report.findings, texts);
  state.checkedTexts = texts;
  paintFindings();
}

/** Takes the alignment report of a server answer (save, step, GET) for the item's texts. */
function applyReport(report, item) {
  const texts = {};
  for (const f of TEXT_FIELDS) texts[f] = item[f] || '';
  state.findings = locateFindings(report?.findings || [], texts);
  state.checkedTexts = texts;
}

function paintFindings() {
  if (!view) return;
  view.checkStatus.textContent = state.checkedTexts ? findingsSummary(state.findings, state.checkedTexts) : '';
  replace(view.findingsSlot, findingsList(state.findings, { onSelect: selectFinding, onFix: view.canEdit ? applyFix : undefined }));
  for (const f of TEXT_FIELDS) {
    const el = view.fields[f];
    el.classList.remove('has-finding', 'sev-error', 'sev-warning', 'sev-info');
    const worst = ['error', 'warning', 'info'].find((s) => state.findings.some((x) => x.field === f && x.severity === s));
    if (worst) el.classList.add('has-finding', `sev-${worst}`);
  }
  paintBackdrop('body_ar');
  paintBackdrop('body_en');
}

function paintBackdrop(field, clear = false) {
  const backdrop = view.backdrops[field];
  const text = view.fields[field].value;
  const fits = !clear && state.checkedTexts && state.checkedTexts[field] === text;
  replace(backdrop, markedText(text, fits ? state.findings.filter((f) => f.field === field) : []));
}

function selectFinding(f) {
  const el = view.fields[f.field];
  if (!el) return;
  if (state.checkedTexts?.[f.field] !== el.value) {
    // The text changed since the check: find the excerpt again rather than select a stale range.
    const at = f.span?.excerpt ? el.value.indexOf(f.span.excerpt) : -1;
    if (at < 0) return;
    f = { ...f, start: at, end: at + f.span.excerpt.length };
  }
  el.focus({ preventScroll: true });
  el.setSelectionRange(f.start, f.end);
  const mark = view.backdrops[f.field]?.querySelector(`mark[data-index="${f.index}"]`);
  for (const m of view.main.querySelectorAll('mark.active')) m.classList.remove('active');
  mark?.classList.add('active');
  (mark || el).scrollIntoView({ block: 'center', behavior: 'auto' });
}

/** Puts the approved wording in place of the finding's span, then checks again. */
function applyFix(f, text) {
  const el = view.fields[f.field];
  if (!el || el.readOnly) return;
  let { start, end } = f;
  if (state.checkedTexts?.[f.field] !== el.value) {
    // Edited since the check: only where the excerpt is still found as it was.
    const at = f.span?.excerpt ? el.value.indexOf(f.span.excerpt) : -1;
    if (at < 0) return;
    start = at;
    end = at + f.span.excerpt.length;
  }
  el.focus({ preventScroll: true });
  el.setRangeText(text, start, end, 'select');
  onTextInput(f.field);
  view.formStatus.textContent = t('messaging.findings.fixed', { text });
}

// ---- save -----------------------------------------------------------------------------------

/** Saves the form (POST when new, PATCH with If-Match otherwise); true when saved. */
async function saveItem() {
  const d = readForm();
  view.formError.textContent = '';
  view.formStatus.textContent = '';
  for (const f of TEXT_FIELDS) d[f] = d[f].normalize('NFC');
  if (!d.title_ar.trim() && !d.title_en.trim()) {
    view.formError.textContent = t('messaging.editor.title_required');
    view.fields.title_ar.focus();
    return false;
  }
  if (!d.owner_entity_id) {
    view.formError.textContent = t('messaging.editor.owner_required');
    return false;
  }
  const body = {
    kind: d.kind, title_ar: d.title_ar, title_en: d.title_en, body_ar: d.body_ar, body_en: d.body_en,
    themes: d.themes, channels: d.channels, importance: d.importance, audience: d.audience,
  };
  const planned = plannedAt(d);
  if (view.save) view.save.disabled = true;
  view.form.setAttribute('aria-busy', 'true');
  try {
    let saved;
    if (!state.item) {
      if (planned) body.planned_at = planned;
      saved = await api('/api/v1/content-items', { method: 'POST', body: { ...body, owner_entity_id: Number(d.owner_entity_id) } });
    } else {
      body.planned_at = planned;
      saved = await api(`/api/v1/content-items/${encodeURIComponent(state.item.id)}`, {
        method: 'PATCH', body, headers: { 'If-Match': etag(state.item.version) },
      });
    }
    const created = !state.item;
    state.item = saved;
    state.id = String(saved.id);
    state.dirty = false;
    state.versions = await loadVersions(saved.id);
    // The report on the answer is the server's word on what was saved.
    applyReport(saved.alignment, saved);
    state.message = t('messaging.editor.saved', { version: saved.version });
    view.formStatus.textContent = state.message;
    const hint = view.form.querySelector('[data-testid="editor-dirty"]');
    if (hint) hint.textContent = '';
    view.owner.disabled = true;
    paintHead();
    paintFindings();
    paintWorkflow();
    paintChannels();
    paintHistory();
    if (created) location.hash = `#/editor/${encodeURIComponent(saved.id)}`;
    return true;
  } catch (err) {
    if (err.name === 'AbortError') return false;
    if (err.status === 412) {
      replace(view.conflict, conflictNotice('editor-conflict', () => reload().catch(ctxRef.notify)));
      view.conflict.querySelector('button')?.focus();
    } else {
      view.formError.textContent = err.message;
      const input = { title_ar: view.fields.title_ar, title_en: view.fields.title_en, body_ar: view.fields.body_ar, body_en: view.fields.body_en, planned_at: view.date, kind: view.kind, importance: view.importance, audience: view.audience }[err.field];
      input?.focus();
    }
    return false;
  } finally {
    if (view.save) view.save.disabled = false;
    view.form.removeAttribute('aria-busy');
  }
}
