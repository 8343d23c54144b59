// The room's statements (docs/crisis.md "Statements: fast-track approval"): what the government says
// in the crisis, in both languages (GET/POST /api/v1/crises/{id}/statements, …/{sid}, …/submit,
// …/approve, …/withdraw).
//
// One flow drafts a statement: a template (the crisis type's first; GET /api/v1/crisis-templates)
// whose placeholders are filled in each language (POST …/crisis-templates/{id}/render, once with the
// Arabic values for the Arabic texts and once with the English ones), the filled texts landing in
// the draft form, where they stay editable; or a blank draft. "Save and request approval" creates
// (or saves) the draft and submits it in one click; when the one-voice check reports errors
// (422 crisis.statement_misaligned) its findings show and a written reason is asked before
// submitting again. Each statement shows its status, its approvals "n of required", its author, its
// one-voice findings when opened, and what the caller may do: approve (the room's approvers and
// lead, never the author), withdraw (author and managers, draft or awaiting approval), edit
// (drafts), and on a published one its time, its CAP document and "update" / "cancel", which start
// a draft superseding it. The composer's values live in `room.drafts.statement`, so a language
// switch keeps them.

import { api, etag } from '../api.js';
import { h, confirmDialog } from '../dom.js';
import { actionMenu } from '../menu.js';
import { t, pick, has, formatNumber, currentLang } from '../i18n.js';
import { vocabularyOptions, entityName } from '../reference.js';
import { inputField, selectField, showFieldProblem } from '../fields.js';
import { person } from '../people.js';
import { icon, stateIcon, channelIcon } from '../icons.js';
import { label, holdsRole, canManage, canContribute, isMe } from './shared.js';

const TEXTS = ['title_ar', 'title_en', 'body_ar', 'body_en', 'instruction_ar', 'instruction_en'];
const LIMITS = { title: 300, body: 8000, instruction: 2000 };
const DEFAULT_CHANNELS = ['website', 'x'];
const PLACEHOLDER = /\{\{[a-z][a-z0-9_]*\}\}/g; // a template's blank, {{name}} (docs/crisis.md)

/** A new composer: blank, from a template, or superseding a published statement (`update`/`cancel`). */
export function newComposer({ fromTemplate = false, supersedes = null, msgType = 'alert' } = {}) {
  const draft = {
    id: null, version: null, fromTemplate, template_id: '', values: {}, msg_type: msgType,
    supersedes_id: supersedes?.id ?? null, urgency: 'immediate', certainty: 'observed', override: '', findings: null,
    // Where every involved entity publishes it: an update or cancellation goes where the statement
    // it supersedes went; a new alert starts from the official website and X.
    channels: supersedes ? [...(supersedes.channels || [])] : [...DEFAULT_CHANNELS],
  };
  for (const key of TEXTS) draft[key] = supersedes && key.startsWith('title') ? supersedes[key] || '' : '';
  return draft;
}

/** The composer opened on a draft statement (edit). */
function composerFor(s) {
  const draft = newComposer({ msgType: s.msg_type });
  Object.assign(draft, { id: s.id, version: s.version, supersedes_id: s.supersedes_id, template_id: s.template_id ? String(s.template_id) : '' });
  for (const key of TEXTS) draft[key] = s[key] || '';
  draft.urgency = s.urgency || draft.urgency;
  draft.certainty = s.certainty || draft.certainty;
  draft.channels = [...(s.channels || [])];
  return draft;
}

const base = (c) => `/api/v1/crises/${encodeURIComponent(c.id)}/statements`;

/** May the signed-in member approve this statement (the server decides)? */
function mayApprove(c, s) {
  return c.status === 'active' && s.status === 'in_approval' && (holdsRole(c, 'approver') || holdsRole(c, 'lead'))
    && !isMe(s.author_account_id) && !(s.approvals || []).some((a) => isMe(a.account_id));
}

const mayEdit = (c, s) => c.status === 'active' && (isMe(s.author_account_id) || canManage(c));

/**
 * The statements section. `kit` is the room's: { room, section, notes, write, paint, focus, bilingual, when, notify }.
 * room.statements holds the list, room.checks the one-voice answers of opened statements.
 */
