// The crisis room (#/crises/<id>, where the crisis notifications lead): the header (title,
// severity, kind — a drill said so plainly —, status, lead and affected entities, themes, areas,
// declared and closed by whom and when), the situation summary, its statements (statements.js:
// drafted from a template, checked, approved, published), its report (report.js: how fast and how
// widely it was communicated, printable), the room's roles, its tasks and its timeline
// (GET /api/v1/crises/{id}, …/tasks, …/timeline, …/statements, …/report).
//
// Those who manage the room (the lead entity's admins, network admins, the room's lead) update the
// situation and severity (PATCH, If-Match), assign roles (PUT …/roles), add tasks and mark them
// done or cancelled, and close the crisis with its lessons behind a confirmation (POST …/close);
// those who contribute write notes, decisions and signals in the timeline; a task's owner marks it
// done. The timeline reads newest first, under the form that adds to it. Typed values live in
// `room.drafts`, so a language or digit switch keeps them.
//
// The managers also pause the scheduled publishing of the crisis's lead and affected entities with
// a reason (POST …/pause-publishing): the room then shows what the pause covers and holds, and
// they resume it (POST …/resume-publishing), also once the crisis is closed. The shell's banner
// (pauses.js) is told at once.

import { api, etag } from '../api.js';
import { h, replace, confirmDialog } from '../dom.js';
import { t, pick, currentLang, otherLang, formatDateTime } from '../i18n.js';
import { entityName, themeName, vocabularyOptions, codes } from '../reference.js';
import { inputField, selectField, choiceGroup, showFieldProblem, conflictNotice, langBlock } from '../fields.js';
import { person } from '../people.js';
import { zonedToIso, zoneName } from '../time.js';
import { reasonDialog, pausesChanged, PUBLISHING_RESUMED, pauseEntities, pauseChannels, heldText, listText } from '../pauses.js';
import { icon, stateIcon, channelLabel } from '../icons.js';
import { statementsSection } from './statements.js';
import { reportSection } from './report.js';
import {
  severityBadge, kindBadge, statusChip, label, canManage, managesRoom, canContribute, isMe, memberOptions, accountName, roleHolderName,
} from './shared.js';

const room = {
  id: null,
  crisis: null,
  tasks: [],
  timeline: [],
  statements: [],
  report: null, // GET …/report, or { error } when it could not be read (the rest of the room still shows)
  templates: null, // the crisis templates, the crisis type's first (loaded when a draft starts from one)
  checks: {}, // statement id -> its one-voice check, once opened
  openStatements: new Set(), // the statements shown opened
  open: null, // the form shown: 'situation', 'roles' or 'close'
  drafts: null,
  notes: {}, // section -> { ok, text } after the last write there
  conflict: false, // a 412: someone else changed the crisis meanwhile
};
let mainEl = null;
let ctxRef = null;
let listening = false; // one listener for the banner's resumes, whichever crisis is shown

/** The banner resumed publishing: the room shown now (its pause switch, timeline) reads it again. */
function onResumedFromBanner() {
  if (!room.crisis || !mainEl?.isConnected || mainEl.dataset.page !== 'crises' || location.hash.split("/")[2] !== String(room.id)) return;
  load().then(paint).catch(ctxRef.notify);
}

export async function renderRoom(main, id, ctx) {
  mainEl = main;
  ctxRef = ctx;
  if (!listening) {
    document.addEventListener(PUBLISHING_RESUMED, onResumedFromBanner);
    listening = true;
  }
  if (room.id !== id || !room.crisis) {
    Object.assign(room, { id, open: null, notes: {}, conflict: false, drafts: emptyDrafts(), templates: null, openStatements: new Set() });
    await load();
  } else if (!ctx.relang) {
    room.notes = {};
    await load();
  }
  paint();
}

function emptyDrafts() {
  return { pauseReason: '', situation: null, roles: null, statement: null, task: { title_ar: '', title_en: '', owner: '', due: '' }, entry: { kind: 'note', text_ar: '', text_en: '' }, close: { lessons_ar: '', lessons_en: '' } };
}

