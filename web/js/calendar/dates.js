// Calendar days and the grid's layout, without the DOM. A day is "YYYY-MM-DD" of the network's time
// zone (time.js): all-day items name such days, timed items are UTC instants shown on the network's
// day they fall on, "today" is the network's today. Day arithmetic uses Dates at 00:00 UTC (read
// with getUTC*, formatted with dayFormat), so the device's own zone never shifts a day. Weeks start
// on Monday.

import { zonedDay } from '../time.js';

const pad = (n) => String(n).padStart(2, '0');

/** A Date at 00:00 UTC as YYYY-MM-DD. */
function utcDay(date) {
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** The network's day an instant (Date or ISO string) falls on. */
export function dayOf(instant) {
  return zonedDay(instant);
}

/** YYYY-MM-DD as a Date at 00:00 UTC (null when it does not parse); read it with getUTC*. */
export function parseDay(day) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day || '');
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return utcDay(d) === day ? d : null;
}

export function today() {
  return zonedDay(new Date());
}

export function addDays(day, n) {
  const d = parseDay(day);
  d.setUTCDate(d.getUTCDate() + n);
  return utcDay(d);
}

/** 0 = Monday … 6 = Sunday. */
export function weekdayIndex(day) {
  return (parseDay(day).getUTCDay() + 6) % 7;
}

/** The Monday on or before day. */
export function weekStart(day) {
  return addDays(day, -weekdayIndex(day));
}

/** The days shown for a view: 'week' = Monday to Sunday; 'month' = whole weeks around the month. */
export function gridDays(view, day) {
  let first;
  let count;
  if (view === 'week') {
    first = weekStart(day);
    count = 7;
  } else {
    const d = parseDay(day);
    const monthFirst = utcDay(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)));
    const monthLast = utcDay(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)));
    first = weekStart(monthFirst);
    count = Math.round((parseDay(addDays(weekStart(monthLast), 7)) - parseDay(first)) / 86_400_000);
  }
  return Array.from({ length: count }, (_, i) => addDays(first, i));
}

/** The day the previous/next period starts on (step = -1 or 1). */
export function shift(view, day, step) {
  if (view === 'week') return addDays(weekStart(day), 7 * step);
  const d = parseDay(day);
  return utcDay(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + step, 1)));
}

/**
 * The days an item covers: {first, last, timed}. All day: starts_at to ends_at (inclusive, or the
 * same day). Timed: the network's day of starts_at to its day just before ends_at.
 */
export function itemDays(item) {
  if (item.all_day) {
    const first = String(item.starts_at).slice(0, 10);
    const last = item.ends_at ? String(item.ends_at).slice(0, 10) : first;
    return { first, last: last < first ? first : last, timed: false };
  }
  const start = new Date(item.starts_at);
  const first = dayOf(start);
  let last = first;
  if (item.ends_at) {
    const end = new Date(new Date(item.ends_at).getTime() - 1);
    if (end > start) last = dayOf(end);
  }
  return { first, last, timed: true };
}

/**
 * Lays out one week (7 days) of items: bars (all-day and multi-day items) get a lane and a column
 * span; single-day timed items are listed per day in time order.
 * Returns {bars: [{item, lane, col, span, continuesBefore, continuesAfter}], lanes, timed: [[item]]}.
 */
export function layoutWeek(days, items) {
  const bars = [];
  const timed = days.map(() => []);
  const first = days[0];
  const last = days[days.length - 1];
  const spans = items.map((item) => ({ item, ...itemDays(item) }))
    .filter((s) => s.first <= last && s.last >= first);
  spans.sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0)
    || (b.last > a.last ? 1 : b.last < a.last ? -1 : 0)
    || String(a.item.starts_at).localeCompare(String(b.item.starts_at)));
  const laneEnds = []; // per lane: the last column taken
  for (const s of spans) {
    if (s.timed && s.first === s.last) {
      timed[days.indexOf(s.first)].push(s.item);
      continue;
    }
    const col = s.first < first ? 0 : days.indexOf(s.first);
    const end = s.last > last ? days.length - 1 : days.indexOf(s.last);
    let lane = laneEnds.findIndex((taken) => taken < col);
    if (lane < 0) {
      lane = laneEnds.length;
      laneEnds.push(end);
    } else {
      laneEnds[lane] = end;
    }
    bars.push({ item: s.item, lane, col, span: end - col + 1, continuesBefore: s.first < first, continuesAfter: s.last > last });
  }
  for (const list of timed) list.sort((a, b) => String(a.starts_at).localeCompare(String(b.starts_at)));
  return { bars, lanes: laneEnds.length, timed };
}

/** The blackouts covering day (starts_on..ends_on inclusive). */
export function blackoutsOn(day, blackouts) {
  return blackouts.filter((b) => b.starts_on <= day && (b.ends_on || b.starts_on) >= day);
}