export function statementsSection(c, kit) {
  const { room } = kit;
  const contribute = canContribute(c);
  const start = (options) => {
    room.drafts.statement = newComposer(options);
    room.notes = {};
    kit.paint();
    if (!options.fromTemplate) {
      kit.focus('#statement-title_ar');
      return;
    }
    loadTemplates(c, kit).then(() => {
      kit.paint();
      kit.focus('#statement-template');
    }).catch(kit.notify);
  };
  const d = room.drafts.statement;
  const actions = contribute && !d
    ? h('div', { class: 'form-actions' },
      h('button', { type: 'button', class: 'primary', dataset: { testid: 'statement-from-template' }, onclick: () => start({ fromTemplate: true }) },
        icon('document'), t('crisis.statements.from_template')),
      h('button', { type: 'button', dataset: { testid: 'statement-blank' }, onclick: () => start({}) }, icon('add'), t('crisis.statements.blank')))
    : null;
  const form = contribute && d ? composer(c, d, kit) : null; // first: it shows a refusal beside its field
  const list = room.statements.length
    ? h('ol', { class: 'crisis-statements', dataset: { testid: 'statement-list' } }, room.statements.map((s) => statementCard(c, s, kit, start)))
    : h('p', { class: 'muted', dataset: { testid: 'statement-list' } }, t('crisis.statements.none'));
  return kit.section('statements', ...kit.notes('statements'), actions, form, list);
}

// ---- a statement ------------------------------------------------------------------------------

