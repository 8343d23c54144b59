// The home page (#/home): each person's work first, then the network's pulse. What it shows
// follows the caller's roles:
//   writers (editor, entity admin)      my drafts and the items sent back to me
//   reviewers (reviewer, entity admin)  the review queue, oldest first, with its waiting time
//   everyone                             the next seven days' announcements, conflicts in the next
//                                        two weeks, facts about to expire, initiatives under way,
//                                        and charts: content pipeline per entity, calendar load,
//                                        initiatives by status.
//   network admins                       the switch that pauses publishing (pause.js).
// Everything comes from the existing list endpoints, read with the caller's own visibility.

import { api, listAll } from '../api.js';
import { h, replace } from '../dom.js';
import { t, pick, formatNumber, dayFormat } from '../i18n.js';
import { session } from '../session.js';
import { can } from '../permissions.js';
import { loadReference, entityName, codes, termLabel } from '../reference.js';
import { today, addDays, parseDay, itemDays } from '../days.js';
import { stateIcon } from '../icons.js';
import { stackedBars, dayColumns } from './charts.js';
import { pauseButton } from './pause.js';

export const modules = ['home', 'messaging', 'calendar', 'initiatives'];
export const titleKey = 'home.title';

const PIPELINE = [
  ['draft', 'changes_requested'],
  ['in_review'],
  ['approved', 'scheduled'],
  ['published'],
];

export async function render(main, args, ctx) {
  main.dataset.page = 'home';
  await loadReference(ctx.changedPage);  // entity names for the lists and the charts
  const from = today();
  const to = addDays(from, 13);
  const quiet = (promise, fallback) => promise.catch((err) => (err.status === 403 ? fallback : Promise.reject(err)));
  const [items, calendar, facts, initiatives] = await Promise.all([
    quiet(listAll('/api/v1/content-items'), []),
    quiet(api('/api/v1/calendar', { query: { from, to } }), { items: [], conflicts: [] }),
    quiet(listAll('/api/v1/facts'), []),
    quiet(listAll('/api/v1/initiatives'), []),
  ]);
  const me = session.member?.login;
  const writer = can('messaging.content.write');
  const reviewer = can('messaging.content.review');

  const mine = items.filter((i) => i.created_by === me && ['draft', 'changes_requested'].includes(i.state))
    .sort((a, b) => String(b.updated_at).localeCompare(String(a.updated_at)));
  const sentBack = mine.filter((i) => i.state === 'changes_requested');
  // The queue is what this person may review (items of other entities are readable, not theirs to review).
  const queue = items.filter((i) => i.state === 'in_review' && can('messaging.content.review', i.owner_entity_id))
    .sort((a, b) => String(a.updated_at).localeCompare(String(b.updated_at)));
  const soon = addDays(from, 30);
  const expiring = facts.filter((f) => f.state === 'approved' && f.valid_until && f.valid_until >= from && f.valid_until <= soon);
  const active = initiatives.filter((i) => i.status === 'active');

  const tiles = [
    writer ? tile('my-drafts', t('home.tile.my_drafts'), mine.length, '#/content') : null,
    writer ? tile('sent-back', t('home.tile.sent_back'), sentBack.length, '#/content', sentBack.length > 0) : null,
    reviewer ? tile('awaiting-review', t('home.tile.awaiting_review'), queue.length, '#/review', queue.length > 0) : null,
    tile('conflicts', t('home.tile.conflicts'), calendar.conflicts.length, '#/calendar', calendar.conflicts.length > 0),
    tile('facts-expiring', t('home.tile.facts_expiring', { days: 30 }), expiring.length, '#/facts', expiring.length > 0),
    tile('initiatives-active', t('home.tile.initiatives_active'), active.length, '#/initiatives'),
  ];

  const name = pick(session.member, 'name') || me || '';
  replace(main,
    h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, t('home.greeting', { name })), pauseButton(ctx.notify)),
    h('ul', { class: 'tiles', dataset: { testid: 'home-tiles' } }, tiles.filter(Boolean).map((x) => h('li', {}, x))),
    h('div', { class: 'home-grid' },
      writer ? listCard('home-my-work', t('home.my_work'), mine.slice(0, 8), (i) => itemRow(i), t('home.my_work_empty')) : null,
      reviewer ? listCard('home-review-queue', t('home.review_queue'), queue.slice(0, 8), (i) => itemRow(i, waitingText(i.updated_at)),
        t('home.review_queue_empty')) : null,
      listCard('home-coming-up', t('home.coming_up'), comingUp(calendar.items, from), (i) => calendarRow(i), t('home.coming_up_empty'))),
    h('section', { class: 'home-charts', 'aria-labelledby': 'home-pulse' },
      h('h2', { id: 'home-pulse' }, t('home.pulse')),
      h('div', { class: 'chart-grid' },
        pipelineChart(items),
        calendarChart(calendar, from),
        initiativesChart(initiatives))));
}

function tile(testid, label, count, href, attention = false) {
  return h('a', { class: `tile${attention ? ' attention' : ''}`, href, dataset: { testid: `tile-${testid}`, count: String(count) } },
    h('span', { class: 'tile-count' }, formatNumber(count)), h('span', { class: 'tile-label' }, label));
}

