// The shared calendar (#/calendar[/<month|week>/<YYYY-MM-DD>][?entity_id=&theme=&channel=&kind=]):
// calendar entries and planned content items of every entity in a month or week grid (Monday
// first; in Arabic the first day is on the right), coloured by importance, with blackout days
// shaded, items in conflict marked and every conflict listed; filters and the period live in the
// hash so a filtered calendar can be bookmarked. Side panel: an item's details, the entry form
// (panel.js) and, for admins, blackouts and the conflict window (admin.js).
//
// The hash is the state: prev/next/today, the view toggle and the filters change it and the router
// renders again; the page's skeleton is kept so focus stays on the control that was used.

import { api } from '../api.js';
import { h, replace, swatch } from '../dom.js';
import { t, pick, compare, formatNumber, dayFormat, currentLang } from '../i18n.js';
import { loadReference, vocabularyOptions, codes } from '../reference.js';
import { can } from '../permissions.js';
import { selectField } from '../fields.js';
import { formatDay, formatDayRange, hijriDay, hijriMonths } from '../days.js';
import { zoneName } from '../time.js';
import { icon } from '../icons.js';
import { today, parseDay, addDays, weekdayIndex, gridDays, shift, layoutWeek, blackoutsOn, itemDays } from './dates.js';
import { initPanel, showDetail, showForm, repaintPanel, whenText, timeOf, statusLabel, kindLabel } from './panel.js';
import { adminSection, mayAdminister } from './admin.js';

export const modules = ['calendar', 'messaging'];
export const titleKey = 'calendar.title';

const VIEWS = ['month', 'week'];
const FILTERS = ['entity_id', 'theme', 'channel', 'kind'];

const state = {
  view: 'month',
  date: today(),
  filters: { entity_id: '', theme: '', channel: '', kind: '' },
  data: null, // the last GET /api/v1/calendar answer
  focusUids: [], // items of the conflict chosen in the panel
  focusDay: null, // the day head that keeps the grid's tab stop
  pendingFocus: false, // focus focusDay once the next period is painted (keyboard paging)
};
let view = null; // the page's elements, kept across hash changes
let ctxRef = null;
let loadSeq = 0;

export async function render(main, args, ctx) {
  ctxRef = ctx;
  const ref = await loadReference(ctx.changedPage);
  state.view = VIEWS.includes(args[0]) ? args[0] : 'month';
  state.date = parseDay(args[1]) ? args[1] : today();
  for (const f of FILTERS) state.filters[f] = ctx.query?.get(f) || '';
  if (!view || view.main !== main || main.dataset.page !== 'calendar' || ctx.changedPage || ctx.relang) build(main, ref, ctx);
  syncControls();
  await load();
  if (ctx.relang) repaintPanel();
}

// ---- navigation -----------------------------------------------------------------------------

/** The hash for a view, day and filters (the current ones unless given). */
function hashFor({ view: v = state.view, date = state.date, filters = state.filters } = {}) {
  const q = new URLSearchParams();
  for (const f of FILTERS) if (filters[f]) q.set(f, filters[f]);
  const query = q.toString();
  return `#/calendar/${v}/${date}${query ? `?${query}` : ''}`;
}

function go(next) {
  const hash = hashFor(next);
  if (location.hash === hash) load().catch(ctxRef.notify);
  else location.hash = hash;
}

// ---- skeleton -------------------------------------------------------------------------------

