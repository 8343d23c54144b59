// Shared pieces of the messaging ("one voice") pages: state chips, planned times, alignment findings
// (byte spans → text ranges, highlighted text, the list), the word diff view and the workflow bar of
// a content item. What every capability shares lives in js/*.js: reference data (reference.js),
// permissions (permissions.js), form fields (fields.js), days (days.js).

import { api, etag } from '../api.js';
import { h, replace, confirmDialog } from '../dom.js';
import { t, formatDateTime, currentLang, LANGS } from '../i18n.js';
import { zonedDay } from '../time.js';
import { formatDay } from '../days.js';
import { can } from '../permissions.js';
import { inputField, selectField, conflictNotice } from '../fields.js';
import { person } from '../people.js';
import { icon, stateIcon } from '../icons.js';

// ---- small pieces ---------------------------------------------------------------------------

export function stateChip(state) {
  return h('span', { class: `chip state state-${state}`, dataset: { testid: 'state', state } }, stateIcon(state), t(`messaging.state.${state}`));
}

/** planned_at ("YYYY-MM-DD" or a UTC time) for display. */
export function formatPlanned(planned) {
  if (!planned) return '';
  return planned.length <= 10 ? formatDay(planned) : formatDateTime(planned);
}

export function timeEl(iso) {
  return iso ? h('time', { datetime: iso }, formatDateTime(iso)) : '';
}

// ---- alignment findings ---------------------------------------------------------------------

/** The UTF-16 index in str of a UTF-8 byte offset (the server's spans count bytes). */
export function byteToIndex(str, bytes) {
  let b = 0;
  let i = 0;
  while (i < str.length && b < bytes) {
    const cp = str.codePointAt(i);
    b += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    i += cp > 0xffff ? 2 : 1;
  }
  return i;
}

/** The text the server checks for one language: title + "\n\n" + body (or whichever is there). */
export function joinText(title, body) {
  if (!title) return body || '';
  if (!body) return title;
  return `${title}\n\n${body}`;
}

/**
 * Places each finding's span in the field it points into. texts: {title_ar, body_ar, title_en,
 * body_en} exactly as checked. Adds {field, start, end} (UTF-16 indexes in that field) to findings
 * with a span; others get field = null.
 */
export function locateFindings(findings, texts) {
  return (findings || []).map((f, index) => {
    const out = { ...f, index, field: null, start: 0, end: 0 };
    if (!f.span || (f.lang !== 'ar' && f.lang !== 'en')) return out;
    const title = texts[`title_${f.lang}`] || '';
    const body = texts[`body_${f.lang}`] || '';
    const joined = joinText(title, body);
    const start = byteToIndex(joined, f.span.offset);
    const end = byteToIndex(joined, f.span.offset + f.span.length);
    if (title && start < title.length) {
      Object.assign(out, { field: `title_${f.lang}`, start, end: Math.min(end, title.length) });
    } else {
      const skip = title && body ? title.length + 2 : title ? title.length : 0;
      if (title && !body) return out;
      Object.assign(out, { field: `body_${f.lang}`, start: Math.max(0, start - skip), end: Math.max(0, end - skip) });
    }
    return out;
  });
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 };