async function load() {
  const base = `/api/v1/crises/${encodeURIComponent(room.id)}`;
  const [crisis, tasks, timeline, statements, report] = await Promise.all([api(base), api(`${base}/tasks`), api(`${base}/timeline`), api(`${base}/statements`),
    api(`${base}/report`).catch((error) => ({ error }))]);
  room.report = report;
  room.crisis = crisis;
  room.tasks = tasks?.items || [];
  room.timeline = timeline?.items || [];
  room.statements = statements?.items || [];
  room.checks = {};
  room.conflict = false;
}

/**
 * Runs a write, then `done()` (forgets the form's values), reloads the room and reports in
 * `section`'s status region; a refusal goes to its error region (or beside the field it names).
 */
async function write(section, call, doneKey, done = () => {}) {
  room.notes = {};
  try {
    await call();
    if (['situation', 'roles', 'close'].includes(section)) room.open = null;
    done();
    await load();
    room.notes[section] = { ok: true, text: () => t(doneKey) };
  } catch (err) {
    if (err.name === 'AbortError') return false;
    if (err.status === 412) room.conflict = true;
    else room.notes[section] = { ok: false, text: () => err.message, field: err.field };
    // The room changed meanwhile (closed, paused or resumed by someone else): show it as it is.
    if (['crisis.closed', 'crisis.already_paused', 'crisis.not_paused'].includes(err.code)) await load().catch(ctxRef.notify);
    paint();
    (mainEl.querySelector(`[data-testid="crisis-section-${section}"] [aria-invalid="true"]`) || sectionHeading(section))?.focus();
    return false;
  }
  paint();
  sectionHeading(section)?.focus();
  return true;
}

/** A section's heading (the page's when the section is gone, e.g. closing once closed). */
function sectionHeading(name) {
  return mainEl.querySelector(`#crisis-${name}-heading`) || mainEl.querySelector('h1');
}

function notes(section) {
  const n = room.notes[section];
  return [
    h('div', { class: 'form-status', role: 'status', dataset: { testid: `crisis-${section}-status` } }, n?.ok ? n.text() : ''),
    h('div', { class: 'form-error', role: 'alert', dataset: { testid: `crisis-${section}-error` } }, n && !n.ok && !n.shown ? n.text() : ''),
  ];
}

/** A bilingual record's text in the page's language (else the other), marked with its own language. */
function bilingual(tag, record, fieldName, attrs = {}) {
  const lang = record[`${fieldName}_${currentLang()}`] ? currentLang() : otherLang();
  return langBlock(tag, lang, record[`${fieldName}_${lang}`] || '', attrs);
}

const when = (iso) => h('time', { datetime: iso }, formatDateTime(iso));
const chipList = (values, testid) => h('ul', { class: 'chips', dataset: { testid } }, values.map((v) => h('li', { class: 'chip' }, v)));

function section(name, ...children) {
  return h('section', { class: 'card crisis-section', 'aria-labelledby': `crisis-${name}-heading`, dataset: { testid: `crisis-section-${name}` } },
    h('h2', { id: `crisis-${name}-heading`, tabindex: '-1' }, t(`crisis.${name}.heading`)),
    ...children);
}

function paint() {
  const c = room.crisis;
  const manage = canManage(c);
  replace(mainEl,
    h('p', {}, h('a', { href: '#/crises' }, t('crisis.back'))),
    h('article', { class: 'crisis-room', dataset: { testid: 'crisis-room', id: String(c.id), status: c.status, kind: c.kind } },
      header(c, manage),
      room.conflict ? conflictNotice('crisis-conflict', () => load().then(paint).catch(ctxRef.notify)) : null,
      h('div', { class: 'crisis-layout' },
        h('div', { class: 'crisis-main' }, situationSection(c, manage), statementsSection(c, statementKit), reportSection(c, statementKit), tasksSection(c, manage), timelineSection(c)),
        h('div', { class: 'crisis-aside' }, publishingSection(c, manage), rolesSection(c, manage), closeSection(c, manage)))));
}