function build(main, ref, ctx) {
  main.dataset.page = 'calendar';
  const entities = [...ref.entities].sort((a, b) => compare(pick(a, 'name'), pick(b, 'name')));
  const themes = [...ref.themes].sort((a, b) => compare(pick(a, 'name'), pick(b, 'name')));
  const all = { value: '', label: t('calendar.filter.all') };
  const entity = selectField('calendar-entity', t('calendar.filter.entity'),
    [all, ...entities.map((e) => ({ value: String(e.id), label: pick(e, 'name') }))], '', { dataset: { testid: 'calendar-filter-entity' } });
  const theme = selectField('calendar-theme', t('calendar.filter.theme'),
    [all, ...themes.map((th) => ({ value: th.code, label: pick(th, 'name') }))], '', { dataset: { testid: 'calendar-filter-theme' } });
  const channel = selectField('calendar-channel', t('calendar.filter.channel'),
    [all, ...vocabularyOptions('channels')], '', { dataset: { testid: 'calendar-filter-channel' } });
  const kind = selectField('calendar-kind', t('calendar.filter.kind'), [all,
    ...[...codes('calendar_entry_kinds'), ...codes('content_kinds'), 'initiative'].map((k) => ({ value: k, label: kindLabel(k) }))], '', { dataset: { testid: 'calendar-filter-kind' } });
  const filters = h('form', { class: 'filters', role: 'search', 'aria-label': t('calendar.filter.label'), onsubmit: (e) => e.preventDefault() },
    entity.field, theme.field, channel.field, kind.field);
  filters.addEventListener('change', () => go({
    filters: { entity_id: entity.select.value, theme: theme.select.value, channel: channel.select.value, kind: kind.select.value },
  }));

  const period = h('h2', { id: 'calendar-period', class: 'cal-period', 'aria-live': 'polite', dataset: { testid: 'calendar-period' } });
  const viewButton = (v) => h('button', {
    type: 'button', class: 'seg', 'aria-pressed': 'false', dataset: { testid: `calendar-view-${v}` },
    onclick: () => go({ view: v }),
  }, t(`calendar.view.${v}`));
  const monthBtn = viewButton('month');
  const weekBtn = viewButton('week');
  const exportLink = h('a', { class: 'button', download: 'sawt-calendar.ics', dataset: { testid: 'calendar-export' } }, icon('download'), t('calendar.export'));
  const toolbar = h('div', { class: 'cal-toolbar', role: 'toolbar', 'aria-label': t('calendar.toolbar'), 'aria-controls': 'calendar-grid' },
    h('div', { class: 'cal-nav' },
      h('button', { type: 'button', dataset: { testid: 'calendar-prev' }, 'aria-label': t('calendar.prev_label'), onclick: () => go({ date: shift(state.view, state.date, -1) }) },
        h('span', { class: 'cal-arrow prev', 'aria-hidden': 'true' }), t('calendar.prev')),
      h('button', { type: 'button', dataset: { testid: 'calendar-today' }, onclick: () => go({ date: today() }) }, t('calendar.today')),
      h('button', { type: 'button', dataset: { testid: 'calendar-next' }, 'aria-label': t('calendar.next_label'), onclick: () => go({ date: shift(state.view, state.date, 1) }) },
        t('calendar.next'), h('span', { class: 'cal-arrow next', 'aria-hidden': 'true' }))),
    period,
    h('div', { class: 'seg-group', role: 'group', 'aria-label': t('calendar.view.label') }, monthBtn, weekBtn),
    exportLink);

  const status = h('p', { class: 'muted', role: 'status', dataset: { testid: 'calendar-status' } });
  const announce = h('p', { class: 'visually-hidden', role: 'status', dataset: { testid: 'calendar-announce' } });
  const grid = h('div', {
    id: 'calendar-grid', class: 'cal-grid', role: 'group', 'aria-roledescription': t('calendar.roledescription'),
    'aria-labelledby': 'calendar-period', 'aria-describedby': 'calendar-keys', dataset: { testid: 'calendar' },
  });
  // Phones show the period as an agenda (days with something on them, in order) instead of the grid.
  const agenda = h('div', { class: 'cal-agenda', 'aria-labelledby': 'calendar-period', dataset: { testid: 'calendar-agenda' } });
  const conflicts = h('section', { class: 'card cal-conflicts', 'aria-labelledby': 'calendar-conflicts-heading', dataset: { testid: 'calendar-conflicts' } });
  const panel = h('div', { class: 'cal-panel-slot' });
  const admin = h('div', { class: 'cal-admin-slot' });
  const canWrite = can('calendar.entries.write');
  replace(main,
    h('div', { class: 'page-head' },
      h('h1', { tabindex: '-1' }, t('calendar.title')),
      canWrite ? h('button', {
        type: 'button', class: 'primary', dataset: { testid: 'calendar-new' },
        onclick: (e) => showForm(null, { day: state.focusDay || state.date, opener: e.currentTarget }),
      }, icon('add'), t('calendar.new')) : null,
      mayAdminister() ? h('button', {
        type: 'button', 'aria-expanded': 'false', 'aria-controls': 'calendar-admin', dataset: { testid: 'calendar-admin-toggle' },
        onclick: (e) => toggleAdmin(e.currentTarget),
      }, icon('settings'), t('calendar.admin.open')) : null),
    filters, toolbar, status, announce, legend(),
    h('div', { class: 'cal-layout' },
      h('div', { class: 'cal-main' }, grid, agenda, h('p', { id: 'calendar-keys', class: 'hint' }, t('calendar.keys'))),
      h('aside', { class: 'cal-side', 'aria-label': t('calendar.side_label') }, conflicts, panel)),
    admin);
  initPanel({
    slot: panel, ref, notify: ctx.notify, reload: () => load(), data: () => state.data,
    announce: (text) => { announce.textContent = text; },
  }, ctx.relang);
  view = { main, ref, entity: entity.select, theme: theme.select, channel: channel.select, kind: kind.select, period, monthBtn, weekBtn, exportLink, status, grid, agenda, conflicts, panel, admin };
}

