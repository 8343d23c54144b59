// The calendar's side panel: an item's details (local times, conflicts, a link to the editor for
// planned content items) and the entry form (create / edit with If-Match, delete with
// confirmation). After a save the conflicts the server found are shown at once: they are warnings,
// the entry is saved. A stale save or delete (412) offers a reload, as on the messaging pages.

import { api, etag } from '../api.js';
import { h, replace } from '../dom.js';
import { actionMenu } from '../menu.js';
import { t, has, pick, compare, dateTimeFormat, currentLang, besideHijri } from '../i18n.js';
import { themeName, vocabularyOptions, codes, termLabel, labelBySuffix, channelOptions } from '../reference.js';
import { can, canEverywhere, entitiesWhere } from '../permissions.js';
import { inputField, selectField, conflictNotice, langBlock } from '../fields.js';
import { formatDay } from '../days.js';
import { itemDays } from './dates.js';
import { zonedParts, zonedToIso } from '../time.js';
import { person } from '../people.js';
import { icon, stateIcon, channelLabel } from '../icons.js';


let ctx = null; // {slot, ref, notify, reload, data}
let panel = null; // {kind: 'detail', item, entry, warnings, note, opener} | {kind: 'form', entry, day, values, read, opener}

/** Binds the panel to the page's slot; keep = true keeps what it shows (a language switch). */
export function initPanel(context, keep = false) {
  ctx = context;
  if (!keep) panel = null;
}

/** Paints the panel again (after a language switch), keeping the form's values. */
export function repaintPanel() {
  if (!panel) return;
  if (panel.kind === 'form') {
    panel.values = panel.read?.() || panel.values;
    paintForm();
  } else {
    paintDetail();
  }
}

export function closePanel() {
  const opener = liveTwin(panel?.opener);
  panel = null;
  replace(ctx.slot);
  opener?.focus();
}

/**
 * The opener itself, or — when a reload painted the grid again since the panel opened — the new
 * element standing for the same chip (data-uid) or day (data-date), so focus goes back there.
 */
function liveTwin(el) {
  if (!el || el.isConnected) return el;
  const { testid, uid, date } = el.dataset;
  if (!testid || (!uid && !date)) return null;
  const key = uid ? `[data-uid="${CSS.escape(uid)}"]` : `[data-date="${CSS.escape(date)}"]`;
  return document.querySelector(`[data-testid="${CSS.escape(testid)}"]${key}`);
}

// ---- formatting -----------------------------------------------------------------------------

export function timeOf(iso) {
  return dateTimeFormat({ hour: 'numeric', minute: '2-digit' }).format(new Date(iso));
}

/** When an item happens, in the network's time zone with the digit preference. */
export function whenText(item) {
  const s = itemDays(item);
  if (!s.timed) {
    const range = s.first === s.last ? formatDay(s.first) : t('calendar.range', { from: formatDay(s.first), to: formatDay(s.last) });
    return `${range} (${t('calendar.all_day')})`;
  }
  const full = dateTimeFormat({ dateStyle: 'medium', timeStyle: 'short' });
  // With the Hijri preference, each date named is followed by its Hijri date.
  const start = besideHijri(full.format(new Date(item.starts_at)), new Date(item.starts_at));
  if (!item.ends_at) return start;
  const end = s.first === s.last ? timeOf(item.ends_at) : besideHijri(full.format(new Date(item.ends_at)), new Date(item.ends_at));
  return t('calendar.range', { from: start, to: end });
}

function entityLabel(item) {
  if (item.entity_id == null) return t('calendar.network');
  return pick({ name_ar: item.entity_name_ar, name_en: item.entity_name_en }, 'name')
    || pick(ctx.ref.entities.find((e) => String(e.id) === String(item.entity_id)), 'name');
}

/** Content items carry their workflow state; entries and initiatives a status of the calendar's catalogue. */
export function statusLabel(item) {
  if (item.source === 'content_item') return t(`messaging.state.${item.status}`);
  const key = `calendar.status.${item.status}`;
  // A status the calendar's catalogue lacks is another module's (e.g. a strategy activity's).
  return has(key) ? t(key) : labelBySuffix('_statuses', item.status) ?? item.status;
}