/** What the statements and report sections (statements.js, report.js) use of the room. */
const statementKit = {
  room,
  section: (...args) => section(...args),
  notes: (name) => notes(name),
  write: (...args) => write(...args),
  paint: () => paint(),
  focus: (selector) => mainEl.querySelector(selector)?.focus(),
  bilingual: (...args) => bilingual(...args),
  when: (iso) => when(iso),
  notify: (err) => ctxRef.notify(err),
};

// ---- header ----------------------------------------------------------------------------------

function header(c, manage) {
  const fact = (key, value) => (value ? [h('dt', {}, t(`crisis.field.${key}`)), h('dd', {}, value)] : null);
  const areas = (c.areas || []).map((a) => pick(a, 'desc')).filter(Boolean);
  return h('header', { class: 'card crisis-head' },
    h('div', { class: 'page-head' },
      h('h1', { tabindex: '-1', dataset: { testid: 'crisis-title' } }, pick(c, 'title')),
      h('div', { class: 'crisis-badges' }, severityBadge(c.severity), kindBadge(c.kind, { real: true }), statusChip(c.status))),
    c.kind === 'drill' ? h('p', { class: 'crisis-drill-note', dataset: { testid: 'crisis-drill-note' } }, t('crisis.room.drill_note')) : null,
    c.status === 'active' && !manage
      ? h('p', { class: 'hint', dataset: { testid: 'crisis-readonly' } }, t(canContribute(c) ? 'crisis.room.contributor' : 'crisis.room.follower')) : null,
    h('dl', { class: 'facts' },
      fact('crisis_type', label('crisis_types', c.crisis_type)),
      fact('lead', entityName(c.lead_entity_id)),
      fact('affected', c.affected_entity_ids?.length ? chipList(c.affected_entity_ids.map(entityName), 'crisis-affected') : null),
      fact('themes', c.themes?.length ? chipList(c.themes.map(themeName), 'crisis-themes') : null),
      fact('areas', areas.length ? chipList(areas, 'crisis-areas') : null),
      fact('declared', [person(c.declared_by), ' · ', when(c.declared_at)]),
      c.closed_at ? fact('closed', [person(c.closed_by), ' · ', when(c.closed_at)]) : null));
}

// ---- situation -------------------------------------------------------------------------------

function situationSection(c, manage) {
  const text = pick(c, 'situation');
  const shown = [
    text ? bilingual('p', c, 'situation', { class: 'crisis-situation', dataset: { testid: 'crisis-situation-text' } })
      : h('p', { class: 'muted', dataset: { testid: 'crisis-situation-text' } }, t('crisis.situation.none')),
    h('p', { class: 'hint' }, t('crisis.situation.updated'), ' ', person(c.updated_by), ' · ', when(c.updated_at)),
  ];
  if (!manage) return section('situation', ...notes('situation'), shown);
  if (room.open !== 'situation') {
    return section('situation', ...notes('situation'), shown,
      h('button', { type: 'button', dataset: { testid: 'crisis-situation-edit' }, onclick: () => openForm('situation') }, icon('edit'), t('crisis.situation.edit')));
  }
  room.drafts.situation ||= { severity: c.severity, situation_ar: c.situation_ar || '', situation_en: c.situation_en || '' };
  const d = room.drafts.situation;
  const fields = {
    severity: selectField('situation-severity', t('crisis.field.severity'),
      vocabularyOptions('crisis_severities').map((o) => ({ ...o, label: label('crisis_severities', o.value) })), d.severity,
      { error: true, dataset: { testid: 'situation-severity' } }),
    situation_ar: inputField('situation-ar', t('crisis.field.situation_ar'), { tag: 'textarea', rows: 4, lang: 'ar', value: d.situation_ar, maxlength: 4000, error: true, dataset: { testid: 'situation-ar' } }),
    situation_en: inputField('situation-en', t('crisis.field.situation_en'), { tag: 'textarea', rows: 4, lang: 'en', value: d.situation_en, maxlength: 4000, error: true, dataset: { testid: 'situation-en' } }),
  };
  fields.severity.select.addEventListener('change', () => { d.severity = fields.severity.select.value; });
  for (const key of ['situation_ar', 'situation_en']) fields[key].input.addEventListener('input', () => { d[key] = fields[key].input.value; });
  const form = h('form', { class: 'crisis-form', novalidate: true, dataset: { testid: 'situation-form' } },
    fields.severity.field,
    h('div', { class: 'two-col' }, fields.situation_ar.field, fields.situation_en.field),
    formActions('situation-save', t('crisis.save'), () => closeForm(), { icon: 'save' }));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const body = { severity: d.severity, situation_ar: d.situation_ar.trim(), situation_en: d.situation_en.trim() };
    write('situation', () => api(`/api/v1/crises/${c.id}`, { method: 'PATCH', headers: { 'If-Match': etag(c.version) }, body }), 'crisis.situation.saved',
      () => { room.drafts.situation = null; });
  });
  return section('situation', ...notes('situation'), shown.slice(1), form);
}

