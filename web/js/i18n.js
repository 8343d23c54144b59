// i18n: message catalogues per language and module (web/i18n/<lang>/<module>.json),
// the current language (remembered in localStorage) and the digit preference.
//
// Catalogues are flat objects whose keys carry their module prefix
// ("network.entities.title"), so a key names its file: t("network.x") reads network.json.

import { networkZone } from './time.js';

export const LANGS = Object.freeze({
  ar: { dir: 'rtl', name: 'العربية' },
  en: { dir: 'ltr', name: 'English' },
});

const LANG_KEY = 'sawt.lang';
const DIGITS_KEY = 'sawt.digits';
const HIJRI_KEY = 'sawt.hijri';
const catalogues = new Map(); // "ar/common" -> object
const loaded = new Set(); // module names asked for so far
let lang = readStored(LANG_KEY, (v) => v in LANGS) || 'ar';
let digits = readStored(DIGITS_KEY, (v) => v === 'arab' || v === 'latn');
let hijri = readStored(HIJRI_KEY, (v) => v === 'on' || v === 'off') === 'on';

function readStored(key, valid) {
  try {
    const v = localStorage.getItem(key);
    return v && valid(v) ? v : null;
  } catch {
    return null; // storage disabled: fall back to defaults
  }
}

function store(key, value) {
  try {
    localStorage.setItem(key, value);
  } catch {
    // storage disabled: the choice lasts for this page only
  }
}

export function currentLang() {
  return lang;
}

export function otherLang() {
  return lang === 'ar' ? 'en' : 'ar';
}

/** 'arab' (Arabic-Indic ٠١٢) or 'latn' (012). Arabic defaults to Arabic-Indic digits. */
export function currentDigits() {
  return digits || (lang === 'ar' ? 'arab' : 'latn');
}

export function setDigits(value) {
  digits = value === 'arab' ? 'arab' : 'latn';
  store(DIGITS_KEY, digits);
  document.dispatchEvent(new CustomEvent('sawt:langchange', { detail: { lang } }));
}

/** Whether dates also show the Hijri date (Umm al-Qura) beside the Gregorian one (off by default). */
export function showsHijri() {
  return hijri;
}

/** Turns the Hijri dates on or off (remembered like the digits) and re-renders like a language switch. */
export function setHijri(on) {
  hijri = !!on;
  store(HIJRI_KEY, hijri ? 'on' : 'off');
  document.dispatchEvent(new CustomEvent('sawt:langchange', { detail: { lang } }));
}

function applyDocumentLang() {
  const root = document.documentElement;
  root.lang = lang;
  root.dir = LANGS[lang].dir;
}

async function fetchCatalogue(l, module) {
  const id = `${l}/${module}`;
  if (catalogues.has(id)) return;
  const url = new URL(`../i18n/${l}/${module}.json`, import.meta.url);
  const res = await fetch(url, { credentials: 'same-origin' });
  if (!res.ok) throw new Error(`i18n: ${url.pathname} answered ${res.status}`);
  catalogues.set(id, await res.json());
}

/** Loads the catalogues of the given modules for the current language (and remembers them). */
export async function loadModules(...modules) {
  modules.forEach((m) => loaded.add(m));
  await Promise.all(modules.map((m) => fetchCatalogue(lang, m)));
}

/** Applies the stored language to <html> and loads the common catalogue. */
export async function initI18n() {
  applyDocumentLang();
  await loadModules('common');
}

/** Switches the language: loads its catalogues, updates <html lang dir>, announces the change. */
export async function setLang(next) {
  if (!(next in LANGS) || next === lang) return;
  await Promise.all([...loaded].map((m) => fetchCatalogue(next, m)));
  lang = next;
  store(LANG_KEY, lang);
  applyDocumentLang();
  document.dispatchEvent(new CustomEvent('sawt:langchange', { detail: { lang } }));
}

/**
 * The message for key in the current language, with {name} placeholders replaced by params
 * (numbers are formatted with the digit preference). With a numeric params.count the plural
 * sub-key for the language's CLDR category is used when present. A missing key shows itself.
 */
export function t(key, params = {}) {
  const module = key.slice(0, key.indexOf('.'));
  const catalogue = catalogues.get(`${lang}/${module}`);
  let text = catalogue?.[key];
  if (typeof params.count === 'number') {
    // Plural forms live in sub-keys: key.zero/one/two/few/many/other (CLDR categories).
    const form = catalogue?.[`${key}.${pluralRules().select(params.count)}`] ?? catalogue?.[`${key}.other`];
    if (typeof form === 'string') text = form;
  }
  if (typeof text !== 'string') {
    console.warn(`i18n: missing ${lang} key ${key}`);
    return key;
  }
  return text.replace(/\{(\w+)\}/g, (m, name) => {
    if (!(name in params)) return m;
    const v = params[name];
    return typeof v === 'number' ? formatNumber(v) : String(v);
  });
}

