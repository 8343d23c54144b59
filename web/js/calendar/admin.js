// Blackouts and the conflict window (shown to network admins and entity admins): the list of
// blackout dates with their scope and reason, lifting one (with confirmation), declaring new ones
// (network-wide: network admins; an entity's own: its entity admins) and, for network admins, the
// conflict window in hours and the network's time zone (PUT with If-Match; 412 offers a reload).

import { api, etag } from '../api.js';
import { h, replace } from '../dom.js';
import { actionMenu } from '../menu.js';
import { t, pick, compare, formatNumber, currentLang } from '../i18n.js';
import { setNetworkZone } from '../time.js';
import { formatDay } from '../days.js';
import { entityName } from '../reference.js';
import { can, canEverywhere, entitiesWhere } from '../permissions.js';
import { inputField, selectField, conflictNotice, langBlock } from '../fields.js';
import { icon } from '../icons.js';
import { confirmDialog } from './panel.js';

/** True when the caller may manage some blackouts (or the window). */
export function mayAdminister() {
  return can('calendar.blackouts.write') || can('calendar.settings.write') || can('network.settings.write');
}

function scopes(ref) {
  const own = entitiesWhere('calendar.blackouts.write', ref.entities)
    .sort((a, b) => compare(pick(a, 'name'), pick(b, 'name')))
    .map((e) => ({ value: String(e.id), label: pick(e, 'name') }));
  return canEverywhere('calendar.blackouts.write') ? [{ value: '', label: t('calendar.network') }, ...own] : own;
}

function mayLift(b, ref) {
  return can('calendar.blackouts.write', b.entity_id ?? null);
}

/** The admin section; onChanged() reloads the calendar after a change. */
export async function adminSection(ref, { notify, onChanged }) {
  const section = h('section', { id: 'calendar-admin', class: 'card cal-admin', 'aria-labelledby': 'calendar-admin-heading', dataset: { testid: 'calendar-admin' } },
    h('h2', { id: 'calendar-admin-heading', tabindex: '-1' }, t('calendar.admin.heading')));
  const listSlot = h('div', {});
  const status = h('div', { class: 'form-status', role: 'status', dataset: { testid: 'calendar-admin-status' } });
  const paintList = async () => {
    const answer = await api('/api/v1/calendar/blackouts');
    const items = answer?.items || [];
    replace(listSlot, items.length === 0 ? h('p', { class: 'muted' }, t('calendar.blackouts.empty'))
      : h('ul', { class: 'cal-blackout-list', dataset: { testid: 'calendar-blackout-list' } }, items.map((b) => h('li', { dataset: { testid: 'calendar-blackout-item', id: String(b.id) } },
        h('strong', {}, b.ends_on && b.ends_on !== b.starts_on ? t('calendar.range', { from: formatDay(b.starts_on), to: formatDay(b.ends_on) }) : formatDay(b.starts_on)),
        ' · ', h('span', { class: 'muted' }, b.entity_id == null ? t('calendar.network') : entityName(b.entity_id)),
        h('div', { class: 'bi', dir: 'rtl' }, langBlock('span', 'ar', b.reason_ar), langBlock('span', 'en', b.reason_en)),
        mayLift(b, ref) ? actionMenu({
          label: t('calendar.blackouts.menu_label', { reason: pick(b, 'reason') }),
          testid: 'calendar-blackout-menu',
          items: [{ label: t('calendar.blackouts.lift'), danger: true, testid: 'calendar-blackout-delete', icon: 'delete', onSelect: (opener) => confirmLift(b, opener) }],
        }) : null))));
  };

  const confirmLift = (b, opener) => confirmDialog(section, {
    testid: 'calendar-blackout',
    title: t('calendar.blackouts.lift_title', { reason: pick(b, 'reason') }),
    confirm: t('calendar.blackouts.lift'),
    cancel: t('calendar.delete_dialog.cancel'),
    opener,
    onConfirm: async () => {
      try {
        await api(`/api/v1/calendar/blackouts/${encodeURIComponent(b.id)}`, { method: 'DELETE' });
        status.textContent = t('calendar.blackouts.lifted');
        await paintList();
        onChanged();
      } catch (err) {
        notify(err);
      }
    },
  });

  // New blackout.
  const options = scopes(ref);
  const scope = selectField('calendar-blackout-scope', t('calendar.blackouts.scope'), options, options[0]?.value ?? '', { dataset: { testid: 'calendar-blackout-scope' } });
  const from = inputField('calendar-blackout-from', t('calendar.blackouts.from'), { type: 'date', required: true, dataset: { testid: 'calendar-blackout-from' } });
  const until = inputField('calendar-blackout-until', t('calendar.blackouts.until'), { type: 'date', dataset: { testid: 'calendar-blackout-until' } });
  const reasonAr = inputField('calendar-blackout-reason-ar', t('calendar.blackouts.reason_ar'), { lang: 'ar', maxlength: 500, required: true, dataset: { testid: 'calendar-blackout-reason-ar' } });
  const reasonEn = inputField('calendar-blackout-reason-en', t('calendar.blackouts.reason_en'), { lang: 'en', maxlength: 500, required: true, dataset: { testid: 'calendar-blackout-reason-en' } });
  const formError = h('div', { class: 'form-error', role: 'alert', dataset: { testid: 'calendar-blackout-error' } });
  const form = h('form', { class: 'cal-blackout-form', novalidate: true, 'aria-labelledby': 'calendar-blackout-new', dataset: { testid: 'calendar-blackout-form' } },
    h('h3', { id: 'calendar-blackout-new' }, t('calendar.blackouts.new')),
    h('div', { class: 'meta-grid' }, scope.field, from.field, until.field),
    h('div', { class: 'bi', dir: 'rtl' }, reasonAr.field, reasonEn.field),
    formError,
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'primary', dataset: { testid: 'calendar-blackout-save' } }, icon('save'), t('calendar.blackouts.save'))));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    formError.textContent = '';
    status.textContent = '';
    if (!from.input.value || !reasonAr.input.value.trim() || !reasonEn.input.value.trim()) {
      formError.textContent = t('calendar.blackouts.required');
      (from.input.value ? (reasonAr.input.value.trim() ? reasonEn.input : reasonAr.input) : from.input).focus();
      return;
    }
    const body = { entity_id: scope.select.value ? Number(scope.select.value) : null, starts_on: from.input.value, reason_ar: reasonAr.input.value.trim(), reason_en: reasonEn.input.value.trim() };
    if (until.input.value) body.ends_on = until.input.value;
    try {
      await api('/api/v1/calendar/blackouts', { method: 'POST', body });
      form.reset();
      status.textContent = t('calendar.blackouts.saved');
      await paintList();
      onChanged();
    } catch (err) {
      formError.textContent = err.message;
    }
  });

  section.append(h('h3', {}, t('calendar.blackouts.heading')), listSlot, status, options.length ? form : null);
  if (can('calendar.settings.write')) section.append(await windowForm(notify, onChanged));
  if (can('network.settings.write')) section.append(await zoneForm(notify, onChanged));
  await paintList();
  return section;
}