function formActions(testid, submitText, onCancel, { danger = false, icon: iconName = null } = {}) {
  return h('div', { class: 'form-actions' },
    h('button', { type: 'submit', class: danger ? 'danger' : 'primary', dataset: { testid } }, iconName ? icon(iconName) : null, submitText),
    h('button', { type: 'button', dataset: { testid: `${testid}-cancel` }, onclick: onCancel }, t('crisis.cancel')));
}

function openForm(name) {
  room.open = name;
  room.notes = {};
  paint();
  mainEl.querySelector(`[data-testid="crisis-section-${name}"] form`)?.querySelector('input, select, textarea')?.focus();
}

function closeForm() {
  const name = room.open;
  room.open = null;
  if (name === 'situation' || name === 'roles') room.drafts[name] = null;
  paint();
  sectionHeading(name)?.focus();
}

// ---- publishing ------------------------------------------------------------------------------

/**
 * The crisis's pause of publishing: while in force, what it covers and holds, and resuming for the
 * room's managers (also once closed); otherwise, while the room is active, the managers' switch.
 */
function publishingSection(c, manage) {
  const pause = c.publishing_pauses?.[0];
  if (!pause) {
    if (!manage) return null;
    return section('publishing', ...notes('publishing'), h('p', { class: 'hint' }, t('crisis.publishing.lead')),
      h('button', { type: 'button', class: 'danger-outline', dataset: { testid: 'crisis-pause' }, onclick: (e) => pausePublishing(c, e.currentTarget) },
        icon('pause'), t('crisis.publishing.pause')));
  }
  const fact = (key, value) => [h('dt', {}, t(`crisis.publishing.${key}`)), h('dd', {}, value)];
  return section('publishing', ...notes('publishing'),
    h('div', { class: 'crisis-paused', dataset: { testid: 'crisis-paused', id: String(pause.id) } },
      h('p', { class: 'crisis-paused-title' }, icon('pause'), t('crisis.publishing.paused')),
      h('dl', { class: 'facts' },
        fact('entities', pause.entity_ids.length ? chipList(pause.entity_ids.map(entityName), 'crisis-paused-entities') : pauseEntities(pause)),
        fact('channels', pause.channels?.length
          ? h('ul', { class: 'chips', dataset: { testid: 'crisis-paused-channels' } }, pause.channels.map((code) => h('li', { class: 'chip' }, channelLabel(code, label('channels', code)))))
          : pauseChannels(pause)),
        fact('since', [when(pause.paused_at), ' · ', person(pause.paused_by)]),
        fact('reason', h('bdi', { dir: 'auto' }, pause.reason))),
      h('p', { dataset: { testid: 'crisis-paused-held' } }, heldText(pause))),
    managesRoom(c)
      ? h('button', { type: 'button', class: 'primary', dataset: { testid: 'crisis-resume' }, onclick: (e) => resumePublishing(c, e.currentTarget) },
        icon('play'), t('crisis.publishing.resume'))
      : null);
}