function statementCard(c, s, kit, start) {
  const { room } = kit;
  const check = room.checks[s.id];
  const approvals = s.approvals || [];
  const run = async (path, testid, doneKey, confirm) => {
    if (confirm && !(await confirmDialog({
      title: t(`${confirm}_title`), body: t(`${confirm}_body`, { title: pick(s, 'title') }),
      confirm: t(`${confirm}_confirm`), cancel: t('crisis.cancel'), testid: `${testid}-dialog`, danger: true,
    }))) return;
    // Approvals are independent acts: no If-Match, so another approver's meanwhile is no conflict.
    const headers = path === 'approve' ? {} : { 'If-Match': etag(s.version) };
    kit.write('statements', () => api(`${base(c)}/${s.id}/${path}`, { method: 'POST', headers, body: {} }), doneKey);
  };
  const step = (path, testid, doneKey, { cls, confirm } = {}) => h('button', {
    type: 'button', class: cls, dataset: { testid },
    'aria-label': t(`crisis.statements.${testid.replace('statement-', '')}_named`, { title: pick(s, 'title') }),
    onclick: () => run(path, testid, doneKey, confirm),
  }, icon('check'), t(`crisis.statements.${testid.replace('statement-', '')}`));
  const superseded = s.supersedes_id ? room.statements.find((x) => x.id === s.supersedes_id) : null;
  const published = s.status === 'published';
  return h('li', { class: `crisis-statement status-${s.status}`, dataset: { testid: 'statement', id: String(s.id), status: s.status, msgType: s.msg_type } },
    h('div', { class: 'crisis-statement-head' },
      h('h3', {}, s.msg_type !== 'alert' ? h('span', { class: 'badge', dataset: { testid: 'statement-msg-type' } }, label('crisis_message_types', s.msg_type)) : null,
        ' ', kit.bilingual('span', s, 'title', { dataset: { testid: 'statement-title' } })),
      h('span', { class: `chip crisis-statement-${s.status}`, dataset: { testid: 'statement-status', status: s.status } }, stateIcon(s.status), label('crisis_statement_statuses', s.status))),
    h('dl', { class: 'card-facts' },
      fact('author', person(s.author)),
      superseded ? fact('supersedes', kit.bilingual('span', superseded, 'title')) : null,
      s.status === 'in_approval' || published ? fact('approvals', h('span', { dataset: { testid: 'statement-approvals', count: String(approvals.length) } },
        t('crisis.statements.approvals_count', { count: approvals.length, required: formatNumber(s.required_approvals) }))) : null,
      approvals.length ? fact('approved_by', approvals.map((a, i) => [i ? separator() : '', person(a.login)])) : null,
      s.override_reason ? fact('override', h('span', { dataset: { testid: 'statement-override-reason' } }, s.override_reason)) : null,
      published ? fact('published', kit.when(s.published_at)) : s.submitted_at ? fact('submitted', kit.when(s.submitted_at)) : null,
      // One voice on every channel: the content item each involved entity published it as.
      published && s.content_items?.length ? fact('published_as', h('span', { dataset: { testid: 'statement-items' } },
        s.content_items.map((link, i) => [i ? separator() : '',
          h('a', { href: `#/editor/${link.content_item_id}` }, entityName(link.entity_id))]))) : null),
    h('details', {
      class: 'crisis-statement-body', open: room.openStatements.has(s.id),
      ontoggle: (e) => toggle(c, s, e.target.open, kit),
    },
    h('summary', { dataset: { testid: 'statement-open' } }, t('crisis.statements.open')),
    kit.bilingual('p', s, 'body', { class: 'crisis-statement-text', dataset: { testid: 'statement-body' } }),
    pick(s, 'instruction') ? kit.bilingual('p', s, 'instruction', { class: 'crisis-statement-text' }) : null,
    h('p', { class: 'hint' }, label('crisis_urgencies', s.urgency), ' · ', label('crisis_certainties', s.certainty)),
    findingsBlock(check, 'statement-findings')),
    h('div', { class: 'card-actions' },
      published && s.cap_url ? h('a', { href: s.cap_url, dataset: { testid: 'statement-cap' }, type: 'application/cap+xml' }, t('crisis.statements.cap')) : null,
      mayApprove(c, s) ? step('approve', 'statement-approve', 'crisis.statements.approved', { cls: 'primary' }) : null,
      s.status === 'draft' && mayEdit(c, s) ? h('button', {
        type: 'button', dataset: { testid: 'statement-edit' }, 'aria-label': t('crisis.statements.edit_named', { title: pick(s, 'title') }),
        onclick: () => {
          kit.room.drafts.statement = composerFor(s);
          kit.room.notes = {};
          kit.paint();
          kit.focus('[data-testid="statement-form"] textarea, [data-testid="statement-form"] input');
        },
      }, icon('edit'), t('crisis.statements.edit')) : null,
      // Withdrawing is behind the overflow menu (and a confirmation), away from the everyday steps.
      ['draft', 'in_approval'].includes(s.status) && mayEdit(c, s) ? actionMenu({
        label: t('crisis.statements.menu_label', { title: pick(s, 'title') }),
        testid: 'statement-menu',
        items: [{
          label: t('crisis.statements.withdraw'), danger: true, testid: 'statement-withdraw', icon: 'ban',
          onSelect: () => run('withdraw', 'statement-withdraw', 'crisis.statements.withdrawn', 'crisis.statements.withdraw_confirm'),
        }],
      }) : null,
      published && c.status === 'active' && canContribute(c) && !kit.room.drafts.statement ? [
        h('button', { type: 'button', dataset: { testid: 'statement-update' }, 'aria-label': t('crisis.statements.update_named', { title: pick(s, 'title') }), onclick: () => start({ supersedes: s, msgType: 'update' }) }, icon('refresh'), t('crisis.statements.update')),
        h('button', { type: 'button', class: 'danger-outline', dataset: { testid: 'statement-cancel' }, 'aria-label': t('crisis.statements.cancel_named', { title: pick(s, 'title') }), onclick: () => start({ supersedes: s, msgType: 'cancel' }) }, icon('ban'), t('crisis.statements.cancel')),
      ] : null));
}

const separator = () => (currentLang() === 'ar' ? '، ' : ', ');
const fact = (key, value) => h('div', {}, h('dt', {}, t(`crisis.statements.field.${key}`)), h('dd', {}, value));

/** Opening a statement asks for its one-voice check (once; again after a write reloads the room). */
async function toggle(c, s, open, kit) {
  const { room } = kit;
  if (!open) {
    room.openStatements.delete(s.id);
    return;
  }
  room.openStatements.add(s.id);
  if (room.checks[s.id]) return;
  try {
    const full = await api(`${base(c)}/${s.id}`);
    room.checks[s.id] = full.alignment || { findings: [] };
    kit.paint();
  } catch (err) {
    kit.notify(err);
  }
}