/** text as nodes with <mark>s over the ranges [{start, end, severity, index}] (overlaps: the first wins). */
export function markedText(text, ranges) {
  const sorted = [...ranges].filter((r) => r.end > r.start).sort((a, b) => a.start - b.start
    || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  const nodes = [];
  let at = 0;
  for (const r of sorted) {
    if (r.start < at) continue;
    if (r.start > at) nodes.push(text.slice(at, r.start));
    nodes.push(h('mark', { class: `sev-${r.severity}`, dataset: { testid: 'finding-mark', index: String(r.index), severity: r.severity } },
      text.slice(r.start, r.end)));
    at = r.end;
  }
  nodes.push(text.slice(at));
  // A trailing newline needs a character after it to take up a line (keeps overlays aligned).
  if (text.endsWith('\n')) nodes.push(' ');
  return nodes;
}

/**
 * The list of findings, most severe first. onSelect(finding) is called when a finding with a
 * span is activated (click, Enter, Space). Each item says where the span is.
 */
/** The text that would settle a finding, when the server offers one: the approved figure or date
 * in the draft's own digits and scale word (details.replacement of a fact finding). Terms and
 * entity names are not offered: their spans include attached clitics ("لذوي …"), which a plain
 * replacement would drop. */
export function findingFix(f) {
  if (!f.field || !f.span || f.kind !== 'fact') return '';
  return f.details?.replacement || '';
}

/** onFix(f, text), when given, adds a "replace with …" button to each finding that has a fix. */
export function findingsList(findings, { onSelect, onFix, testid = 'alignment-findings' } = {}) {
  const list = h('ul', { class: 'findings', dataset: { testid } });
  const sorted = [...findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.index - b.index);
  if (sorted.length === 0) {
    list.append(h('li', { class: 'finding-none', dataset: { testid: 'findings-none' } }, t('messaging.findings.none')));
    return list;
  }
  for (const f of sorted) {
    const message = currentLang() === 'ar' ? f.message_ar : f.message_en;
    const where = f.field ? t(`messaging.findings.in_${f.field}`) : f.lang ? t(`messaging.findings.in_${f.lang}`) : '';
    const body = [
      h('span', { class: 'finding-head' },
        h('span', { class: `sev-badge sev-${f.severity}` }, stateIcon(f.severity), t(`messaging.severity.${f.severity}`)),
        h('span', { class: 'finding-kind' }, t(`messaging.finding_kind.${f.kind}`)),
        where ? h('span', { class: 'finding-where' }, where) : null),
      h('span', { class: 'finding-message', dataset: { testid: 'finding-message' } }, message),
      f.span?.excerpt ? h('q', { class: 'finding-excerpt', lang: f.lang, dir: 'auto', dataset: { testid: 'finding-excerpt' } }, f.span.excerpt) : null,
    ];
    const attrs = { class: `finding sev-${f.severity}`, dataset: { testid: 'finding', kind: f.kind, severity: f.severity, reason: f.reason, index: String(f.index) } };
    const fix = onFix ? findingFix(f) : '';
    const fixButton = fix ? h('button', {
      type: 'button', class: 'finding-fix', dataset: { testid: 'finding-fix' },
      onclick: () => onFix(f, fix),
    }, icon('edit'), t('messaging.findings.fix_fact', { text: fix })) : null;
    if (f.field && onSelect) {
      list.append(h('li', attrs, h('button', {
        type: 'button', class: 'finding-button',
        onclick: () => onSelect(f),
        // Named by all it shows (WCAG 2.5.3), then what pressing it does.
      }, body, h('span', { class: 'visually-hidden' }, ` — ${t('messaging.findings.show')}`)), fixButton));
    } else {
      list.append(h('li', attrs, h('div', { class: 'finding-button static' }, body), fixButton));
    }
  }
  return list;
}

/** The summary line of a report: "1 error, 2 warnings". */
export function findingsSummary(findings, texts) {
  // Nothing written yet agrees with nothing: say so rather than "aligned".
  if (texts && Object.values(texts).every((v) => !String(v || '').trim())) return t('messaging.findings.empty');
  const n = { error: 0, warning: 0, info: 0 };
  for (const f of findings) n[f.severity] = (n[f.severity] || 0) + 1;
  if (!findings.length) return t('messaging.findings.none');
  return ['error', 'warning', 'info'].filter((s) => n[s]).map((s) => t(`messaging.findings.count_${s}`, { count: n[s] })).join(t('messaging.list_separator'));
}

// ---- word diff ------------------------------------------------------------------------------

const DIFF_FIELDS = ['title_ar', 'body_ar', 'title_en', 'body_en'];

/** GET …/diff answer as one block per field: insertions <ins>, deletions <del>, in the field's direction. */
export function diffView(diff) {
  const box = h('div', { class: 'diff-view', dataset: { testid: 'diff-view' } },
    h('p', { class: 'muted diff-summary' }, t('messaging.diff.summary', {
      from: diff.from?.version, to: diff.to?.version, inserted: diff.summary?.inserted ?? 0, deleted: diff.summary?.deleted ?? 0,
    })));
  for (const field of DIFF_FIELDS) {
    const ops = diff.fields?.[field] || [];
    if (ops.length === 0) continue;
    const lang = field.endsWith('_ar') ? 'ar' : 'en';
    const text = h('p', { class: 'diff-text', lang, dir: LANGS[lang].dir });
    ops.forEach((op, i) => {
      if (i > 0) text.append(' ');
      if (op.op === 'insert') {
        text.append(h('ins', {}, h('span', { class: 'visually-hidden' }, `${t('messaging.diff.inserted')} `), op.text));
      } else if (op.op === 'delete') {
        text.append(h('del', {}, h('span', { class: 'visually-hidden' }, `${t('messaging.diff.deleted')} `), op.text));
      } else {
        text.append(op.text);
      }
    });
    box.append(h('section', { class: 'diff-field', dataset: { testid: 'diff-field', field } },
      h('h4', {}, t(`messaging.field.${field}`)), text));
  }
  return box;
}

// ---- workflow -------------------------------------------------------------------------------

// docs/messaging.md: the steps of a content item and the permission each needs (owner entity).
const STEPS = [
  { from: ['draft', 'changes_requested'], to: 'in_review', perm: 'messaging.content.write' },
  { from: ['in_review'], to: 'approved', perm: 'messaging.content.review' },
  { from: ['in_review'], to: 'changes_requested', perm: 'messaging.content.review' },
  { from: ['approved'], to: 'scheduled', perm: 'messaging.content.publish' },
  { from: ['scheduled'], to: 'published', perm: 'messaging.content.publish' },
  { from: ['published'], to: 'withdrawn', perm: 'messaging.content.review' },
];

// Each step's button shows the icon of the state it leads to.
const STEP_ICONS = {
  in_review: 'send', approved: 'check', changes_requested: 'undo', scheduled: 'clock', published: 'publish', withdrawn: 'ban',
};

/** The steps the caller may take from the item's state. */
export function allowedSteps(item) {
  return STEPS.filter((s) => s.from.includes(item.state) && can(s.perm, item.owner_entity_id)).map((s) => s.to);
}

/**
 * The workflow bar of a content item: an optional comment and one button per allowed step.
 * before() may run first (e.g. save a dirty draft) and return the item to move; onMoved(item,
 * requested) gets the answer; a 412 shows the conflict notice (onReload reloads the item); other
 * problems (403, 409) show the server's detail in the bar.
 */
export function workflowBar(item, { onMoved, onReload, before, steps = allowedSteps(item) } = {}) {
  const bar = h('section', { class: 'workflow card', 'aria-labelledby': 'workflow-heading', dataset: { testid: 'workflow' } });
  const status = h('div', { class: 'form-status', role: 'status', dataset: { testid: 'workflow-status' } });
  const error = h('div', { class: 'form-error', role: 'alert', dataset: { testid: 'workflow-error' } });
  const conflict = h('div', { class: 'conflict-slot' });
  bar.append(h('h2', { id: 'workflow-heading' }, t('messaging.workflow.heading')));
  if (item.strategic) {
    bar.append(h('p', { class: 'hint', dataset: { testid: 'approvals' } },
      t('messaging.workflow.strategic'), ' ',
      t('messaging.workflow.approvals', {
        reviewer: item.approvals?.reviewer || t('messaging.workflow.pending'),
        network: item.approvals?.network || t('messaging.workflow.pending'),
      })));
  }
  if (steps.length === 0) {
    // The status stays: the step just taken is confirmed here even when none remains.
    bar.append(h('p', { class: 'muted', dataset: { testid: 'workflow-none' } }, t('messaging.workflow.none')), status);
    return bar;
  }
  const comment = inputField('workflow-comment', t('messaging.workflow.comment'), {
    tag: 'textarea', rows: 2, maxlength: 2000, dir: 'auto', dataset: { testid: 'workflow-comment' },
  });
  const buttons = steps.map((to) => h('button', {
    type: 'button',
    class: to === 'changes_requested' || to === 'withdrawn' ? 'danger-outline' : 'primary',
    dataset: { testid: `workflow-${to}` },
    onclick: () => move(to),
  }, icon(STEP_ICONS[to]), t(`messaging.workflow.to_${to}`)));
  // Shown when the server refuses a step over open error findings: the reason to go ahead anyway,
  // kept in the audit trail (unless the entity forbids overriding, which the error then says).
  const override = h('div', { class: 'override', hidden: true, dataset: { testid: 'workflow-override' } });
  bar.append(comment.field, h('div', { class: 'workflow-actions' }, buttons), error, override, status, conflict);

  function offerOverride(to, message) {
    const reason = inputField('workflow-override-reason', t('messaging.workflow.override_reason'), {
      tag: 'textarea', rows: 2, maxlength: 2000, dir: 'auto', required: true, dataset: { testid: 'workflow-override-reason' },
    });
    const go = h('button', {
      type: 'button', class: 'danger', dataset: { testid: 'workflow-override-go' },
      onclick: () => {
        if (!reason.input.value.trim()) {
          reason.input.setAttribute('aria-invalid', 'true');
          reason.input.focus();
          return;
        }
        move(to, reason.input.value.trim());
      },
    }, icon('warning'), t('messaging.workflow.override_go', { step: t(`messaging.workflow.to_${to}`) }));
    replace(override, h('p', { class: 'form-error', role: 'alert' }, message), reason.field, go);
    override.hidden = false;
    reason.input.focus();
  }

  async function move(to, overrideReason) {
    error.textContent = '';
    status.textContent = '';
    buttons.forEach((b) => { b.disabled = true; });
    bar.setAttribute('aria-busy', 'true');
    try {
      const current = before ? await before() : item;
      if (!current) return;
      if (to === 'published' && plannedLater(current.planned_at)) {
        const publishNow = await confirmDialog({
          title: t('messaging.workflow.early_title'),
          body: t('messaging.workflow.early_body', { when: formatPlanned(current.planned_at) }),
          confirm: t('messaging.workflow.early_confirm'),
          cancel: t('messaging.workflow.early_cancel'),
          testid: 'publish-early',
          opener: buttons.find((b) => b.dataset.testid === 'workflow-published'),
        });
        if (!publishNow) return;
      }
      const body = { to };
      if (comment.input.value.trim()) body.comment = comment.input.value.trim();
      if (overrideReason) body.override_reason = overrideReason;
      const moved = await api(`/api/v1/content-items/${encodeURIComponent(current.id)}/transitions`, {
        method: 'POST', body, headers: { 'If-Match': etag(current.version) },
      });
      comment.input.value = '';
      replace(override);
      override.hidden = true;
      const text = moved.state === 'scheduled' && moved.planned_at
        ? t('messaging.workflow.scheduled_for', { when: formatPlanned(moved.planned_at) })
        : moved.state === to ? t('messaging.workflow.done', { state: t(`messaging.state.${moved.state}`) })
          : t('messaging.workflow.recorded');
      onMoved?.(moved, to, text);
    } catch (err) {
      if (err.name === 'AbortError') return;
      if (err.status === 412) {
        replace(conflict, conflictNotice('workflow-conflict', onReload));
        conflict.querySelector('button')?.focus();
      } else if (err.code === 'messaging.open_errors') {
        offerOverride(to, err.message);
      } else {
        error.textContent = err.message;
      }
    } finally {
      buttons.forEach((b) => { b.disabled = false; });
      bar.removeAttribute('aria-busy');
    }
  }
  return bar;
}

/** Whether a planned publication time (a day or a UTC time) is still ahead. */
function plannedLater(planned) {
  if (!planned) return false;
  // A day is ahead until it ends in the network's time zone.
  return planned.length <= 10 ? planned >= zonedDay(new Date()) : new Date(planned).getTime() > Date.now();
}

/** Status text kept across a repaint of the workflow bar. */
export function showWorkflowStatus(root, text) {
  const el = root.querySelector('[data-testid="workflow-status"]');
  if (el && text) el.textContent = text;
}

/** The versions list of a content item, newest first, with a button to diff each from the one before. */
export async function loadVersions(id) {
  const answer = await api(`/api/v1/content-items/${encodeURIComponent(id)}/versions`);
  return answer?.items || [];
}

export async function loadDiff(id, from, to) {
  return api(`/api/v1/content-items/${encodeURIComponent(id)}/diff`, { query: { from, to } });
}

/** "who · when" of a version or an approval. */
export function byLine(who, when) {
  return [who ? person(who) : null, who && when ? ' · ' : null, when ? timeEl(when) : null];
}

/**
 * The version history of a content item with a word diff: every stored version (newest first),
 * "from"/"to" choosers and the diff between them. Starts on from → to when given.
 */
export function historyPanel(itemId, versions, { from, to, notify } = {}) {
  const section = h('section', { class: 'history card', 'aria-labelledby': 'history-heading', dataset: { testid: 'versions' } },
    h('h2', { id: 'history-heading' }, t('messaging.history.heading')));
  if (versions.length === 0) {
    section.append(h('p', { class: 'muted' }, t('messaging.history.empty')));
    return section;
  }
  const options = versions.map((v) => ({ value: String(v.version), label: t('messaging.history.version_label', { version: v.version, state: t(`messaging.state.${v.state}`) }) }));
  const newest = versions[0].version;
  const fromSel = selectField('diff-from', t('messaging.history.from'), options, String(from ?? Math.max(1, newest - 1)), { dataset: { testid: 'diff-from' } });
  const toSel = selectField('diff-to', t('messaging.history.to'), options, String(to ?? newest), { dataset: { testid: 'diff-to' } });
  const out = h('div', { class: 'diff-slot', 'aria-live': 'polite' });
  const show = async () => {
    out.setAttribute('aria-busy', 'true');
    try {
      replace(out, diffView(await loadDiff(itemId, fromSel.select.value, toSel.select.value)));
    } catch (err) {
      notify?.(err);
    } finally {
      out.removeAttribute('aria-busy');
    }
  };
  const table = h('table', { class: 'data versions-table' },
    h('thead', {}, h('tr', {},
      ['version', 'state', 'saved_by', 'saved_at'].map((c) => h('th', { scope: 'col' }, t(`messaging.history.col_${c}`))),
      h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('messaging.history.col_actions'))))),
    h('tbody', {}, versions.map((v) => h('tr', { dataset: { testid: 'version-item', version: String(v.version) } },
      h('th', { scope: 'row' }, String(v.version), v.current ? h('span', { class: 'badge' }, t('messaging.history.current')) : null),
      h('td', {}, stateChip(v.state)),
      h('td', {}, person(v.saved_by)),
      h('td', {}, timeEl(v.saved_at)),
      h('td', {}, v.version > 1 ? h('button', {
        type: 'button', class: 'small', dataset: { testid: 'version-diff' },
        onclick: () => {
          fromSel.select.value = String(v.version - 1);
          toSel.select.value = String(v.version);
          show();
        },
      }, icon('compare'), t('messaging.history.compare_previous')) : null)))));
  section.append(h('div', { class: 'table-wrap' }, table),
    h('div', { class: 'diff-choose' }, fromSel.field, toSel.field,
      h('button', { type: 'button', dataset: { testid: 'diff-show' }, onclick: show }, icon('compare'), t('messaging.history.compare'))),
    out);
  if (versions.length > 1) show();
  return section;
}
