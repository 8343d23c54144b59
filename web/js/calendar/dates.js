// The calendar grid's layout, without the DOM: weeks (starting on Monday), the days a view shows,
// items laid out in lanes, blackouts per day. Days are "YYYY-MM-DD" of the network's time zone
// (js/days.js holds the day arithmetic).

import { utcDay, parseDay, addDays, itemDays } from '../days.js';

// The day arithmetic lives in js/days.js (the home page uses it too); re-exported for the calendar.
export { dayOf, parseDay, today, addDays, itemDays } from '../days.js';

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
