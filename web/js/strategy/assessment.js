// An entity's compliance assessment (#/assessment/<id>): the template's items grouped by axis of
// the guide (principle, weight, "evidence required"), for each the entity's level 0–4 with its
// words and comment, its evidence files (download, upload, remove) and, once submitted, the
// network's level next to the entity's; the live scores (the server's, after every answer); the
// status, the network's note and the steps the caller may take:
//   - the entity's administrators while it is a draft or returned: answer, attach, submit (a 422
//     names what is missing; the form marks those items too);
//   - network admins while it is submitted: review levels per item, return with a note, complete.
// Everyone else who may read it sees it read-only. Every step says what happened (role=status)
// or why not (role=alert). Reads GET /api/v1/assessments/{id} and /api/v1/compliance/templates/{id};
// writes PUT …/answers/{code}, POST …/evidence, DELETE /api/v1/evidence/{id}, POST …/submit|return|complete.

import { api, etag } from '../api.js';
import { h, replace } from '../dom.js';
import { t, pick, formatNumber, formatDateTime } from '../i18n.js';
import { loadReference, entityName, termLabel, codes } from '../reference.js';
import { can } from '../permissions.js';
import { field, conflictNotice } from '../fields.js';
import { periodLabel, scoreCell, scoreText, band, statusChip, axisLabel, flash } from './common.js';
import { evidenceItems, fileInput, sendFiles, confirmRemoval } from './evidence.js';
import { personName } from '../people.js';
import { icon } from '../icons.js';

export const modules = ['strategy'];
export const titleKey = 'strategy.assessment.title_plain';

const state = {
  a: null, // the assessment as the server answered last
  template: null,
  comments: {}, // item code -> the entity's comment being typed
  reviewComments: {}, // item code -> the network's comment being typed
  notes: { submit: '', review: '' },
  incomplete: new Set(), // item codes the last submit attempt found incomplete
  queue: Promise.resolve(), // answers are saved one after another, in the order given
};
let refs = null; // elements of the page shown: { main, status, error, items: Map(code -> {...}), scores, progress }

export async function render(main, args, ctx) {
  await loadReference(ctx.changedPage);
  main.dataset.page = 'assessment';
  const id = args[0];
  if (!id) {
    replace(main, h('h1', { tabindex: '-1' }, t('strategy.assessment.title_plain')),
      h('p', { class: 'empty-state' }, h('a', { href: '#/compliance' }, t('strategy.scorecard.to_heatmap'))));
    return;
  }
  const fresh = !ctx.relang || !state.a || String(state.a.id) !== String(id);
  if (fresh) await load(id);
  if (!refs || refs.main !== main || fresh) {
    refs = {
      main,
      status: h('div', { class: 'form-status', role: 'status', tabindex: '-1', dataset: { testid: 'assessment-message' } }),
      error: h('div', { class: 'form-error', role: 'alert', dataset: { testid: 'assessment-error' } }),
    };
  }
  if (!fresh) {
    // A language or digits switch: the last message was in the other words.
    refs.status.replaceChildren();
    refs.error.replaceChildren();
  }
  paint();
  if (fresh && flash.message) {
    say(flash.message());
    flash.message = null;
  }
}

async function load(id) {
  const a = await api(`/api/v1/assessments/${encodeURIComponent(id)}`);
  // The template as it is now: scores follow its current items and weights.
  state.template = await api(`/api/v1/compliance/templates/${a.template_id}`);
  state.a = a;
  state.comments = {};
  state.reviewComments = {};
  state.notes = { submit: '', review: '' };
  state.incomplete = new Set();
}

// ---- what the caller may do -------------------------------------------------------------------

const editable = () => ['draft', 'returned'].includes(state.a.status);
const mayAssess = () => editable() && can('strategy.compliance.assess', state.a.entity_id);
const mayReview = () => state.a.status === 'submitted' && can('strategy.compliance.review', state.a.entity_id);
const reviewShown = () => ['submitted', 'reviewed'].includes(state.a.status);

function answerOf(code) {
  return state.a.answers.find((x) => x.code === code) || { code, self_level: null, self_comment: '', review_level: null, review_comment: '', evidence: [] };
}

/** What keeps an item from being submitted: no level yet, or required evidence missing. */
function missing(item) {
  const ans = answerOf(item.code);
  return { level: ans.self_level === null, evidence: item.evidence_required && ans.evidence.length === 0 };
}

const levelText = (level) => `${formatNumber(level)} — ${termLabel('compliance_levels', String(level))}`;