async function pausePublishing(c, opener) {
  const entities = [c.lead_entity_id, ...(c.affected_entity_ids || [])].map(entityName);
  const { confirmed, reason } = await reasonDialog({
    testid: 'crisis-pause-dialog', title: t('crisis.publishing.pause_title'), body: t('crisis.publishing.pause_body', { entities: listText(entities) }),
    confirm: t('crisis.publishing.pause_confirm'), required: true, danger: true, reason: room.drafts.pauseReason, opener,
  });
  room.drafts.pauseReason = reason;
  if (!confirmed) return;
  const paused = await write('publishing', () => api(`/api/v1/crises/${c.id}/pause-publishing`, {
    method: 'POST', headers: { 'If-Match': etag(c.version) }, body: { reason },
  }), 'crisis.publishing.paused_done', () => { room.drafts.pauseReason = ''; });
  if (paused) pausesChanged();
}

async function resumePublishing(c, opener) {
  const { confirmed, reason } = await reasonDialog({
    testid: 'crisis-resume-dialog', title: t('crisis.publishing.resume_title'), body: t('crisis.publishing.resume_body'),
    confirm: t('crisis.publishing.resume'), opener,
  });
  if (!confirmed) return;
  const resumed = await write('publishing', () => api(`/api/v1/crises/${c.id}/resume-publishing`, {
    method: 'POST', headers: { 'If-Match': etag(c.version) }, body: reason ? { reason } : {},
  }), 'crisis.publishing.resumed_done');
  if (resumed) pausesChanged();
}

// ---- roles -----------------------------------------------------------------------------------

function rolesSection(c, manage) {
  const order = codes('crisis_roles');
  const roles = [...(c.roles || [])].sort((a, b) => order.indexOf(a.role) - order.indexOf(b.role));
  const list = h('ul', { class: 'crisis-roles', dataset: { testid: 'crisis-roles-list' } }, roles.map((r) =>
    h('li', { dataset: { testid: 'crisis-role', role: r.role, account: String(r.account_id) } },
      h('bdi', { class: 'person' }, roleHolderName(r)), ' ', h('span', { class: 'chip' }, label('crisis_roles', r.role)))));
  if (!manage) return section('roles', ...notes('roles'), list);
  if (room.open !== 'roles') {
    return section('roles', ...notes('roles'), list,
      h('button', { type: 'button', dataset: { testid: 'crisis-roles-edit' }, onclick: () => openForm('roles') }, icon('edit'), t('crisis.roles.edit')));
  }
  room.drafts.roles ||= roles.map((r) => ({ account_id: String(r.account_id), role: r.role }));
  const d = room.drafts.roles;
  const people = memberOptions(c);
  const rows = d.map((row, i) => {
    const who = selectField(`role-member-${i}`, t('crisis.roles.member'), people, row.account_id, { dataset: { testid: 'role-member' } });
    const what = selectField(`role-role-${i}`, t('crisis.roles.role'), vocabularyOptions('crisis_roles'), row.role, { dataset: { testid: 'role-role' } });
    who.select.addEventListener('change', () => { row.account_id = who.select.value; });
    what.select.addEventListener('change', () => { row.role = what.select.value; });
    return h('div', { class: 'crisis-role-row', dataset: { testid: 'role-row' } }, who.field, what.field,
      h('button', {
        type: 'button', class: 'danger-outline', dataset: { testid: 'role-remove' },
        'aria-label': t('crisis.roles.remove_named', { name: people.find((p) => p.value === row.account_id)?.label || '' }),
        onclick: () => { d.splice(i, 1); paint(); mainEl.querySelector('[data-testid="role-add"]')?.focus(); },
      }, icon('delete'), t('crisis.roles.remove')));
  });
  const form = h('form', { class: 'crisis-form', novalidate: true, dataset: { testid: 'roles-form' } },
    rows,
    h('p', {}, h('button', {
      type: 'button', dataset: { testid: 'role-add' },
      onclick: () => { d.push({ account_id: people[0]?.value || '', role: 'monitoring' }); paint(); mainEl.querySelector(`#role-member-${d.length - 1}`)?.focus(); },
    }, icon('add'), t('crisis.roles.add'))),
    formActions('roles-save', t('crisis.save'), () => closeForm(), { icon: 'save' }));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const body = { roles: d.map((r) => ({ account_id: Number(r.account_id), role: r.role })) };
    write('roles', () => api(`/api/v1/crises/${c.id}/roles`, { method: 'PUT', headers: { 'If-Match': etag(c.version) }, body }), 'crisis.roles.saved',
      () => { room.drafts.roles = null; });
  });
  return section('roles', ...notes('roles'), form);
}

