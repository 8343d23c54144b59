// The room's **Report** section (GET /api/v1/crises/{id}/report, schema CrisisReport): how fast and
// how widely the crisis was communicated — minutes from the declaration to the first published
// statement, statements published with their updates and cancellations, approval times (submission
// to publication: median and slowest), the entities reached and the channel items the statements
// became, webhook deliveries and tasks by state, the crisis's duration once closed —, the published
// statements with their approval times, and the lessons once closed.
//
// A value the server cannot know yet is null: it is said in words ("not yet"), never shown as 0.
// Counts and durations follow the page's language: plural forms from the catalogue (CLDR categories
// through t's `count`), digits by the digit preference. "Print the report" prints the crisis's head
// and this section alone (html.print-crisis-report, css/app.css @media print).

import { h } from '../dom.js';
import { t, formatNumber, formatDateTime, currentLang } from '../i18n.js';
import { icon, stateIcon } from '../icons.js';
import { label } from './shared.js';

const DELIVERY_STATES = ['delivered', 'pending', 'failed', 'cancelled'];
const TASK_STATUSES = ['open', 'done', 'cancelled'];

/**
 * A duration given in minutes, in words: "under a minute", "12 minutes", "ساعتان و٥ دقائق",
 * "3 days and 4 hours"; null for null (the caller says "not yet").
 */
export function durationText(minutes) {
  if (minutes === null || minutes === undefined || Number.isNaN(Number(minutes))) return null;
  if (minutes < 1) return t('crisis.report.under_minute');
  const total = Math.round(minutes);
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const rest = total % 60;
  const parts = [];
  if (days) parts.push(t('crisis.report.days', { count: days }));
  if (hours) parts.push(t('crisis.report.hours', { count: hours }));
  if (rest && !days) parts.push(t('crisis.report.minutes', { count: rest }));
  return new Intl.ListFormat(currentLang(), { type: 'conjunction' }).format(parts);
}

/** "Not yet" in words, marked for styling and tests. */
const notYet = (key = 'crisis.report.not_yet') => h('span', { class: 'report-none', dataset: { none: 'true' } }, t(key));

/** A duration, or "not yet" when the server says null. */
const duration = (minutes, noneKey) => {
  const text = durationText(minutes);
  return text === null ? notYet(noneKey) : text;
};

/** Prints the crisis's head and the report alone; the page is left as it was afterwards. */
function printReport() {
  const root = document.documentElement;
  const done = () => {
    root.classList.remove('print-crisis-report');
    window.removeEventListener('afterprint', done);
  };
  root.classList.add('print-crisis-report');
  window.addEventListener('afterprint', done);
  window.print();
}

/**
 * The report section. `kit` is the room's (see room.js statementKit): room.report holds the answer,
 * or { error } when it could not be read.
 */
export function reportSection(c, kit) {
  const report = kit.room.report;
  const el = kit.section('report',
    h('div', { class: 'report-tools' },
      h('p', { class: 'muted' }, t('crisis.report.lead')),
      report && !report.error
        ? h('button', { type: 'button', class: 'no-print', dataset: { testid: 'report-print' }, onclick: printReport }, icon('print'), t('crisis.report.print'))
        : null),
    report?.error
      ? h('div', { class: 'form-error', role: 'alert', dataset: { testid: 'report-error' } }, report.error.message)
      : report ? body(c, report, kit) : null);
  el.classList.add('crisis-report');
  return el;
}

function body(c, report, kit) {
  const m = report.metrics;
  const metric = (key, value, ...more) => h('div', { class: 'report-metric', dataset: { testid: `report-${key}` } },
    h('dt', {}, t(`crisis.report.metric.${key}`)),
    h('dd', { class: 'report-value' }, value),
    more.filter(Boolean).map((line) => h('dd', { class: 'report-more' }, line)));
  const counts = (vocabulary, states, values, testid) => h('ul', { class: 'report-counts', dataset: { testid } },
    states.filter((s) => s !== 'cancelled' || values[s] > 0).map((s) => h('li', { dataset: { state: s, count: String(values[s] ?? 0) } },
      h('span', { class: 'state-label' }, stateIcon(s), label(vocabulary, s)), ' ', h('strong', {}, formatNumber(values[s] ?? 0)))));
  const comma = currentLang() === 'ar' ? '، ' : ', ';
  return [
    h('p', { class: 'hint' }, t('crisis.report.as_of', { time: formatDateTime(new Date().toISOString()) })),
    h('dl', { class: 'report-metrics', dataset: { testid: 'report-metrics' } },
      metric('first_statement', duration(m.minutes_to_first_statement),
        m.first_statement_at ? [t('crisis.report.first_at'), ' ', kit.when(m.first_statement_at)] : null),
      metric('statements', formatNumber(m.statements_published),
        [t('crisis.report.updates', { count: m.updates }), comma, t('crisis.report.cancellations', { count: m.cancellations })]),
      metric('approval', duration(m.approval_minutes_median),
        m.approval_minutes_max !== null ? [t('crisis.report.slowest'), ' ', durationText(m.approval_minutes_max)] : null,
        h('span', { class: 'hint' }, t('crisis.report.approval_hint'))),
      metric('reach', formatNumber(m.entities_reached), t('crisis.report.channel_items', { count: m.channel_items })),
      metric('webhooks', counts('crisis_webhook_delivery_states', DELIVERY_STATES, m.webhook_deliveries || {}, 'report-delivery-counts')),
      metric('tasks', counts('crisis_task_statuses', TASK_STATUSES, m.tasks || {}, 'report-task-counts')),
      metric('duration', duration(m.duration_hours === null ? null : m.duration_hours * 60))),
    statementsTable(report.statements || [], kit),
    c.status === 'closed' ? lessons(report, kit) : null,
  ];
}

function statementsTable(statements, kit) {
  const heading = h('h3', { id: 'crisis-report-statements' }, t('crisis.report.statements_heading'));
  if (!statements.length) return [heading, h('p', { class: 'muted', dataset: { testid: 'report-statement-list' } }, t('crisis.report.no_statements'))];
  return [heading, h('div', { class: 'table-wrap' },
    h('table', { class: 'data report-statements', 'aria-labelledby': 'crisis-report-statements', dataset: { testid: 'report-statement-list' } },
      h('thead', {}, h('tr', {}, ['statement', 'type', 'published', 'approval'].map((col) => h('th', { scope: 'col' }, t(`crisis.report.col.${col}`))))),
      h('tbody', {}, statements.map((s) => h('tr', { dataset: { testid: 'report-statement', id: String(s.id), msgType: s.msg_type } },
        h('th', { scope: 'row' }, kit.bilingual('span', s, 'title')),
        h('td', {}, label('crisis_message_types', s.msg_type)),
        h('td', {}, kit.when(s.published_at)),
        h('td', { dataset: { testid: 'report-approval-minutes' } }, duration(s.approval_minutes, 'crisis.report.not_recorded')))))))];
}

function lessons(report, kit) {
  const has = report.lessons_ar || report.lessons_en;
  return [
    h('h3', {}, t('crisis.lessons.heading')),
    has ? kit.bilingual('p', report, 'lessons', { class: 'crisis-situation', dataset: { testid: 'report-lessons' } })
      : h('p', { class: 'muted', dataset: { testid: 'report-lessons' } }, t('crisis.lessons.none')),
  ];
}