export function kindLabel(kind) {
  if (kind === 'initiative') return t('calendar.kind.initiative');
  if (codes('calendar_entry_kinds').includes(kind)) return termLabel('calendar_entry_kinds', kind);
  // Other modules' calendar sources declare their kinds as "<module>_calendar_kinds".
  return labelBySuffix('_calendar_kinds', kind) ?? termLabel('content_kinds', kind);
}

function conflictList(conflicts, testid, itemTestid) {
  const lang = currentLang();
  return h('ul', { class: 'cal-warning-list', dataset: { testid } }, conflicts.map((c) => h('li', { dataset: { testid: itemTestid, rule: c.rule } },
    h('span', { class: 'sev-badge sev-warning' }, t(`calendar.conflicts.rule_${c.rule}`)), ' ',
    h('span', { lang }, lang === 'ar' ? c.message_ar : c.message_en))));
}

// ---- detail ---------------------------------------------------------------------------------

/** Shows an item of the view; entries are read again for their description, location and version. */
export async function showDetail(item, { opener } = {}) {
  panel = { kind: 'detail', item, entry: null, warnings: null, note: null, opener };
  paintDetail();
  ctx.slot.querySelector('h2')?.focus();
  if (item.source !== 'entry') return;
  try {
    const entry = await api(`/api/v1/calendar/entries/${encodeURIComponent(item.id)}`);
    if (panel?.item !== item) return;
    // Painting again replaces the focused heading: keep focus in the panel (Escape closes it).
    const hadFocus = ctx.slot.contains(document.activeElement);
    panel.entry = entry;
    paintDetail();
    if (hadFocus) ctx.slot.querySelector('h2')?.focus();
  } catch (err) {
    ctx.notify(err);
  }
}

function paintDetail() {
  const { item, entry, warnings, note } = panel;
  const shown = entry || item;
  const lang = currentLang();
  const other = lang === 'ar' ? 'en' : 'ar';
  const conflicts = entry ? entry.conflicts || [] : (item.conflicts || []).map((i) => ctx.data()?.conflicts?.[i]).filter(Boolean);
  const row = (key, value) => (value ? [h('dt', {}, t(`calendar.field.${key}`)), h('dd', {}, value)] : null);
  const error = h('div', { class: 'form-error', role: 'alert', dataset: { testid: 'calendar-detail-error' } });
  const stale = h('div', { class: 'conflict-slot' });
  const canWrite = shown.source === 'entry' && can('calendar.entries.write', shown.entity_id ?? null);
  const section = h('section', {
    class: 'card cal-detail', 'aria-labelledby': 'calendar-detail-title', dataset: { testid: 'calendar-detail', uid: shown.uid },
    onkeydown: (e) => { if (e.key === 'Escape') closePanel(); },
  },
  h('div', { class: 'cal-detail-head' },
    h('h2', { id: 'calendar-detail-title', tabindex: '-1' }, pick(shown, 'title') || t('calendar.untitled')),
    h('button', { type: 'button', class: 'ghost small icon-button', 'aria-label': t('calendar.close'), dataset: { testid: 'calendar-detail-close' }, onclick: closePanel }, icon('close'))),
  shown[`title_${other}`] ? langBlock('p', other, shown[`title_${other}`], { class: 'muted' }) : null,
  note ? h('div', { class: 'form-status', role: 'status', dataset: { testid: 'calendar-detail-status' } }, note) : null,
  warnings ? (warnings.length
    ? h('div', { class: 'cal-warnings', role: 'alert', dataset: { testid: 'calendar-warnings' } },
      h('h3', {}, t('calendar.warnings.heading', { count: warnings.length })),
      h('p', { class: 'hint' }, t('calendar.warnings.hint')),
      conflictList(warnings, 'calendar-warning-list', 'calendar-warning'))
    : h('p', { class: 'cal-no-warnings', dataset: { testid: 'calendar-warnings-none' } }, t('calendar.warnings.none'))) : null,
  h('dl', { class: 'item-meta' },
    row('entity', entityLabel(shown)),
    row('kind', kindLabel(shown.kind)),
    row('when', whenText(shown)),
    row('importance', t(`calendar.importance.${shown.importance}`)),
    row('audience', shown.audience ? t(`calendar.audience.${shown.audience}`) : ''),
    row('status', shown.status ? h('span', { class: 'state-label' }, stateIcon(shown.status), statusLabel(shown)) : ''),
    row('themes', (shown.themes || []).map(themeName).join(t('calendar.list_separator'))),
    row('channels', shown.channels?.length ? h('ul', { class: 'chips', dataset: { testid: 'calendar-detail-channels' } },
      shown.channels.map((c) => h('li', { class: 'chip' }, channelLabel(c, t(`messaging.channel.${c}`))))) : ''),
    row('location', pick(shown, 'location')),
    row('created_by', shown.created_by ? person(shown.created_by) : '')),
  pick(shown, 'description') ? h('p', { class: 'cal-description', dir: 'auto' }, pick(shown, 'description')) : null,
  conflicts.length && !warnings ? h('div', { class: 'cal-item-conflicts' },
    h('h3', {}, t('calendar.detail.conflicts')), conflictList(conflicts, 'calendar-detail-conflicts', 'calendar-detail-conflict')) : null,
  error, stale,
  h('div', { class: 'card-actions' },
    shown.source === 'content_item' ? h('a', { class: 'button primary', href: `#/editor/${encodeURIComponent(shown.id)}`, dataset: { testid: 'calendar-detail-open' } }, t('calendar.detail.open_item')) : null,
    shown.source === 'initiative' ? h('a', { class: 'button primary', href: `#/initiatives/${encodeURIComponent(shown.id)}`, dataset: { testid: 'calendar-detail-open' } }, t('calendar.detail.open_initiative')) : null,
    canWrite ? h('button', { type: 'button', dataset: { testid: 'calendar-edit' }, disabled: !entry, onclick: () => showForm(entry, { opener: panel.opener }) }, icon('edit'), t('calendar.edit')) : null,
    canWrite && entry ? actionMenu({
      label: t('calendar.menu_label', { title: pick(entry, 'title') }),
      testid: 'calendar-menu',
      items: [{ label: t('calendar.delete'), danger: true, testid: 'calendar-delete', icon: 'delete', onSelect: (opener) => confirmDelete(entry, opener, error, stale) }],
    }) : null));
  replace(ctx.slot, section);
}

