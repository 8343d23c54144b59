// Calendar days and the grid's layout, without the DOM. A day is "YYYY-MM-DD" in the browser's
// time zone; all-day items name calendar days (no time zone), timed items are UTC instants shown
// on the local day they fall on. Weeks start on Monday.

const pad = (n) => String(n).padStart(2, '0');

/** A local Date as YYYY-MM-DD. */
export function dayOf(date) {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** YYYY-MM-DD as a local Date at midnight (null when it does not parse). */
export function parseDay(day) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day || '');
  if (!m) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return dayOf(d) === day ? d : null;
}

export function today() {
  return dayOf(new Date());
}

export function addDays(day, n) {
  const d = parseDay(day);
  d.setDate(d.getDate() + n);
  return dayOf(d);
}

/** The Monday on or before day. */
export function weekStart(day) {
  const d = parseDay(day);
  return addDays(day, -((d.getDay() + 6) % 7));
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
    const monthFirst = dayOf(new Date(d.getFullYear(), d.getMonth(), 1));
    const monthLast = dayOf(new Date(d.getFullYear(), d.getMonth() + 1, 0));
    first = weekStart(monthFirst);
    count = Math.round((parseDay(addDays(weekStart(monthLast), 7)) - parseDay(first)) / 86_400_000);
  }
  return Array.from({ length: count }, (_, i) => addDays(first, i));
}

/** The day the previous/next period starts on (step = -1 or 1). */
export function shift(view, day, step) {
  if (view === 'week') return addDays(weekStart(day), 7 * step);
  const d = parseDay(day);
  return dayOf(new Date(d.getFullYear(), d.getMonth() + step, 1));
}

/**
 * The local days an item covers: {first, last, timed}. All day: starts_at to ends_at (inclusive,
 * or the same day). Timed: the local day of starts_at to the local day just before ends_at.
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