/** True when key exists in the current language's catalogue. */
export function has(key) {
  const module = key.slice(0, key.indexOf('.'));
  return typeof catalogues.get(`${lang}/${module}`)?.[key] === 'string';
}

let plurals = null;
function pluralRules() {
  if (plurals?.resolvedOptions().locale !== lang) plurals = new Intl.PluralRules(lang);
  return plurals;
}

/** A number in the current language with the digit preference; options as Intl.NumberFormat's. */
export function formatNumber(n, options) {
  return new Intl.NumberFormat(`${lang}-u-nu-${currentDigits()}`, options).format(n);
}

/** A year (no grouping: 2026, ٢٠٢٦) with the digit preference. */
export function formatYear(year) {
  return formatNumber(Number(year), { useGrouping: false });
}

/**
 * A server time (ISO 8601, UTC) as a date and time in the network's time zone (time.js), in the
 * current language with the digit preference (Gregorian calendar; with the Hijri preference on and
 * a dateStyle, the Hijri date follows in parentheses unless hijri is false). Empty for null; the
 * input itself when it does not parse.
 */
export function formatDateTime(iso, { dateStyle = 'medium', timeStyle = 'short', hijri: withHijri = true } = {}) {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  const text = dateTimeFormat({ dateStyle, timeStyle }).format(date);
  return withHijri && dateStyle ? besideHijri(text, date) : text;
}

/**
 * An Intl.DateTimeFormat in the current language with the digit preference (Gregorian calendar,
 * the network's time zone unless options.timeZone says otherwise), e.g. for times of instants.
 */
export function dateTimeFormat(options) {
  return new Intl.DateTimeFormat(`${lang}-u-ca-gregory-nu-${currentDigits()}`, { timeZone: networkZone(), ...options });
}

/**
 * How long ago (or how soon) a server time is, in words in the current language with the digit
 * preference: "now", "5 minutes ago", "قبل ٣ ساعات", "yesterday". Empty for null; the input itself
 * when it does not parse. `now` (ms) is for tests and lists drawn at one instant.
 */
export function formatRelativeTime(iso, now = Date.now()) {
  if (!iso) return '';
  const at = new Date(iso).getTime();
  if (Number.isNaN(at)) return String(iso);
  const seconds = Math.round((at - now) / 1000);
  const format = new Intl.RelativeTimeFormat(`${lang}-u-nu-${currentDigits()}`, { numeric: 'auto' });
  for (const [unit, size] of RELATIVE_UNITS) {
    if (Math.abs(seconds) >= size || unit === 'second') {
      // Under a minute reads "now" rather than a count of seconds.
      return unit === 'second' ? format.format(0, 'second') : format.format(Math.trunc(seconds / size), unit);
    }
  }
  return '';
}

const RELATIVE_UNITS = [['year', 31_536_000], ['month', 2_592_000], ['week', 604_800], ['day', 86_400],
  ['hour', 3_600], ['minute', 60], ['second', 1]];

/** A format for calendar days held as Dates at 00:00 UTC (calendar/dates.js parseDay): weekday and month names. */
export function dayFormat(options) {
  return dateTimeFormat({ ...options, timeZone: 'UTC' });
}

/**
 * An Intl.DateTimeFormat of the Hijri calendar (Umm al-Qura) in the current language with the digit
 * preference: by default day, month name and year ("٢٦ جمادى الآخرة ١٤٤٨ هـ", "Jumada II 26, 1448 AH"),
 * in the network's time zone unless options.timeZone says otherwise ('UTC' for calendar days).
 */
export function hijriFormat(options = { day: 'numeric', month: 'long', year: 'numeric' }) {
  return new Intl.DateTimeFormat(`${lang}-u-ca-islamic-umalqura-nu-${currentDigits()}`, { timeZone: networkZone(), ...options });
}

/**
 * text followed by the Hijri date of date in parentheses when the Hijri preference is on, else text
 * as it is: "٧ ديسمبر ٢٠٢٦ (٢٦ جمادى الآخرة ١٤٤٨ هـ)". timeZone: the zone the date is read in
 * (the network's by default; 'UTC' for calendar days held as Dates at 00:00 UTC).
 */
export function besideHijri(text, date, timeZone) {
  if (!hijri || !(date instanceof Date) || Number.isNaN(date.getTime())) return text;
  const options = { day: 'numeric', month: 'long', year: 'numeric' };
  if (timeZone) options.timeZone = timeZone;
  return `${text} (${hijriFormat(options).format(date)})`;
}

/** Picks the field of a bilingual record in the current language: pick(e, 'name') -> e.name_ar. */
export function pick(record, field) {
  if (!record) return '';
  const own = record[`${field}_${lang}`];
  if (own) return own;
  return record[`${field}_${otherLang()}`] || '';
}

/** A locale-aware comparison for sorting names in the current language. */
export function compare(a, b) {
  return a.localeCompare(b, lang);
}