/** The one-voice findings: each with its severity in words, or "nothing to report". */
function findingsBlock(check, testid) {
  if (!check) return null;
  const findings = check.findings || [];
  return h('div', { class: 'crisis-findings', dataset: { testid } },
    h('h4', {}, t('crisis.statements.check')),
    findings.length
      ? h('ul', { class: 'findings' }, findings.map((f) => h('li', { class: `finding sev-${f.severity}`, dataset: { testid: 'statement-finding', severity: f.severity } },
        h('p', {}, h('strong', {}, stateIcon(f.severity), t(`crisis.statements.severity.${f.severity}`)), ' ', pick(f, 'message')))))
      : h('p', { class: 'finding-none' }, t('crisis.statements.check_clear')));
}

// ---- the composer -----------------------------------------------------------------------------

/** The templates, the crisis type's first (loaded once per room; the first of its type chosen). */
async function loadTemplates(c, kit) {
  const { room } = kit;
  if (!room.templates) {
    const answer = await api('/api/v1/crisis-templates');
    const items = answer?.items || [];
    room.templates = [...items.filter((x) => x.crisis_type === c.crisis_type), ...items.filter((x) => x.crisis_type !== c.crisis_type)];
  }
  const d = room.drafts.statement;
  if (d?.fromTemplate && !d.template_id && room.templates.length) chooseTemplate(d, room.templates[0]);
}

/** A template chosen: its texts (placeholders unfilled) go into the draft. */
function chooseTemplate(d, template) {
  d.template_id = String(template.id);
  for (const key of ['title_ar', 'title_en', 'body_ar', 'body_en']) d[key] = template[key] || '';
  for (const name of template.placeholders || []) d.values[name] ||= { ar: '', en: '' };
}

const placeholderLabel = (name) => (has(`crisis.placeholder.${name}`) ? t(`crisis.placeholder.${name}`) : name);

function templatePart(c, d, kit) {
  const { room } = kit;
  if (!room.templates) return h('p', { class: 'hint', dataset: { testid: 'statement-templates-loading' } }, t('crisis.statements.loading'));
  if (!room.templates.length) return h('p', { class: 'muted' }, t('crisis.statements.no_templates'));
  const template = room.templates.find((x) => String(x.id) === d.template_id) || room.templates[0];
  const choice = selectField('statement-template', t('crisis.statements.template'),
    room.templates.map((x) => ({ value: String(x.id), label: `${pick(x, 'title').replace(PLACEHOLDER, '…')} (${label('crisis_types', x.crisis_type)})` })), d.template_id,
    { dataset: { testid: 'statement-template' } });
  choice.select.addEventListener('change', () => {
    chooseTemplate(d, room.templates.find((x) => String(x.id) === choice.select.value));
    kit.paint();
    kit.focus('#statement-template');
  });
  const inputs = (template.placeholders || []).map((name) => {
    const v = d.values[name] ||= { ar: '', en: '' };
    const one = (lang) => {
      const built = inputField(`statement-value-${name}-${lang}`, t(`crisis.statements.value_${lang}`, { name: placeholderLabel(name) }),
        { lang, value: v[lang], maxlength: 300, dataset: { testid: 'statement-value', name, lang } });
      built.input.addEventListener('input', () => { v[lang] = built.input.value; });
      return built.field;
    };
    return h('div', { class: 'two-col' }, one('ar'), one('en'));
  });
  return h('fieldset', { class: 'crisis-template', dataset: { testid: 'statement-template-part' } },
    h('legend', {}, t('crisis.statements.template_legend')),
    choice.field,
    inputs.length ? h('p', { class: 'hint' }, t('crisis.statements.values_hint')) : null,
    inputs,
    h('div', { class: 'form-actions' },
      h('button', { type: 'button', dataset: { testid: 'statement-fill' }, onclick: () => fill(template, d, kit) }, icon('edit'), t('crisis.statements.fill'))),
    h('p', { class: 'hint', role: 'status', dataset: { testid: 'statement-fill-status' } }, d.fillNote ? d.fillNote() : ''));
}

