// Days of the network, shared by every capability: a day is "YYYY-MM-DD" of the network's time
// zone (time.js); all-day items name such days, timed items are UTC instants shown on the
// network's day they fall on, "today" is the network's today. Day arithmetic uses Dates at 00:00
// UTC (read with getUTC*, formatted with dayFormat), so the device's own zone never shifts a day.

import { zonedDay } from './time.js';
import { dayFormat, besideHijri, showsHijri, hijriFormat } from './i18n.js';

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

/**
 * A YYYY-MM-DD day (no time zone: it names a calendar day) in the current language and digits; with
 * the Hijri preference on, the Hijri date follows in parentheses ("٧ ديسمبر ٢٠٢٦ (٢٧ جمادى الآخرة
 * ١٤٤٨ هـ)") unless hijri is false (compact places). dateStyle as Intl.DateTimeFormat's.
 */
export function formatDay(day, { dateStyle = 'medium', hijri = true } = {}) {
  if (!day) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  if (!m) return String(day);
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  const text = dayFormat({ dateStyle }).format(date);
  return hijri ? besideHijri(text, date, 'UTC') : text;
}

/**
 * The Hijri date (Umm al-Qura) of a YYYY-MM-DD day for compact places (a calendar day's head, a
 * tooltip), or '' when the Hijri preference is off or the day does not parse. options as
 * Intl.DateTimeFormat's (default: day and month name, "٢٧ جمادى الآخرة").
 */
export function hijriDay(day, options = { day: 'numeric', month: 'long' }) {
  const date = showsHijri() ? parseDay(String(day || '').slice(0, 10)) : null;
  return date ? hijriFormat({ ...options, timeZone: 'UTC' }).format(date) : '';
}

/**
 * The Hijri months (Umm al-Qura) that the days first..last (YYYY-MM-DD) fall in, for a period's
 * heading ("جمادى الآخرة – رجب ١٤٤٨ هـ"), or '' when the Hijri preference is off.
 */
export function hijriMonths(first, last) {
  const from = showsHijri() ? parseDay(first) : null;
  const to = from ? parseDay(last || first) : null;
  if (!to) return '';
  return hijriFormat({ month: 'long', year: 'numeric', timeZone: 'UTC' }).formatRange(from, to < from ? from : to);
}

/**
 * Two YYYY-MM-DD days as one range in words, the parts they share said once: "٧–١٣ ديسمبر ٢٠٢٦";
 * with the Hijri preference on (and hijri not false) the Hijri range follows in parentheses:
 * "٧–١٣ ديسمبر ٢٠٢٦ (٢٧ جمادى الآخرة – ٤ رجب ١٤٤٨ هـ)".
 */
export function formatDayRange(first, last, { hijri = true } = {}) {
  const from = parseDay(first), to = parseDay(last);
  if (!from || !to || to < from) return formatDay(first || last, { hijri });
  const options = { day: 'numeric', month: 'long', year: 'numeric' };
  const text = dayFormat(options).formatRange(from, to);
  return hijri && showsHijri() ? `${text} (${hijriFormat({ ...options, timeZone: 'UTC' }).formatRange(from, to)})` : text;
}