/**
 * A modal confirmation (<dialog>) appended to parent, named by testid: `<testid>-dialog` with the
 * buttons `<testid>-confirm` and `<testid>-cancel`; onConfirm runs on confirm, otherwise focus
 * returns to opener.
 */
export function confirmDialog(parent, { testid, title, body, confirm, cancel, opener, onConfirm }) {
  parent.querySelector('dialog.confirm-dialog')?.remove();
  const keep = h('button', { type: 'submit', value: 'cancel', dataset: { testid: `${testid}-cancel` } }, cancel);
  const dialog = h('dialog', { class: 'confirm-dialog', 'aria-labelledby': `${testid}-title`, 'aria-describedby': body ? `${testid}-body` : null, dataset: { testid: `${testid}-dialog` } },
    h('form', { method: 'dialog' },
      h('h2', { id: `${testid}-title` }, title),
      body ? h('p', { id: `${testid}-body` }, body) : null,
      h('div', { class: 'dialog-actions' },
        h('button', { type: 'submit', value: 'confirm', class: 'danger', dataset: { testid: `${testid}-confirm` } }, confirm),
        keep)));
  dialog.addEventListener('close', () => {
    const confirmed = dialog.returnValue === 'confirm';
    dialog.remove();
    if (confirmed) onConfirm();
    else if (opener?.isConnected) opener.focus();
  });
  parent.append(dialog);
  dialog.showModal();
  keep.focus();
}

function confirmDelete(entry, opener, error, stale) {
  confirmDialog(ctx.slot, {
    testid: 'calendar-delete',
    title: t('calendar.delete_dialog.title'),
    body: t('calendar.delete_dialog.body', { title: pick(entry, 'title') }),
    confirm: t('calendar.delete_dialog.confirm'),
    cancel: t('calendar.delete_dialog.cancel'),
    opener,
    onConfirm: async () => {
      try {
        await api(`/api/v1/calendar/entries/${encodeURIComponent(entry.id)}`, { method: 'DELETE', headers: { 'If-Match': etag(entry.version) } });
        closePanel();
        await ctx.reload();
        ctx.announce(t('calendar.deleted', { title: pick(entry, 'title') }));
      } catch (err) {
        if (err.status === 412) replace(stale, conflictNotice('calendar-stale', () => reopen(entry.id, false)));
        else error.textContent = err.message;
        if (err.status === 404) ctx.reload().catch(ctx.notify); // deleted meanwhile: its chip goes
      }
    },
  });
}