/** Fills the template: Arabic values into the Arabic texts, English into the English (each falls back to the other). */
async function fill(template, d, kit) {
  const values = (lang) => Object.fromEntries(Object.entries(d.values).map(([name, v]) => [name, v[lang].trim() || v[lang === 'ar' ? 'en' : 'ar'].trim()])
    .filter(([, text]) => text));
  try {
    const path = `/api/v1/crisis-templates/${encodeURIComponent(template.id)}/render`;
    const [ar, en] = await Promise.all(['ar', 'en'].map((lang) => api(path, { method: 'POST', body: { values: values(lang) } })));
    Object.assign(d, { title_ar: ar.title_ar, body_ar: ar.body_ar, title_en: en.title_en, body_en: en.body_en, template_id: String(template.id) });
    const missing = [...new Set([...(ar.missing || []), ...(en.missing || [])])].map(placeholderLabel);
    d.fillNote = () => (missing.length ? t('crisis.statements.filled_missing', { names: missing.join(separator()) }) : t('crisis.statements.filled'));
    kit.paint();
    kit.focus('#statement-title_ar');
  } catch (err) {
    kit.notify(err);
  }
}

function composer(c, d, kit) {
  const { room } = kit;
  const text = (key, tag, rows) => {
    const lang = key.slice(-2);
    const kind = key.slice(0, -3);
    const built = inputField(`statement-${key}`, t(`crisis.statements.field.${key}`), {
      tag, rows, lang, value: d[key], maxlength: LIMITS[kind], required: kind !== 'instruction', error: true, dataset: { testid: `statement-${key}` },
    });
    built.input.addEventListener('input', () => { d[key] = built.input.value; });
    return built;
  };
  const fields = {
    title_ar: text('title_ar', 'input'), title_en: text('title_en', 'input'),
    body_ar: text('body_ar', 'textarea', 6), body_en: text('body_en', 'textarea', 6),
    instruction_ar: text('instruction_ar', 'textarea', 2), instruction_en: text('instruction_en', 'textarea', 2),
  };
  const select = (key, vocabulary) => {
    const built = selectField(`statement-${key}`, t(`crisis.statements.field.${key}`), vocabularyOptions(vocabulary), d[key],
      { error: true, dataset: { testid: `statement-${key}` } });
    built.select.addEventListener('change', () => { d[key] = built.select.value; });
    return built;
  };
  const channels = h('fieldset', { class: 'checks', dataset: { testid: 'statement-channels' } },
    h('legend', {}, t('crisis.statements.field.channels')),
    h('p', { class: 'hint' }, t('crisis.statements.channels_hint')),
    vocabularyOptions('channels').map((o) => {
      const boxId = `statement-channel-${o.value}`;
      return h('span', { class: 'choice' },
        h('input', {
          type: 'checkbox', id: boxId, value: o.value, checked: d.channels.includes(o.value),
          onchange: (e) => {
            d.channels = d.channels.filter((x) => x !== o.value);
            if (e.target.checked) d.channels.push(o.value);
          },
        }),
        h('label', { for: boxId }, channelIcon(o.value), o.label));
    }));
  fields.urgency = select('urgency', 'crisis_urgencies');
  fields.certainty = select('certainty', 'crisis_certainties');
  const reason = d.findings ? inputField('statement-override', t('crisis.statements.override'), {
    tag: 'textarea', rows: 2, value: d.override, maxlength: 2000, required: true, error: true, hint: t('crisis.statements.override_hint'),
    dataset: { testid: 'statement-override' },
  }) : null;
  reason?.input.addEventListener('input', () => { d.override = reason.input.value; });
  if (reason) fields.override_reason = reason;
  const problem = room.notes.statements && !room.notes.statements.ok ? room.notes.statements : null;
  if (problem?.field) problem.shown = !!showFieldProblem({ field: problem.field, message: problem.text() }, fields);
  const superseded = d.supersedes_id ? room.statements.find((x) => x.id === d.supersedes_id) : null;
  const heading = d.id ? 'crisis.statements.editing' : d.msg_type === 'alert' ? 'crisis.statements.new' : `crisis.statements.new_${d.msg_type}`;
  const form = h('form', { class: 'crisis-form crisis-statement-form', novalidate: true, dataset: { testid: 'statement-form', msgType: d.msg_type } },
    h('h3', {}, t(heading)),
    superseded ? h('p', { class: 'hint' }, t('crisis.statements.supersedes'), ' ', kit.bilingual('bdi', superseded, 'title')) : null,
    d.fromTemplate && !d.id ? templatePart(c, d, kit) : null,
    h('div', { class: 'two-col' }, fields.title_ar.field, fields.title_en.field),
    h('div', { class: 'two-col' }, fields.body_ar.field, fields.body_en.field),
    h('div', { class: 'two-col' }, fields.instruction_ar.field, fields.instruction_en.field),
    h('div', { class: 'two-col' }, fields.urgency.field, fields.certainty.field),
    channels,
    d.findings ? h('div', { class: 'crisis-misaligned', role: 'alert', dataset: { testid: 'statement-misaligned' } },
      h('p', {}, t('crisis.statements.misaligned')), findingsBlock(d.findings, 'statement-form-findings')) : null,
    reason?.field,
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'primary', dataset: { testid: 'statement-submit' } },
        icon('send'), t(d.findings ? 'crisis.statements.submit_override' : 'crisis.statements.submit')),
      h('button', { type: 'button', dataset: { testid: 'statement-save' }, onclick: () => save(c, d, kit, false) }, icon('save'), t('crisis.statements.save_draft')),
      h('button', {
        type: 'button', dataset: { testid: 'statement-form-cancel' },
        onclick: () => { room.drafts.statement = null; room.notes = {}; kit.paint(); kit.focus('#crisis-statements-heading'); },
      }, t('crisis.cancel'))));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    save(c, d, kit, true);
  });
  return form;
}