// ---- feedback ---------------------------------------------------------------------------------

function say(message) {
  refs.error.replaceChildren();
  refs.status.textContent = message;
}

function fail(err) {
  refs.status.textContent = '';
  if (err.status === 412) {
    replace(refs.error, conflictNotice('assessment-conflict', () => reload()));
    return;
  }
  refs.error.textContent = err.message || t('common.error.unexpected');
}

async function reload(message) {
  try {
    state.a = await api(`/api/v1/assessments/${state.a.id}`);
    paint();
    if (message) say(message);
    else refs.error.replaceChildren();
  } catch (err) {
    fail(err);
  }
}

// ---- the page ---------------------------------------------------------------------------------

function paint() {
  const a = state.a;
  const items = state.template.items;
  refs.items = new Map();
  const axes = [...codes('axes').filter((axis) => items.some((i) => i.axis === axis)),
    ...new Set(items.map((i) => i.axis).filter((axis) => !codes('axes').includes(axis)))];
  refs.scores = h('div', { class: 'assessment-scores' });
  refs.progress = h('p', { class: 'assessment-progress', dataset: { testid: 'assessment-progress' } });
  replace(refs.main,
    h('div', { class: 'page-head' },
      h('h1', { tabindex: '-1', dataset: { testid: 'assessment-title' } },
        t('strategy.assessment.title', { entity: entityName(a.entity_id), period: periodLabel(a.period) })),
      h('a', { class: 'back-link', href: `#/scorecard/${a.entity_id}` }, t('strategy.assessment.to_scorecard'))),
    summary(),
    refs.status, refs.error,
    h('div', { class: 'assessment-layout' },
      h('div', { class: 'assessment-items' },
        mayAssess() ? refs.progress : null,
        axes.map((axis) => axisSection(axis, items.filter((i) => i.axis === axis))),
        actions()),
      h('aside', { class: 'assessment-aside', 'aria-labelledby': 'scores-title' },
        h('h2', { id: 'scores-title' }, t('strategy.assessment.scores')), refs.scores)));
  updateLive();
}

function summary() {
  const a = state.a;
  const mode = mayAssess() ? 'assess' : mayReview() ? 'review' : 'read';
  return h('div', { class: 'card assessment-summary', dataset: { testid: 'assessment-summary', mode } },
    h('p', {}, h('span', { class: 'muted' }, t('strategy.assessment.status'), ' '), statusChip(a.status),
      h('span', { class: 'muted' }, ' · ', pick(state.template, 'title'))),
    a.submitted_at ? h('p', { class: 'muted' }, t('strategy.assessment.submitted_at', { when: formatDateTime(a.submitted_at), who: personName(a.submitted_by) })) : null,
    a.reviewed_at ? h('p', { class: 'muted' }, t('strategy.assessment.reviewed_at', { when: formatDateTime(a.reviewed_at), who: personName(a.reviewed_by) })) : null,
    a.review_note ? h('div', { class: `review-note${a.status === 'returned' ? ' returned' : ''}`, dataset: { testid: 'assessment-review-note' } },
      h('strong', {}, t('strategy.assessment.review_note')), ' ', h('span', { dir: 'auto' }, a.review_note)) : null,
    h('p', { class: 'hint', dataset: { testid: 'assessment-mode' } },
      mode === 'read' ? t(`strategy.assessment.readonly_${a.status}`) : t(`strategy.assessment.mode_${mode}`)));
}

/** The scores and the progress, after every answer (the server computes them). */
function updateLive() {
  const a = state.a;
  const both = reviewShown();
  const axes = codes('axes').filter((axis) => axis in (a.self_scores.axes || {}) || axis in (a.scores.axes || {}));
  replace(refs.scores, h('table', { class: 'data matrix scores-table', dataset: { testid: 'assessment-scores' } },
    h('caption', { class: 'visually-hidden' }, t('strategy.assessment.scores')),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, t('strategy.scorecard.axis')),
      h('th', { scope: 'col' }, t('strategy.assessment.self_score')),
      both ? h('th', { scope: 'col' }, t('strategy.assessment.review_score')) : null)),
    h('tbody', {}, axes.map((axis) => h('tr', { dataset: { axis } },
      h('th', { scope: 'row' }, axisLabel(axis)),
      scoreCell(a.self_scores.axes[axis] ?? null),
      both ? scoreCell(a.review_scores.axes[axis] ?? null) : null)),
    h('tr', { class: 'average-row' },
      h('th', { scope: 'row' }, t('strategy.heatmap.overall')),
      scoreCell(a.self_scores.overall, { dataset: { testid: 'assessment-self-overall' } }),
      both ? scoreCell(a.review_scores.overall, { dataset: { testid: 'assessment-review-overall' } }) : null))),
  h('p', { class: 'hint' }, t('strategy.assessment.scores_hint')));
  const items = state.template.items;
  const unanswered = items.filter((i) => missing(i).level).length;
  const noEvidence = items.filter((i) => missing(i).evidence).length;
  refs.progress.textContent = unanswered === 0 && noEvidence === 0
    ? t('strategy.assessment.progress_ready', { total: items.length })
    : t('strategy.assessment.progress', { answered: items.length - unanswered, total: items.length, evidence: noEvidence });
  refs.progress.dataset.ready = String(unanswered === 0 && noEvidence === 0);
  for (const item of items) updateItem(item);
}