/** Reads an entry again after a 412 and shows it (in the form when edit is true). */
async function reopen(id, edit) {
  try {
    const entry = await api(`/api/v1/calendar/entries/${encodeURIComponent(id)}`);
    await ctx.reload();
    if (edit) showForm(entry, { opener: panel?.opener });
    else {
      panel = { kind: 'detail', item: entry, entry, warnings: null, note: null, opener: panel?.opener };
      paintDetail();
    }
  } catch (err) {
    ctx.notify(err);
  }
}

// ---- form -----------------------------------------------------------------------------------

/** The form's values for an entry (null: a new one on day). Days and times are the network's. */
function valuesOf(entry, day) {
  if (!entry) {
    const owners = writableEntities();
    return {
      entity_id: owners[0] ? owners[0].value : '', kind: 'announcement', title_ar: '', title_en: '', description_ar: '', description_en: '',
      all_day: false, start_date: day, start_time: '09:00', end_date: '', end_time: '', importance: 'normal', audience: 'public',
      status: 'confirmed', themes: [], channels: ['website'], location_ar: '', location_en: '',
    };
  }
  const v = {
    entity_id: entry.entity_id == null ? '' : String(entry.entity_id), kind: entry.kind, all_day: entry.all_day,
    importance: entry.importance, audience: entry.audience, status: entry.status, themes: [...(entry.themes || [])], channels: [...(entry.channels || [])],
    start_date: '', start_time: '', end_date: '', end_time: '',
  };
  for (const f of ['title_ar', 'title_en', 'description_ar', 'description_en', 'location_ar', 'location_en']) v[f] = entry[f] || '';
  if (entry.all_day) {
    v.start_date = entry.starts_at.slice(0, 10);
    v.end_date = entry.ends_at ? entry.ends_at.slice(0, 10) : '';
  } else {
    const local = (iso) => {
      const at = zonedParts(iso); // the network's day and time, as the form shows them
      return [at.day, at.time];
    };
    [v.start_date, v.start_time] = local(entry.starts_at);
    if (entry.ends_at) [v.end_date, v.end_time] = local(entry.ends_at);
  }
  return v;
}

/** Entities the caller may plan for: network admins first get "the whole network" (''). */
function writableEntities() {
  const list = entitiesWhere('calendar.entries.write', ctx.ref.entities)
    .sort((a, b) => compare(pick(a, 'name'), pick(b, 'name')))
    .map((e) => ({ value: String(e.id), label: pick(e, 'name') }));
  return canEverywhere('calendar.entries.write') ? [{ value: '', label: t('calendar.network') }, ...list] : list;
}

/** Opens the form: entry = null for a new entry on day. */
export function showForm(entry, { day, opener } = {}) {
  panel = { kind: 'form', entry, day, values: valuesOf(entry, day), opener };
  paintForm();
  ctx.slot.querySelector(entry ? 'h2' : '[data-testid="calendar-form-title-ar"]')?.focus();
}