// ---- tasks -----------------------------------------------------------------------------------

function tasksSection(c, manage) {
  const now = Date.now();
  const table = room.tasks.length
    ? h('div', { class: 'table-wrap' }, h('table', { class: 'data crisis-tasks', dataset: { testid: 'crisis-tasks-list' } },
      h('thead', {}, h('tr', {}, ['task', 'owner', 'due', 'status', 'actions'].map((col) => h('th', { scope: 'col' }, t(`crisis.tasks.col.${col}`))))),
      h('tbody', {}, room.tasks.map((task) => {
        const open = task.status === 'open';
        const overdue = open && task.due_at && new Date(task.due_at).getTime() < now;
        const step = (status, testid, text, cls) => h('button', {
          type: 'button', class: cls, dataset: { testid },
          onclick: () => write('tasks', () => api(`/api/v1/crises/${c.id}/tasks/${task.id}`, {
            method: 'PATCH', headers: { 'If-Match': etag(task.version) }, body: { status },
          }), status === 'done' ? 'crisis.tasks.marked_done' : 'crisis.tasks.cancelled'),
        }, icon(status === 'done' ? 'check' : 'close'), text,
        // The name starts with what the button shows (WCAG 2.5.3) and says which task it acts on.
        h('span', { class: 'visually-hidden' }, t('crisis.tasks.of_task', { title: pick(task, 'title') })));
        return h('tr', { class: open ? null : 'inactive', dataset: { testid: 'crisis-task', id: String(task.id), status: task.status } },
          h('th', { scope: 'row' }, bilingual('span', task, 'title')),
          h('td', {}, h('bdi', {}, accountName(c, task.owner_account_id))),
          h('td', {}, task.due_at ? when(task.due_at) : t('crisis.tasks.no_due'),
            overdue ? h('span', { class: 'badge crisis-overdue', dataset: { testid: 'task-overdue' } }, icon('clock'), t('crisis.tasks.overdue')) : null),
          h('td', {}, h('span', { class: `chip crisis-task-${task.status}` }, stateIcon(task.status), label('crisis_task_statuses', task.status))),
          h('td', { class: 'row-action' },
            open && c.status === 'active' && (manage || isMe(task.owner_account_id)) ? step('done', 'task-done', t('crisis.tasks.done'), 'primary') : null,
            open && manage ? step('cancelled', 'task-cancel', t('crisis.tasks.cancel'), 'danger-outline') : null));
      }))))
    : h('p', { class: 'muted', dataset: { testid: 'crisis-tasks-list' } }, t('crisis.tasks.none'));
  const form = manage ? taskForm(c) : null; // first: it shows a refusal beside its field
  return section('tasks', ...notes('tasks'), table, form);
}