function axisSection(axis, items) {
  const id = `axis-${axis}`;
  const score = h('span', { class: 'axis-score' });
  return h('section', { class: 'assessment-axis', 'aria-labelledby': id, dataset: { testid: 'assessment-axis', axis } },
    h('h2', { id }, axisLabel(axis), ' ', score),
    items.map((item) => itemCard(item, score)));
}

function itemCard(item, axisScore) {
  const ans = answerOf(item.code);
  const code = item.code;
  const titleId = `item-${code}-title`;
  const evidenceList = h('ul', { class: 'evidence-list', dataset: { testid: 'evidence-list' } });
  const flags = h('p', { class: 'item-flags' });
  const card = h('article', { class: 'assess-item card', 'aria-labelledby': titleId, dataset: { testid: 'assessment-item', code } },
    h('h3', { id: titleId }, h('bdi', { class: 'code' }, code), ' ', pick(item, 'title')),
    h('p', { class: 'item-meta' },
      item.principle ? h('span', { class: 'chip' }, t('strategy.item.principle', { principle: termLabel('compliance_principles', item.principle) })) : null,
      h('span', { class: 'chip' }, t('strategy.item.weight', { weight: item.weight })),
      item.evidence_required ? h('span', { class: 'chip evidence-required', dataset: { testid: 'evidence-required' } }, t('strategy.item.evidence_required')) : null),
    flags,
    h('div', { class: 'item-answers' }, selfPart(item, ans), reviewShown() ? reviewPart(item, ans) : null),
    h('div', { class: 'item-evidence' },
      h('h4', {}, t('strategy.evidence.title')), evidenceList,
      mayAssess() ? uploadControl(item) : null));
  refs.items.set(code, { card, evidenceList, flags, axisScore });
  return card;
}

/** The parts of an item that change with the answers: evidence, flags, its axis's score. */
function updateItem(item) {
  const r = refs.items.get(item.code);
  if (!r) return;
  const ans = answerOf(item.code);
  const m = missing(item);
  r.card.dataset.answered = String(ans.self_level !== null);
  r.card.dataset.evidence = String(ans.evidence.length);
  r.card.classList.toggle('incomplete', state.incomplete.has(item.code) && (m.level || m.evidence));
  const notes = [];
  if (mayAssess() && m.level) notes.push(t('strategy.item.needs_level'));
  if (mayAssess() && m.evidence) notes.push(t('strategy.item.needs_evidence'));
  r.flags.textContent = notes.join(' · ');
  r.flags.hidden = notes.length === 0;
  replace(r.evidenceList, evidenceItems(ans.evidence, { href: (e) => `/api/v1/evidence/${e.id}`, onRemove: mayAssess() ? removeEvidence : null }));
  const axisScores = state.a.scores.axes || {};
  const score = axisScores[item.axis];
  r.axisScore.className = `axis-score score-badge band-${band(score ?? null)}`;
  r.axisScore.textContent = score === undefined || score === null ? '' : t('strategy.assessment.axis_score', { score: scoreText(score) });
}

function levelSelect(id, testid, value, placeholder) {
  const select = h('select', { id, dataset: { testid } },
    value === null ? h('option', { value: '' }, placeholder) : null,
    [0, 1, 2, 3, 4].map((level) => h('option', { value: String(level) }, levelText(level))));
  select.value = value === null ? '' : String(value);
  return select;
}