function paintForm() {
  const { entry, values: v } = panel;
  const f = (name, label, opts) => inputField(`calendar-form-${name}`, label, { value: v[name], dataset: { testid: `calendar-form-${name.replace(/_/g, '-')}` }, ...opts });
  const sel = (name, label, options, attrs = {}) => selectField(`calendar-form-${name}`, label, options, v[name], { dataset: { testid: `calendar-form-${name.replace(/_/g, '-')}` }, ...attrs });
  const owners = entry ? [{ value: v.entity_id, label: entry.entity_id == null ? t('calendar.network') : entityLabel(entry) }] : writableEntities();
  const entity = sel('entity_id', t('calendar.field.entity'), owners, { disabled: !!entry });
  const kind = sel('kind', t('calendar.field.kind'), vocabularyOptions('calendar_entry_kinds'));
  const titleAr = f('title_ar', t('calendar.field.title_ar'), { lang: 'ar', maxlength: 500 });
  const titleEn = f('title_en', t('calendar.field.title_en'), { lang: 'en', maxlength: 500 });
  const allDay = h('input', { type: 'checkbox', id: 'calendar-form-all-day', checked: v.all_day, dataset: { testid: 'calendar-form-all-day' } });
  const startDate = f('start_date', t('calendar.field.start_date'), { type: 'date', required: true });
  const startTime = f('start_time', t('calendar.field.start_time'), { type: 'time', hint: t('calendar.field.local_time') });
  const endDate = f('end_date', t('calendar.field.end_date'), { type: 'date' });
  const endTime = f('end_time', t('calendar.field.end_time'), { type: 'time' });
  const importance = sel('importance', t('calendar.field.importance'), vocabularyOptions('importance'));
  const audience = sel('audience', t('calendar.field.audience'), vocabularyOptions('audiences'));
  const status = sel('status', t('calendar.field.status'), vocabularyOptions('calendar_entry_statuses'));
  const locAr = f('location_ar', t('calendar.field.location_ar'), { lang: 'ar', maxlength: 500 });
  const locEn = f('location_en', t('calendar.field.location_en'), { lang: 'en', maxlength: 500 });
  const descAr = f('description_ar', t('calendar.field.description_ar'), { tag: 'textarea', rows: 3, lang: 'ar', maxlength: 5000 });
  const descEn = f('description_en', t('calendar.field.description_en'), { tag: 'textarea', rows: 3, lang: 'en', maxlength: 5000 });
  const checks = (name, legend, options, testid) => h('fieldset', { class: 'check-group', dataset: { testid: `calendar-form-${name}` } },
    h('legend', {}, legend),
    h('div', { class: 'check-list' }, options.map((o) => {
      const id = `calendar-form-${name}-${o.value}`;
      return h('div', { class: 'choice' },
        h('input', { type: 'checkbox', id, value: o.value, checked: v[name].includes(o.value), dataset: { testid } }),
        h('label', { for: id }, o.icon ? o.icon() : null, o.label));
    })));
  const themes = checks('themes', t('calendar.field.themes'), ctx.ref.themes.map((th) => ({ value: th.code, label: pick(th, 'name') })), 'calendar-form-theme');
  const channels = checks('channels', t('calendar.field.channels'), channelOptions(), 'calendar-form-channel');
  const timeFields = [startTime.field, endTime.field];
  const syncAllDay = () => timeFields.forEach((el) => { el.hidden = allDay.checked; });
  allDay.addEventListener('change', syncAllDay);
  syncAllDay();
  const error = h('div', { class: 'form-error', role: 'alert', dataset: { testid: 'calendar-form-error' } });
  const stale = h('div', { class: 'conflict-slot' });
  const save = h('button', { type: 'submit', class: 'primary', dataset: { testid: 'calendar-form-save' } }, icon('save'), t('calendar.save'));
  const form = h('form', {
    class: 'card cal-form', novalidate: true, 'aria-labelledby': 'calendar-form-heading', dataset: { testid: 'calendar-form' },
    onkeydown: (e) => { if (e.key === 'Escape') closePanel(); },
  },
  h('h2', { id: 'calendar-form-heading', tabindex: '-1' }, t(entry ? 'calendar.form.edit' : 'calendar.form.new')),
  h('div', { class: 'meta-grid' }, entity.field, kind.field),
  titleAr.field, titleEn.field,
  h('div', { class: 'choice cal-all-day' }, allDay, h('label', { for: 'calendar-form-all-day' }, t('calendar.field.all_day'))),
  h('div', { class: 'meta-grid' }, startDate.field, startTime.field, endDate.field, endTime.field),
  h('div', { class: 'meta-grid' }, importance.field, audience.field, status.field),
  themes, channels,
  h('div', { class: 'meta-grid' }, locAr.field, locEn.field),
  descAr.field, descEn.field,
  error, stale,
  h('div', { class: 'form-actions' }, save,
    h('button', { type: 'button', dataset: { testid: 'calendar-form-cancel' }, onclick: () => (entry ? showDetail(entry, { opener: panel.opener }) : closePanel()) }, t('calendar.cancel'))));

  const read = () => ({
    entity_id: entity.select.value, kind: kind.select.value, title_ar: titleAr.input.value, title_en: titleEn.input.value,
    description_ar: descAr.input.value, description_en: descEn.input.value, all_day: allDay.checked,
    start_date: startDate.input.value, start_time: startTime.input.value, end_date: endDate.input.value, end_time: endTime.input.value,
    importance: importance.select.value, audience: audience.select.value, status: status.select.value,
    themes: [...themes.querySelectorAll('input:checked')].map((i) => i.value),
    channels: [...channels.querySelectorAll('input:checked')].map((i) => i.value),
    location_ar: locAr.input.value, location_en: locEn.input.value,
  });
  panel.read = read;
  const inputs = {
    title_ar: titleAr.input, title_en: titleEn.input, starts_at: startDate.input, ends_at: endDate.input, kind: kind.select,
    importance: importance.select, audience: audience.select, status: status.select, themes: themes.querySelector('input'),
    location_ar: locAr.input, location_en: locEn.input, description_ar: descAr.input, description_en: descEn.input, entity_id: entity.select,
  };
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    const values = read();
    const body = bodyOf(values);
    if (body.problem) {
      error.textContent = t(`calendar.form.${body.problem}`);
      inputs[body.field]?.focus();
      return;
    }
    delete body.problem;
    save.disabled = true;
    form.setAttribute('aria-busy', 'true');
    try {
      let saved;
      if (entry) {
        saved = await api(`/api/v1/calendar/entries/${encodeURIComponent(entry.id)}`, { method: 'PATCH', body, headers: { 'If-Match': etag(entry.version) } });
      } else {
        if (body.ends_at === null) delete body.ends_at; // PATCH clears with null; a new entry simply has none
        saved = await api('/api/v1/calendar/entries', { method: 'POST', body: { ...body, entity_id: values.entity_id ? Number(values.entity_id) : null } });
      }
      panel = { kind: 'detail', item: saved, entry: saved, warnings: saved.conflicts || [], note: t(entry ? 'calendar.updated' : 'calendar.created'), opener: panel.opener };
      paintDetail();
      ctx.slot.querySelector('h2')?.focus();
      await ctx.reload();
    } catch (err) {
      if (err.name === 'AbortError') return;
      if (err.status === 412) {
        replace(stale, conflictNotice('calendar-stale', () => reopen(entry.id, true)));
        stale.querySelector('button')?.focus();
      } else {
        error.textContent = err.message;
        inputs[err.field]?.focus();
        if (err.status === 404) ctx.reload().catch(ctx.notify); // deleted meanwhile: its chip goes
      }
    } finally {
      save.disabled = false;
      form.removeAttribute('aria-busy');
    }
  });
  replace(ctx.slot, form);
}