function taskForm(c) {
  const d = room.drafts.task;
  const people = memberOptions(c);
  const fields = {
    title_ar: inputField('task-title-ar', t('crisis.field.task_title_ar'), { lang: 'ar', value: d.title_ar, maxlength: 300, required: true, error: true, dataset: { testid: 'task-title-ar' } }),
    title_en: inputField('task-title-en', t('crisis.field.task_title_en'), { lang: 'en', value: d.title_en, maxlength: 300, required: true, error: true, dataset: { testid: 'task-title-en' } }),
    owner_account_id: selectField('task-owner', t('crisis.field.owner'), [{ value: '', label: t('crisis.field.choose') }, ...people], d.owner,
      { required: true, error: true, dataset: { testid: 'task-owner' } }),
    due_at: inputField('task-due', t('crisis.field.due'), {
      type: 'datetime-local', value: d.due, error: true, hint: t('crisis.tasks.due_hint', { zone: zoneName(currentLang()) }), dataset: { testid: 'task-due' },
    }),
  };
  fields.title_ar.input.addEventListener('input', () => { d.title_ar = fields.title_ar.input.value; });
  fields.title_en.input.addEventListener('input', () => { d.title_en = fields.title_en.input.value; });
  fields.owner_account_id.select.addEventListener('change', () => { d.owner = fields.owner_account_id.select.value; });
  fields.due_at.input.addEventListener('input', () => { d.due = fields.due_at.input.value; });
  const problem = room.notes.tasks && !room.notes.tasks.ok ? room.notes.tasks : null;
  const form = h('form', { class: 'crisis-form crisis-task-form', novalidate: true, dataset: { testid: 'task-form' } },
    h('h3', {}, t('crisis.tasks.add_heading')),
    h('div', { class: 'two-col' }, fields.title_ar.field, fields.title_en.field),
    h('div', { class: 'two-col' }, fields.owner_account_id.field, fields.due_at.field),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'primary', dataset: { testid: 'task-add' } }, icon('add'), t('crisis.tasks.add'))));
  if (problem?.field) problem.shown = !!showFieldProblem({ field: problem.field, message: problem.text() }, fields);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const missing = ['title_ar', 'title_en'].find((k) => !d[k].trim()) || (!d.owner && 'owner_account_id');
    if (missing) {
      room.notes = { tasks: { ok: false, field: missing, text: () => t('crisis.form.missing', { field: t(`crisis.field.${missing === 'owner_account_id' ? 'owner' : `task_${missing}`}`) }) } };
      paint();
      mainEl.querySelector('[data-testid="task-form"] [aria-invalid="true"]')?.focus();
      return;
    }
    const body = { title_ar: d.title_ar.trim(), title_en: d.title_en.trim(), owner_account_id: Number(d.owner) };
    if (d.due) {
      const [day, time] = d.due.split('T');
      body.due_at = zonedToIso(day, time);
    }
    write('tasks', () => api(`/api/v1/crises/${c.id}/tasks`, { method: 'POST', body }), 'crisis.tasks.added',
      () => { room.drafts.task = emptyDrafts().task; });
  });
  return form;
}

// ---- timeline --------------------------------------------------------------------------------