function selfPart(item, ans) {
  const code = item.code;
  if (!mayAssess()) {
    return h('div', { class: 'answer self', dataset: { testid: 'self-answer' } },
      h('p', {}, h('strong', {}, t('strategy.item.self_level')), ' ',
        h('span', { dataset: { testid: 'self-level', level: ans.self_level ?? '' } }, ans.self_level === null ? t('strategy.item.no_answer') : levelText(ans.self_level))),
      ans.self_comment ? h('p', { class: 'comment', dir: 'auto' }, ans.self_comment) : null);
  }
  const select = levelSelect(`level-${code}`, 'self-level-select', ans.self_level, t('strategy.item.choose_level'));
  const comment = h('textarea', { id: `comment-${code}`, rows: 2, maxlength: 4000, dir: 'auto', dataset: { testid: 'self-comment' } });
  comment.value = state.comments[code] ?? ans.self_comment ?? '';
  comment.addEventListener('input', () => { state.comments[code] = comment.value; });
  const save = () => enqueue(() => saveAnswer(item, 'self', select, comment));
  select.addEventListener('change', save);
  comment.addEventListener('change', () => { if (select.value !== '') save(); });
  return h('div', { class: 'answer self' },
    field(select, t('strategy.item.self_level')).field,
    field(comment, t('strategy.item.self_comment'), { hint: ans.self_level === null ? t('strategy.item.comment_hint') : null }).field);
}

function reviewPart(item, ans) {
  const code = item.code;
  if (!mayReview()) {
    const level = ans.review_level;
    return h('div', { class: 'answer review', dataset: { testid: 'review-answer' } },
      h('p', {}, h('strong', {}, t('strategy.item.review_level')), ' ',
        h('span', { dataset: { testid: 'review-level', level: level ?? '' } }, level === null ? t('strategy.item.review_same') : levelText(level))),
      ans.review_comment ? h('p', { class: 'comment', dir: 'auto' }, ans.review_comment) : null);
  }
  const placeholder = ans.self_level === null ? t('strategy.item.choose_level') : t('strategy.item.review_keep', { level: levelText(ans.self_level) });
  const select = levelSelect(`review-${code}`, 'review-level-select', ans.review_level, placeholder);
  const comment = h('textarea', { id: `review-comment-${code}`, rows: 2, maxlength: 4000, dir: 'auto', dataset: { testid: 'review-comment' } });
  comment.value = state.reviewComments[code] ?? ans.review_comment ?? '';
  comment.addEventListener('input', () => { state.reviewComments[code] = comment.value; });
  const save = () => enqueue(() => saveAnswer(item, 'review', select, comment));
  select.addEventListener('change', save);
  comment.addEventListener('change', () => { if (select.value !== '') save(); });
  return h('div', { class: 'answer review' },
    field(select, t('strategy.item.review_level')).field,
    field(comment, t('strategy.item.review_comment')).field);
}

/** Runs saves one after another, so answers reach the server (and the page) in the order given. */
function enqueue(step) {
  state.queue = state.queue.then(step, step);
  return state.queue;
}

async function saveAnswer(item, who, select, comment) {
  if (select.value === '') return;
  const level = Number(select.value);
  const id = state.a.id;
  const card = refs.items.get(item.code)?.card;
  card?.setAttribute('aria-busy', 'true');
  try {
    const a = await api(`/api/v1/assessments/${id}/answers/${encodeURIComponent(item.code)}`, {
      method: 'PUT', body: { level, comment: comment.value },
    });
    if (!state.a || state.a.id !== id) return;
    state.a = a;
    if (who === 'self') delete state.comments[item.code];
    else delete state.reviewComments[item.code];
    // The placeholder goes once a level is saved (a level cannot be taken back, only changed).
    select.querySelector('option[value=""]')?.remove();
    updateLive();
    const overall = who === 'self' ? a.self_scores.overall : a.review_scores.overall;
    say(t(who === 'self' ? 'strategy.assessment.saved' : 'strategy.assessment.review_saved', {
      code: item.code, level: levelText(level), overall: overall === null ? '—' : scoreText(overall),
    }));
  } catch (err) {
    const ans = answerOf(item.code);
    const saved = who === 'self' ? ans.self_level : ans.review_level;
    select.value = saved === null ? '' : String(saved);
    fail(err);
  } finally {
    card?.removeAttribute('aria-busy');
  }
}

// ---- evidence ---------------------------------------------------------------------------------

function uploadControl(item) {
  return fileInput(`evidence-${item.code}`, t('strategy.evidence.attach', { code: item.code }), (input) => upload(item, input));
}