function legend() {
  return h('ul', { class: 'cal-legend', 'aria-label': t('calendar.legend') },
    ['high', 'normal', 'low'].map((i) => h('li', {}, h('span', { class: `cal-key imp-${i}`, 'aria-hidden': 'true' }), t(`calendar.importance.${i}`))),
    h('li', {}, h('span', { class: 'cal-key conflict', 'aria-hidden': 'true' }, '!'), t('calendar.legend_conflict')),
    h('li', {}, h('span', { class: 'cal-key blackout', 'aria-hidden': 'true' }), t('calendar.legend_blackout')),
    h('li', {}, h('span', { class: 'cal-key content', 'aria-hidden': 'true' }), t('calendar.legend_content')),
    h('li', {}, h('span', { class: 'cal-key initiative', 'aria-hidden': 'true' }), t('calendar.legend_initiative')));
}

async function toggleAdmin(button) {
  const open = button.getAttribute('aria-expanded') !== 'true';
  button.setAttribute('aria-expanded', String(open));
  replace(button, icon('settings'), t(open ? 'calendar.admin.close' : 'calendar.admin.open'));
  if (!open) {
    replace(view.admin);
    return;
  }
  replace(view.admin, await adminSection(view.ref, { notify: ctxRef.notify, onChanged: () => load().catch(ctxRef.notify) }));
  view.admin.querySelector('h2')?.focus();
}

function syncControls() {
  view.entity.value = state.filters.entity_id;
  view.theme.value = state.filters.theme;
  view.channel.value = state.filters.channel;
  view.kind.value = state.filters.kind;
  view.monthBtn.setAttribute('aria-pressed', String(state.view === 'month'));
  view.weekBtn.setAttribute('aria-pressed', String(state.view === 'week'));
  const days = gridDays(state.view, state.date);
  const q = new URLSearchParams({ from: days[0], to: days[days.length - 1] });
  for (const f of FILTERS) if (state.filters[f]) q.set(f, state.filters[f]);
  q.set('lang', currentLang());
  view.exportLink.href = `/api/v1/calendar.ics?${q}`;
  view.period.textContent = periodTitle(days);
}

