// What the strategy pages share: period labels ("2026", "2026-H1", "2026-Q3", "2026-09"), compliance
// scores (0–100, null when there is none) as numbers in the page's digits with their band, the
// assessment statuses in words (the heat map's "not_started" included), the report links in the
// page's language and digits, a tiny SVG helper, and starting an entity's self-assessment.

import { api } from '../api.js';
import { h } from '../dom.js';
import { t, formatNumber, formatYear, dayFormat, currentLang, currentDigits } from '../i18n.js';
import { termLabel } from '../reference.js';
import { today } from '../days.js';
import { icon, stateIcon } from '../icons.js';

/** "2026" → the year, "2026-H1" → "H1 2026", "2026-Q3" → "Q3 2026", "2026-09" → "September 2026", in the page's language and digits. */
export function periodLabel(code) {
  let m = /^(\d{4})-Q([1-4])$/.exec(code);
  if (m) return t('strategy.period.quarter', { quarter: Number(m[2]), year: formatYear(m[1]) });
  m = /^(\d{4})-H([12])$/.exec(code);
  if (m) return t(`strategy.period.half${m[2]}`, { year: formatYear(m[1]) });
  m = /^(\d{4})-(\d{2})$/.exec(code);
  if (m) return dayFormat({ month: 'long', year: 'numeric' }).format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)));
  return /^\d{4}$/.test(code) ? formatYear(code) : String(code ?? '');
}

/** A KPI figure with its unit: percentages the way the language writes them. */
export function kpiFigure(value, unit) {
  return unit === '%' ? t('strategy.percent', { value }) : formatNumber(value);
}

/** The network's current year ("2026"): the period a self-assessment is usually started for. */
export function currentYear() {
  return today().slice(0, 4);
}

/** The band of a score: high (80 and above), good (60–79), mid (40–59), low (below 40) or none. */
export function band(score) {
  if (score === null || score === undefined) return 'none';
  if (score >= 80) return 'high';
  if (score >= 60) return 'good';
  if (score >= 40) return 'mid';
  return 'low';
}

export const BANDS = ['high', 'good', 'mid', 'low', 'none'];

/** A score as text in the page's digits ("74.3", "٧٤٫٣"); "" for none. */
export function scoreText(score) {
  return score === null || score === undefined ? '' : formatNumber(score);
}

/** A score's content: the number, or a dash that reads "no score" (never colour alone). */
export function scoreContent(score) {
  if (score === null || score === undefined) {
    return [h('span', { 'aria-hidden': 'true' }, '—'), h('span', { class: 'visually-hidden' }, t('strategy.score.none'))];
  }
  return scoreText(score);
}

/** A table cell holding a score, coloured by its band (data-score: the number as the API has it). */
export function scoreCell(score, attrs = {}) {
  const b = band(score);
  return h('td', { ...attrs, class: `score band-${b} ${attrs.class || ''}`.trim(), dataset: { ...(attrs.dataset || {}), score: score ?? '', band: b } },
    scoreContent(score));
}

/** The bands explained (the colours repeat the numbers, which are always shown). */
export function bandLegend() {
  const range = (b) => {
    if (b === 'high') return t('strategy.band.high', { from: 80 });
    if (b === 'good') return t('strategy.band.range', { from: 60, to: 79 });
    if (b === 'mid') return t('strategy.band.range', { from: 40, to: 59 });
    if (b === 'low') return t('strategy.band.low', { to: 40 });
    return t('strategy.band.none');
  };
  return h('ul', { class: 'band-legend', 'aria-label': t('strategy.band.legend') },
    BANDS.map((b) => h('li', {}, h('span', { class: `band-key band-${b}`, 'aria-hidden': 'true' }), range(b))));
}

/** An assessment status in words, the heat map's "not_started" included. */
export function statusLabel(status) {
  return termLabel('compliance_statuses', status);
}

export function statusChip(status, testid = 'assessment-status') {
  return h('span', { class: `chip assessment-status status-${status}`, dataset: { testid, status } }, stateIcon(status), statusLabel(status));
}

export function axisLabel(code) {
  return termLabel('axes', code);
}

/** A report address with the page's language and digits. */
export function reportHref(path, query) {
  const params = new URLSearchParams({ ...query, lang: currentLang(), digits: currentDigits() });
  return `${path}?${params}`;
}

/** A download link styled as a button; html reports open (printable) in a new tab. */
export function reportLink(path, query, label, testid) {
  const html = query.format === 'html';
  return h('a', {
    class: 'button secondary', href: reportHref(path, query), dataset: { testid },
    download: html ? null : '', target: html ? '_blank' : null, rel: html ? 'noopener' : null,
  }, icon(html ? 'print' : 'download'), label, html ? h('span', { class: 'visually-hidden' }, ` ${t('strategy.report.new_tab')}`) : null);
}

// ---- SVG -----------------------------------------------------------------------------------

const SVG = 'http://www.w3.org/2000/svg';

export function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) el.setAttribute(k, String(v));
  for (const c of children) if (c !== null && c !== undefined) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

export const rtl = () => document.documentElement.dir === 'rtl';

// ---- starting an assessment ------------------------------------------------------------------

/** A message the next page shows once (e.g. the form after "start"), as a function of the language. */
export const flash = { message: null };

/**
 * Starts the entity's self-assessment for the period (POST /api/v1/assessments) and opens it; when
 * one exists already (409), opens that one. Rejects with the server's problem otherwise.
 */
export async function startAssessment(entityId, period) {
  let id;
  try {
    const made = await api('/api/v1/assessments', { method: 'POST', body: { entity_id: Number(entityId), period } });
    id = made.id;
    flash.message = () => t('strategy.assessment.started', { period: periodLabel(period) });
  } catch (err) {
    if (err.status !== 409 || err.code !== 'compliance.assessment_exists') throw err;
    const found = await api('/api/v1/assessments', { query: { entity_id: entityId, period } });
    const mine = (found?.items || []).find((a) => String(a.entity_id) === String(entityId));
    if (!mine) throw err;
    id = mine.id;
  }
  location.hash = `#/assessment/${id}`;
}