async function upload(item, input) {
  if (!input.files.length) return;
  const id = state.a.id;
  const card = refs.items.get(item.code)?.card;
  card?.setAttribute('aria-busy', 'true');
  let done;
  try {
    done = await sendFiles(input, `/api/v1/assessments/${id}/evidence`, { item: item.code }, { say, fail });
  } finally {
    card?.removeAttribute('aria-busy');
  }
  if (!done.length) return;
  try {
    state.a = await api(`/api/v1/assessments/${id}`);
    updateLive();
    if (!refs.error.textContent) say(t('strategy.evidence.attached', { names: done.join(t('strategy.list_separator')), code: item.code }));
  } catch (err) {
    fail(err);
  }
}

async function removeEvidence(e, opener) {
  if (!await confirmRemoval(t('strategy.evidence.remove_body', { name: e.file_name }), opener)) return;
  try {
    await api(`/api/v1/evidence/${e.id}`, { method: 'DELETE' });
    state.a = await api(`/api/v1/assessments/${state.a.id}`);
    updateLive();
    say(t('strategy.evidence.removed', { name: e.file_name }));
  } catch (err) {
    fail(err);
  }
}

// ---- steps ------------------------------------------------------------------------------------

function actions() {
  const section = h('section', { class: 'assessment-actions card', 'aria-labelledby': 'actions-title', dataset: { testid: 'assessment-actions' } },
    h('h2', { id: 'actions-title' }, t('strategy.assessment.actions')));
  if (mayAssess()) {
    const note = h('textarea', { id: 'submit-note', rows: 2, maxlength: 4000, dir: 'auto', dataset: { testid: 'submit-note' } });
    note.value = state.notes.submit;
    note.addEventListener('input', () => { state.notes.submit = note.value; });
    const button = h('button', { type: 'button', class: 'primary', dataset: { testid: 'assessment-submit' } }, icon('send'), t('strategy.assessment.submit'));
    button.addEventListener('click', () => step(button, 'submit', note.value.trim() ? { note: note.value.trim() } : {}, 'strategy.assessment.submitted'));
    section.append(h('p', { class: 'hint' }, t('strategy.assessment.submit_hint')),
      field(note, t('strategy.assessment.submit_note')).field, button);
    return section;
  }
  if (mayReview()) {
    const note = h('textarea', { id: 'review-note', rows: 3, maxlength: 4000, dir: 'auto', dataset: { testid: 'review-note' } });
    note.value = state.notes.review;
    note.addEventListener('input', () => { state.notes.review = note.value; });
    const noteField = field(note, t('strategy.assessment.review_note_input'), { hint: t('strategy.assessment.review_note_hint'), error: true });
    const back = h('button', { type: 'button', class: 'danger-outline', dataset: { testid: 'assessment-return' } }, icon('undo'), t('strategy.assessment.return'));
    back.addEventListener('click', () => {
      if (!note.value.trim()) {
        noteField.error.textContent = t('strategy.assessment.return_needs_note');
        note.setAttribute('aria-invalid', 'true');
        note.focus();
        return;
      }
      step(back, 'return', { note: note.value.trim() }, 'strategy.assessment.returned');
    });
    note.addEventListener('input', () => {
      noteField.error.textContent = '';
      note.removeAttribute('aria-invalid');
    });
    const complete = h('button', { type: 'button', class: 'primary', dataset: { testid: 'assessment-complete' } }, icon('check'), t('strategy.assessment.complete'));
    complete.addEventListener('click', () => step(complete, 'complete', note.value.trim() ? { note: note.value.trim() } : {}, 'strategy.assessment.completed'));
    section.append(h('p', { class: 'hint' }, t('strategy.assessment.review_hint')), noteField.field,
      h('div', { class: 'action-row' }, complete, back));
    return section;
  }
  return null;
}

/** A workflow step (submit, return, complete) with the version read, then the page anew. */
async function step(button, name, body, doneKey) {
  await state.queue; // answers being saved go first
  button.disabled = true;
  say(t('strategy.assessment.working'));
  try {
    state.a = await api(`/api/v1/assessments/${state.a.id}/${name}`, {
      method: 'POST', body, headers: { 'If-Match': etag(state.a.version) },
    });
    state.incomplete = new Set();
    state.notes = { submit: '', review: '' };
    paint();
    say(t(doneKey));
    refs.status.focus();
  } catch (err) {
    button.disabled = false;
    if (err.status === 422 && err.code === 'compliance.incomplete') {
      state.incomplete = new Set(state.template.items.filter((i) => missing(i).level || missing(i).evidence).map((i) => i.code));
      updateLive();
    }
    fail(err);
  }
}