function timelineSection(c) {
  const entries = [...room.timeline].reverse(); // newest first, under the form
  const list = entries.length
    ? h('ol', { class: 'crisis-timeline', dataset: { testid: 'crisis-timeline-list' } }, entries.map((e) =>
      h('li', { class: `crisis-entry kind-${e.kind}${e.id === null ? ' from-module' : ''}`, dataset: { testid: 'timeline-entry', kind: e.kind } },
        h('p', { class: 'crisis-entry-meta' },
          h('span', { class: 'crisis-entry-kind' }, label('crisis_timeline_kinds', e.kind)),
          e.id === null ? h('span', { class: 'badge' }, t('crisis.timeline.automatic')) : null,
          when(e.at),
          e.by ? person(e.by) : null),
        pick(e, 'text') ? bilingual('p', e, 'text') : null,
        /^(#\/|https:\/\/)/.test(e.link || '') ? h('p', {}, h('a', { href: e.link }, t('crisis.timeline.open'))) : null)))
    : h('p', { class: 'muted', dataset: { testid: 'crisis-timeline-list' } }, t('crisis.timeline.none'));
  const form = canContribute(c) ? entryForm(c) : null; // first: it shows a refusal beside its field
  return section('timeline', ...notes('timeline'), form, list);
}

function entryForm(c) {
  const d = room.drafts.entry;
  const kinds = vocabularyOptions('crisis_timeline_kinds', (term) => term.written);
  const text = (lang) => {
    const built = inputField(`entry-text-${lang}`, t(`crisis.field.text_${lang}`), { tag: 'textarea', rows: 2, lang, value: d[`text_${lang}`], maxlength: 4000, error: true, dataset: { testid: `entry-text-${lang}` } });
    built.input.addEventListener('input', () => { d[`text_${lang}`] = built.input.value; });
    return built;
  };
  const fields = { text_ar: text('ar'), text_en: text('en') };
  const form = h('form', { class: 'crisis-form crisis-entry-form', novalidate: true, dataset: { testid: 'entry-form' } },
    choiceGroup('entry-kind', t('crisis.field.entry_kind'), kinds, [d.kind], { type: 'radio', onChange: ([value]) => { d.kind = value; } }),
    h('div', { class: 'two-col' }, fields.text_ar.field, fields.text_en.field),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'primary', dataset: { testid: 'entry-submit' } }, icon('comment'), t('crisis.timeline.add'))));
  const problem = room.notes.timeline && !room.notes.timeline.ok ? room.notes.timeline : null;
  if (problem?.field) problem.shown = !!showFieldProblem({ field: problem.field, message: problem.text() }, fields);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const body = { kind: d.kind, text_ar: d.text_ar.trim(), text_en: d.text_en.trim() };
    if (!body.text_ar && !body.text_en) {
      room.notes = { timeline: { ok: false, field: `text_${currentLang()}`, text: () => t('crisis.timeline.text_required') } };
      paint();
      mainEl.querySelector('[data-testid="entry-form"] [aria-invalid="true"]')?.focus();
      return;
    }
    write('timeline', () => api(`/api/v1/crises/${c.id}/timeline`, { method: 'POST', body }), 'crisis.timeline.added',
      () => { room.drafts.entry = { ...emptyDrafts().entry, kind: d.kind }; });
  });
  return form;
}

// ---- closing ---------------------------------------------------------------------------------

function closeSection(c, manage) {
  if (c.status === 'closed') {
    const lessons = pick(c, 'lessons');
    return section('lessons', ...notes('close'), lessons ? bilingual('p', c, 'lessons', { dataset: { testid: 'crisis-lessons-text' } })
      : h('p', { class: 'muted', dataset: { testid: 'crisis-lessons-text' } }, t('crisis.lessons.none')));
  }
  if (!manage) return null;
  if (room.open !== 'close') {
    return section('close', ...notes('close'), h('p', { class: 'hint' }, t('crisis.close.lead')),
      h('button', { type: 'button', class: 'danger-outline', dataset: { testid: 'crisis-close' }, onclick: () => openForm('close') }, icon('archive'), t('crisis.close.button')));
  }
  const d = room.drafts.close;
  const lessons = (lang) => {
    const built = inputField(`close-lessons-${lang}`, t(`crisis.field.lessons_${lang}`), { tag: 'textarea', rows: 4, lang, value: d[`lessons_${lang}`], maxlength: 4000, dataset: { testid: `close-lessons-${lang}` } });
    built.input.addEventListener('input', () => { d[`lessons_${lang}`] = built.input.value; });
    return built.field;
  };
  const form = h('form', { class: 'crisis-form', novalidate: true, dataset: { testid: 'close-form' } },
    lessons('ar'), lessons('en'),
    formActions('close-submit', t('crisis.close.submit'), () => closeForm(), { danger: true, icon: 'archive' }));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const confirmed = await confirmDialog({
      title: t('crisis.close.confirm_title'), body: t('crisis.close.confirm_body', { title: pick(c, 'title') }),
      confirm: t('crisis.close.submit'), cancel: t('crisis.cancel'), testid: 'close-dialog', danger: true,
    });
    if (!confirmed) return;
    const body = { lessons_ar: d.lessons_ar.trim(), lessons_en: d.lessons_en.trim() };
    await write('close', () => api(`/api/v1/crises/${c.id}/close`, { method: 'POST', headers: { 'If-Match': etag(c.version) }, body }), 'crisis.close.done',
      () => { room.drafts.close = emptyDrafts().close; });
  });
  return section('close', ...notes('close'), form);
}