/** The request body for the form's values, or {problem, field} when something is missing. */
function bodyOf(v) {
  if (!v.title_ar.trim() && !v.title_en.trim()) return { problem: 'title_required', field: 'title_ar' };
  if (!v.start_date) return { problem: 'start_required', field: 'starts_at' };
  const body = {
    kind: v.kind, title_ar: v.title_ar.trim(), title_en: v.title_en.trim(), description_ar: v.description_ar.trim(), description_en: v.description_en.trim(),
    importance: v.importance, audience: v.audience, status: v.status, themes: v.themes, channels: v.channels,
    location_ar: v.location_ar.trim(), location_en: v.location_en.trim(),
  };
  if (v.all_day) {
    body.starts_at = v.start_date;
    body.ends_at = v.end_date && v.end_date > v.start_date ? v.end_date : null;
    return body;
  }
  if (!v.start_time) return { problem: 'time_required', field: 'starts_at' };
  body.starts_at = utc(v.start_date, v.start_time);
  body.ends_at = v.end_time ? utc(v.end_date || v.start_date, v.end_time) : null;
  return body;
}

/** A day and time of the network's time zone as the API's UTC form (YYYY-MM-DDTHH:MM:SSZ). */
function utc(day, time) {
  return zonedToIso(day, time);
}