/** The texts the server takes (instructions may be empty). */
function bodyOf(d) {
  const body = { urgency: d.urgency, certainty: d.certainty, channels: d.channels };
  for (const key of TEXTS) body[key] = d[key].trim();
  return body;
}

/**
 * Saves the composer's draft (POST, or PATCH under If-Match once it exists) and, when `submit`,
 * asks for approval; a 422 crisis.statement_misaligned shows the one-voice findings and asks for a
 * written reason, which the next click sends.
 */
async function save(c, d, kit, submit) {
  const { room } = kit;
  const missing = ['title_ar', 'title_en', 'body_ar', 'body_en'].find((k) => !d[k].trim())
    || (submit && d.findings && !d.override.trim() && 'override_reason');
  const unfilled = !missing && TEXTS.find((k) => d[k].match(PLACEHOLDER));
  if (missing || unfilled) {
    const fieldName = (key) => t(key === 'override_reason' ? 'crisis.statements.override' : `crisis.statements.field.${key}`);
    room.notes = {
      statements: {
        ok: false, field: missing || unfilled,
        text: () => (missing ? t('crisis.form.missing', { field: fieldName(missing) }) : t('crisis.statements.unfilled', { field: fieldName(unfilled) })),
      },
    };
    kit.paint();
    kit.focus('[data-testid="statement-form"] [aria-invalid="true"]');
    return;
  }
  const done = submit ? 'crisis.statements.submitted' : 'crisis.statements.saved';
  await kit.write('statements', async () => {
    let saved;
    if (d.id) {
      saved = await api(`${base(c)}/${d.id}`, { method: 'PATCH', headers: { 'If-Match': etag(d.version) }, body: bodyOf(d) });
    } else {
      const body = { ...bodyOf(d), msg_type: d.msg_type };
      if (d.supersedes_id) body.supersedes_id = d.supersedes_id;
      if (d.template_id) body.template_id = Number(d.template_id);
      saved = await api(base(c), { method: 'POST', body });
    }
    Object.assign(d, { id: saved.id, version: saved.version });
    if (!submit) return;
    try {
      await api(`${base(c)}/${d.id}/submit`, {
        method: 'POST', headers: { 'If-Match': etag(d.version) }, body: d.findings && d.override.trim() ? { override_reason: d.override.trim() } : {},
      });
    } catch (err) {
      if (err.code !== 'crisis.statement_misaligned') throw err;
      const full = await api(`${base(c)}/${d.id}`);
      d.version = full.version;
      d.findings = full.alignment || { findings: [] };
      // Shown in the form beside the reason it asks for, not as a failure of the page.
      const asked = new Error(t('crisis.statements.reason_needed'));
      asked.field = 'override_reason';
      throw asked;
    }
  }, done, () => { room.drafts.statement = null; });
}