function periodTitle(days) {
  if (state.view === 'month') {
    // With the Hijri preference, the Hijri months the Gregorian month spans follow it.
    const d = parseDay(state.date);
    const first = `${state.date.slice(0, 8)}01`;
    const last = addDays(shift('month', state.date, 1), -1);
    const hijri = hijriMonths(first, last);
    const month = dayFormat({ month: 'long', year: 'numeric' }).format(d);
    return hijri ? `${month} (${hijri})` : month;
  }
  return t('calendar.week_of', { range: formatDayRange(days[0], days[6]) });
}

// ---- data -----------------------------------------------------------------------------------

/** Loads the view for the current period and filters and paints the grid and the conflicts. */
export async function load() {
  const seq = ++loadSeq;
  const days = gridDays(state.view, state.date);
  view.grid.setAttribute('aria-busy', 'true');
  try {
    const data = await api('/api/v1/calendar', { query: { from: days[0], to: days[days.length - 1], ...state.filters } });
    if (seq !== loadSeq || !view.grid.isConnected) return;
    state.data = data;
    state.focusUids = state.focusUids.filter((u) => data.items.some((i) => i.uid === u));
    if (!days.includes(state.focusDay)) state.focusDay = days.includes(today()) ? today() : (days.includes(state.date) ? state.date : days[0]);
    paintGrid(days);
    paintAgenda(days);
    paintConflicts();
    if (state.pendingFocus) {
      state.pendingFocus = false;
      view.grid.querySelector(`[data-testid="calendar-day"][data-date="${state.focusDay}"]`)?.focus();
    }
    view.status.textContent = [
      t('calendar.count', { count: data.items.length }),
      t('calendar.conflict_count', { count: data.conflicts.length }),
      t('calendar.window', { hours: data.window_hours }),
      t('calendar.zone.note', { zone: zoneName(currentLang()) }),
    ].join(t('calendar.separator'));
  } finally {
    if (seq === loadSeq) view.grid.removeAttribute('aria-busy');
  }
}

// ---- the grid -------------------------------------------------------------------------------

function paintGrid(days) {
  const { items, blackouts } = state.data;
  const weekday = dayFormat({ weekday: 'long' });
  const weekdayShort = dayFormat({ weekday: 'short' });
  const month = parseDay(state.date).getUTCMonth();
  view.grid.className = `cal-grid view-${state.view}`;
  const head = h('div', { class: 'cal-weekdays', 'aria-hidden': 'true' }, days.slice(0, 7).map((d) => h('div', { class: 'cal-weekday' },
    h('abbr', { title: weekday.format(parseDay(d)) }, (state.view === 'week' ? weekday : weekdayShort).format(parseDay(d))))));
  const weeks = [];
  for (let w = 0; w < days.length; w += 7) {
    const week = days.slice(w, w + 7);
    weeks.push(weekRow(week, layoutWeek(week, items), blackouts, month));
  }
  replace(view.grid, head, weeks);
}