/** The conflict window (network admins). */
async function windowForm(notify, onChanged) {
  const box = h('div', { class: 'cal-window' });
  const paint = async () => {
    const settings = await api('/api/v1/calendar/settings');
    const hours = inputField('calendar-window', t('calendar.settings.window'), {
      type: 'number', min: 1, max: 336, step: 1, value: String(settings.conflict_window_hours), hint: t('calendar.settings.window_hint'),
      dataset: { testid: 'calendar-window' },
    });
    const error = h('div', { class: 'form-error', role: 'alert', dataset: { testid: 'calendar-window-error' } });
    const status = h('div', { class: 'form-status', role: 'status', dataset: { testid: 'calendar-window-status' } });
    const stale = h('div', { class: 'conflict-slot' });
    const form = h('form', { class: 'cal-window-form', novalidate: true, 'aria-labelledby': 'calendar-window-heading' },
      h('h3', { id: 'calendar-window-heading' }, t('calendar.settings.heading')),
      hours.field, error, status, stale,
      h('button', { type: 'submit', class: 'primary', dataset: { testid: 'calendar-window-save' } }, icon('save'), t('calendar.settings.save')));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      error.textContent = '';
      const value = Number(hours.input.value);
      try {
        const saved = await api('/api/v1/calendar/settings', {
          method: 'PUT', body: { conflict_window_hours: value }, headers: { 'If-Match': etag(settings.version) },
        });
        settings.version = saved.version;
        status.textContent = t('calendar.settings.saved', { hours: formatNumber(saved.conflict_window_hours) });
        onChanged();
      } catch (err) {
        if (err.status === 412) replace(stale, conflictNotice('calendar-window-stale', () => paint().catch(notify)));
        else error.textContent = err.message;
      }
    });
    replace(box, form);
  };
  await paint();
  return box;
}

/** The IANA zones this browser knows, each with its name in the current language. */
function zoneOptions(current) {
  const ids = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  if (!ids.includes(current)) ids.push(current);
  const lang = currentLang();
  return ids.map((id) => {
    let name = '';
    try {
      name = new Intl.DateTimeFormat(lang, { timeZone: id, timeZoneName: 'longGeneric' }).formatToParts(0).find((p) => p.type === 'timeZoneName')?.value || '';
    } catch { /* a zone without a name in this language */ }
    return { value: id, label: name ? `${id} — ${name}` : id };
  });
}

/** The network's time zone (network admins). */
async function zoneForm(notify, onChanged) {
  const box = h('div', { class: 'cal-window' });
  const paint = async () => {
    const settings = await api('/api/v1/network/settings');
    const zone = selectField('network-zone', t('calendar.zone.label'), zoneOptions(settings.time_zone), settings.time_zone,
      { dataset: { testid: 'network-zone' } });
    const hint = h('p', { class: 'hint', id: 'network-zone-hint' }, t('calendar.zone.hint'));
    zone.select.setAttribute('aria-describedby', 'network-zone-hint');
    const error = h('div', { class: 'form-error', role: 'alert', dataset: { testid: 'network-zone-error' } });
    const status = h('div', { class: 'form-status', role: 'status', dataset: { testid: 'network-zone-status' } });
    const stale = h('div', { class: 'conflict-slot' });
    const form = h('form', { class: 'cal-window-form', novalidate: true, 'aria-labelledby': 'network-zone-heading' },
      h('h3', { id: 'network-zone-heading' }, t('calendar.zone.heading')),
      zone.field, hint, error, status, stale,
      h('button', { type: 'submit', class: 'primary', dataset: { testid: 'network-zone-save' } }, icon('save'), t('calendar.zone.save')));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      error.textContent = '';
      try {
        const saved = await api('/api/v1/network/settings', {
          method: 'PUT', body: { time_zone: zone.select.value }, headers: { 'If-Match': etag(settings.version) },
        });
        settings.version = saved.version;
        setNetworkZone(saved.time_zone);
        status.textContent = t('calendar.zone.saved', { zone: saved.time_zone });
        onChanged();
      } catch (err) {
        if (err.status === 412) replace(stale, conflictNotice('network-zone-stale', () => paint().catch(notify)));
        else error.textContent = err.message;
      }
    });
    replace(box, form);
  };
  await paint();
  return box;
}