function listCard(testid, title, rows, row, empty) {
  const id = `${testid}-heading`;
  return h('section', { class: 'card home-card', 'aria-labelledby': id, dataset: { testid } },
    h('h2', { id }, title),
    rows.length ? h('ul', { class: 'home-list' }, rows.map((r) => h('li', {}, row(r)))) : h('p', { class: 'muted' }, empty));
}

/** A content item's state as a chip (labelled from the server's content_states vocabulary). */
function stateChip(state) {
  return h('span', { class: `chip state state-${state}`, dataset: { testid: 'state', state } }, stateIcon(state), termLabel('content_states', state));
}

function itemRow(item, note) {
  return [
    h('a', { href: `#/editor/${item.id}` }, pick(item, 'title') || t('messaging.editor.untitled')),
    h('span', { class: 'home-meta' }, stateChip(item.state), ' ', entityName(item.owner_entity_id), note ? ` · ${note}` : ''),
  ];
}

/** "waiting 5 hours" / "waiting 3 days" since the item last changed, with the language's plurals. */
function waitingText(iso) {
  const hours = Math.max(0, Math.floor((Date.now() - Date.parse(iso)) / 3600000));
  if (hours < 1) return t('home.waiting_recent');
  return hours < 48 ? t('home.waiting_hours', { count: hours }) : t('home.waiting_days', { count: Math.floor(hours / 24) });
}

/** The next seven days' high-importance items, soonest first. */
function comingUp(items, from) {
  const until = addDays(from, 6);
  return items.filter((i) => i.importance === 'high' && itemDays(i).first <= until && itemDays(i).last >= from && itemDays(i).first === itemDays(i).last)
    .sort((a, b) => String(a.starts_at).localeCompare(String(b.starts_at))).slice(0, 8);
}

function calendarRow(item) {
  const when = dayFormat({ weekday: 'short', day: 'numeric', month: 'short' }).format(parseDay(itemDays(item).first));
  const entity = item.entity_id == null ? t('calendar.network') : pick({ name_ar: item.entity_name_ar, name_en: item.entity_name_en }, 'name');
  return [
    h('a', { href: `#/calendar/week/${itemDays(item).first}` }, pick(item, 'title') || t('calendar.untitled')),
    h('span', { class: 'home-meta' }, `${when} · ${entity}`, item.conflicts?.length ? ` · ${t('calendar.in_conflict')}` : ''),
  ];
}

function pipelineChart(items) {
  const byEntity = new Map();
  for (const item of items) {
    const k = PIPELINE.findIndex((states) => states.includes(item.state));
    if (k < 0) continue;
    if (!byEntity.has(item.owner_entity_id)) byEntity.set(item.owner_entity_id, [0, 0, 0, 0]);
    byEntity.get(item.owner_entity_id)[k] += 1;
  }
  const rows = [...byEntity.entries()]
    .map(([id, values]) => ({ label: entityName(id), values }))
    .sort((a, b) => b.values.reduce((x, y) => x + y, 0) - a.values.reduce((x, y) => x + y, 0))
    .slice(0, 10);
  const series = [t('home.pipeline.drafting'), termLabel('content_states', 'in_review'), t('home.pipeline.approved'), termLabel('content_states', 'published')];
  if (!rows.length) return emptyChart('chart-pipeline', t('home.pipeline.title'));
  return stackedBars('pipeline', t('home.pipeline.title'), series, rows);
}

function calendarChart(calendar, from) {
  const conflictDays = new Set(calendar.items.filter((it) => it.conflicts?.length).map((it) => itemDays(it).first));
  const long = dayFormat({ weekday: 'long', day: 'numeric', month: 'long' });
  const short = dayFormat({ day: 'numeric' });
  const days = [];
  for (let i = 0; i < 14; i++) {
    const day = addDays(from, i);
    const value = calendar.items.filter((it) => { const s = itemDays(it); return s.first === s.last && s.first === day; }).length;
    days.push({ label: long.format(parseDay(day)), short: short.format(parseDay(day)), value, flagged: conflictDays.has(day) });
  }
  return dayColumns('calendar-load', t('home.calendar_load.title'),
    { valueName: t('home.calendar_load.items'), flagName: t('home.calendar_load.conflict') }, days);
}

function initiativesChart(initiatives) {
  const statuses = codes('initiative_statuses');
  const counts = statuses.map((st) => initiatives.filter((i) => i.status === st).length);
  if (!initiatives.length) return emptyChart('chart-initiatives', t('home.initiatives.title'));
  return stackedBars('initiatives', t('home.initiatives.title'), statuses.map((st) => t(`initiatives.status.${st}`)),
    [{ label: t('home.initiatives.all'), values: counts }]);
}

function emptyChart(testid, caption) {
  return h('figure', { class: 'chart', dataset: { testid } }, h('figcaption', { class: 'chart-caption' }, caption),
    h('p', { class: 'muted' }, t('home.chart.no_data')));
}
