// Days of the network, shared by every capability: a day is "YYYY-MM-DD" of the network's time
// zone (time.js); all-day items name such days, timed items are UTC instants shown on the
// network's day they fall on, "today" is the network's today. Day arithmetic uses Dates at 00:00
// UTC (read with getUTC*, formatted with dayFormat), so the device's own zone never shifts a day.

import { zonedDay } from './time.js';
import { dayFormat } from './i18n.js';

const pad = (n) => String(n).padStart(2, '0');

/** A Date at 00:00 UTC as YYYY-MM-DD. */
export function utcDay(date) {
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

/** A YYYY-MM-DD day (no time zone: it names a calendar day) in the current language and digits. */
export function formatDay(day) {
  if (!day) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  if (!m) return String(day);
  return dayFormat({ dateStyle: 'medium' }).format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))));
}

/** Two YYYY-MM-DD days as one range in words, the parts they share said once: "٧–١٣ ديسمبر ٢٠٢٦". */
export function formatDayRange(first, last) {
  const from = parseDay(first), to = parseDay(last);
  if (!from || !to || to < from) return formatDay(first || last);
  return dayFormat({ day: 'numeric', month: 'long', year: 'numeric' }).formatRange(from, to);
}