function paintAgenda(days) {
  const { items, blackouts } = state.data;
  const month = parseDay(state.date).getUTCMonth();
  const shown = state.view === 'month' ? days.filter((d) => parseDay(d).getUTCMonth() === month) : days;
  const dayLabel = dayFormat({ weekday: 'long', day: 'numeric', month: 'long' });
  const todayDay = today();
  const sections = [];
  const agendaChip = (it) => {
    const el = chip(it, {});
    el.dataset.testid = 'calendar-agenda-item';
    return h('li', {}, el);
  };
  // What runs for several days (initiatives, campaigns) is listed once, above the days.
  const multiDay = (it) => { const s = itemDays(it); return s.first !== s.last; };
  const ongoing = items.filter(multiDay);
  if (ongoing.length) {
    sections.push(h('section', { class: 'cal-agenda-day cal-agenda-ongoing', dataset: { testid: 'calendar-agenda-ongoing' } },
      h('h3', {}, t('calendar.agenda.ongoing')), h('ul', {}, ongoing.map(agendaChip))));
  }
  for (const day of shown) {
    const on = items.filter((it) => { const s = itemDays(it); return !multiDay(it) && s.first <= day && s.last >= day; })
      .sort((a, b) => Number(b.all_day) - Number(a.all_day) || compare(a.starts_at, b.starts_at));
    const closed = blackoutsOn(day, blackouts);
    if (!on.length && !closed.length) continue;
    sections.push(h('section', { class: `cal-agenda-day${day === todayDay ? ' today' : ''}`, dataset: { testid: 'calendar-agenda-day', date: day } },
      h('h3', {}, dayLabel.format(parseDay(day)), hijriDay(day) ? ` (${hijriDay(day)})` : '', day === todayDay ? ` — ${t('calendar.today')}` : ''),
      closed.map((b) => h('p', { class: 'cal-blackout-note' }, pick(b, 'reason'))),
      on.length ? h('ul', {}, on.map(agendaChip)) : null));
  }
  replace(view.agenda, sections.length ? sections : h('p', { class: 'empty-state' }, t('calendar.count', { count: 0 })));
}

function weekRow(week, layout, blackouts, month) {
  const row = h('div', { class: 'cal-week', role: 'group', 'aria-label': t('calendar.week_of', { range: formatDayRange(week[0], week[6]) }) });
  row.style.setProperty('grid-template-rows', ['auto', ...Array(layout.lanes).fill('auto'), '1fr'].join(' '));
  const bodyRow = layout.lanes + 2;
  const todayDay = today();
  const dayLabel = dayFormat({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  week.forEach((day, i) => {
    const closed = blackoutsOn(day, blackouts);
    const count = state.data.items.filter((it) => { const s = itemDays(it); return s.first <= day && s.last >= day; }).length;
    const cls = ['cal-day', parseDay(day).getUTCMonth() !== month && state.view === 'month' ? 'outside' : '', day === todayDay ? 'today' : '', closed.length ? 'blackout' : ''].filter(Boolean).join(' ');
    const bg = h('div', { class: `${cls} cal-day-bg`, 'aria-hidden': 'true', dataset: { date: day } });
    place(bg, i + 1, 1, '1 / -1');
    const hijri = hijriDay(day, { day: 'numeric', month: 'long', year: 'numeric' });
    const labelParts = [hijri ? `${dayLabel.format(parseDay(day))} (${hijri})` : dayLabel.format(parseDay(day)), t('calendar.day_count', { count })];
    if (day === todayDay) labelParts.push(t('calendar.today'));
    for (const b of closed) labelParts.push(t('calendar.blackout_label', { reason: pick(b, 'reason') }));
    const cell = h('div', {
      class: `${cls} cal-day-head`, role: 'heading', 'aria-level': '3', tabindex: day === state.focusDay ? '0' : '-1',
      'aria-label': labelParts.join(t('calendar.separator')), 'aria-current': day === todayDay ? 'date' : null,
      dataset: { testid: 'calendar-day', date: day, blackout: closed.length ? 'true' : null },
      onkeydown: (e) => onDayKey(e, day),
      ondblclick: () => newOn(day),
    },
    h('span', { class: 'cal-date', 'aria-hidden': 'true' },
      state.view === 'week' ? dayFormat({ weekday: 'short', day: 'numeric' }).format(parseDay(day))
        : parseDay(day).getUTCDate() === 1 ? dayFormat({ day: 'numeric', month: 'short' }).format(parseDay(day)) : formatNumber(parseDay(day).getUTCDate())),
    hijri ? hijriMark(day, hijri) : null,
    closed.map((b) => h('span', {
      class: 'cal-blackout-note', title: pick(b, 'reason'), 'aria-hidden': 'true',
      dataset: { testid: 'calendar-blackout', id: String(b.id), scope: b.entity_id == null ? 'network' : 'entity' },
    }, pick(b, 'reason'))));
    place(cell, i + 1, 1);
    const list = h('ul', { class: 'cal-items', 'aria-label': dayLabel.format(parseDay(day)) }, layout.timed[i].map((it) => h('li', {}, chip(it, { day }))));
    place(list, i + 1, bodyRow);
    row.append(bg, cell, list);
  });
  for (const bar of layout.bars) {
    const cell = h('div', { class: 'cal-bar-cell' }, chip(bar.item, { bar }));
    place(cell, `${bar.col + 1} / span ${bar.span}`, bar.lane + 2);
    row.append(cell);
  }
  return row;
}

/**
 * The Hijri date in a day's head, small (the head's name says it in full): the day of the month in
 * the month grid, with the month's name on its first day; day and month in the week grid.
 */
function hijriMark(day, full) {
  const dayOnly = hijriDay(day, { day: 'numeric' });
  const text = state.view === 'week' || /^[1١]$/.test(dayOnly) ? hijriDay(day) : dayOnly;
  return h('span', { class: 'cal-hijri', title: full, 'aria-hidden': 'true', dataset: { testid: 'calendar-hijri' } }, text);
}

/** Places an element on the week's grid through CSSOM (style attributes are not allowed by the CSP). */
function place(el, column, row, rowSpan) {
  el.style.setProperty('grid-column', String(column));
  el.style.setProperty('grid-row', rowSpan || String(row));
}

/** An item as a compact chip: time, title, entity; coloured by importance; marked when in conflict. */
function chip(item, { bar } = {}) {
  const conflict = item.conflicts?.length > 0;
  const title = pick(item, 'title') || t('calendar.untitled');
  const entity = item.entity_id == null ? t('calendar.network') : pick({ name_ar: item.entity_name_ar, name_en: item.entity_name_en }, 'name');
  const entityRecord = view.ref.entities.find((e) => String(e.id) === String(item.entity_id));
  const cls = ['cal-chip', `imp-${item.importance}`, `source-${item.source}`, `status-${item.status}`,
    conflict ? 'conflict' : '', bar ? 'bar' : '', bar?.continuesBefore ? 'cont-before' : '', bar?.continuesAfter ? 'cont-after' : '',
    state.focusUids.includes(item.uid) ? 'focused' : ''].filter(Boolean).join(' ');
  const label = [title, entity, whenText(item), t(`calendar.importance.${item.importance}`),
    statusLabel(item),
    conflict ? t('calendar.in_conflict') : null].filter(Boolean).join(t('calendar.separator'));
  // The name is the visible text followed by what only colour and marks show (no aria-label, so
  // what a speech-input user reads on the chip is what names it).
  const details = [whenText(item), t(`calendar.importance.${item.importance}`), statusLabel(item),
    conflict ? t('calendar.in_conflict') : null].filter(Boolean).join(t('calendar.separator'));
  return h('button', {
    type: 'button', class: cls, title: label, 'aria-haspopup': 'dialog',
    dataset: { testid: 'calendar-item', uid: item.uid, source: item.source, importance: item.importance, conflict: conflict ? 'true' : null },
    onclick: (e) => showDetail(item, { opener: e.currentTarget }),
  },
  conflict ? h('span', { class: 'cal-flag', 'aria-hidden': 'true' }, '!') : null,
  swatch(entityRecord?.color, 'cal-swatch'),
  !item.all_day && !bar ? h('span', { class: 'cal-time' }, timeOf(item.starts_at), ' ') : null,
  h('span', { class: 'cal-title' }, title),
  h('span', { class: 'cal-entity' }, h('span', { class: 'visually-hidden' }, t('calendar.separator')), entity),
  h('span', { class: 'visually-hidden' }, t('calendar.separator'), details));
}

function newOn(day) {
  if (!view.main.querySelector('[data-testid="calendar-new"]')) return;
  showForm(null, { day, opener: view.grid.querySelector(`[data-testid="calendar-day"][data-date="${day}"]`) });
}

// Arrow keys move between days (in the reading direction), Page Up/Down change the period,
// Home/End go to the week's first/last day, Enter opens a new entry on the day.
function onDayKey(e, day) {
  const rtl = getComputedStyle(view.grid).direction === 'rtl';
  const steps = { ArrowRight: rtl ? -1 : 1, ArrowLeft: rtl ? 1 : -1, ArrowDown: 7, ArrowUp: -7 };
  let target = null;
  if (e.key in steps) target = addDays(day, steps[e.key]);
  else if (e.key === 'PageDown') target = shift(state.view, day, 1);
  else if (e.key === 'PageUp') target = shift(state.view, day, -1);
  else if (e.key === 'Home') target = addDays(day, -weekdayIndex(day));
  else if (e.key === 'End') target = addDays(day, 6 - weekdayIndex(day));
  else if (e.key === 'Enter' || e.key === ' ') {
    e.preventDefault();
    newOn(day);
    return;
  } else {
    return;
  }
  e.preventDefault();
  focusDay(target);
}

function focusDay(day) {
  state.focusDay = day;
  const el = view.grid.querySelector(`[data-testid="calendar-day"][data-date="${day}"]`);
  if (!el) {
    // Outside the grid: move the period; load() focuses the day once it is painted.
    state.pendingFocus = true;
    go({ date: day });
    return;
  }
  for (const c of view.grid.querySelectorAll('[data-testid="calendar-day"][tabindex="0"]')) c.tabIndex = -1;
  el.tabIndex = 0;
  el.focus();
}

// ---- conflicts --------------------------------------------------------------------------------

function paintConflicts() {
  const { conflicts } = state.data;
  const lang = currentLang();
  replace(view.conflicts,
    h('h2', { id: 'calendar-conflicts-heading' }, t('calendar.conflicts.heading'), ' ', h('span', { class: 'count' }, formatNumber(conflicts.length))),
    conflicts.length === 0 ? h('p', { class: 'muted', dataset: { testid: 'calendar-conflicts-none' } }, t('calendar.conflicts.none'))
      : h('ul', { class: 'cal-conflict-list' }, conflicts.map((c, index) => h('li', {},
        h('button', {
          type: 'button', class: `cal-conflict rule-${c.rule}`, 'aria-pressed': String(sameUids(c.uids, state.focusUids)),
          dataset: { testid: 'calendar-conflict', rule: c.rule, index: String(index), uids: c.uids.join(' ') },
          onclick: () => focusConflict(c),
        },
        h('span', { class: 'sev-badge sev-warning' }, t(`calendar.conflicts.rule_${c.rule}`)), ' ',
        h('span', { class: 'cal-conflict-message', lang, dataset: { testid: 'calendar-conflict-message' } }, lang === 'ar' ? c.message_ar : c.message_en))))),
    h('p', { class: 'hint' }, t('calendar.conflicts.hint')));
}

function sameUids(a, b) {
  return a.length > 0 && a.length === b.length && a.every((u) => b.includes(u));
}

/** Marks the conflict's items in the grid and moves focus to the first one. */
function focusConflict(c) {
  state.focusUids = sameUids(c.uids, state.focusUids) ? [] : [...c.uids];
  for (const b of view.conflicts.querySelectorAll('[data-testid="calendar-conflict"]')) {
    b.setAttribute('aria-pressed', String(b.dataset.uids === c.uids.join(' ') && state.focusUids.length > 0));
  }
  let first = null;
  for (const el of view.grid.querySelectorAll('[data-testid="calendar-item"]')) {
    const on = state.focusUids.includes(el.dataset.uid);
    el.classList.toggle('focused', on);
    if (on && !first) first = el;
  }
  if (first) {
    first.scrollIntoView({ block: 'center', behavior: 'auto' });
    first.focus();
  }
}

