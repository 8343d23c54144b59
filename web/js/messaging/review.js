// The review queue (#/review): content items in review that the caller may review, oldest first
// (for a network admin every item, strategic ones still waiting for the network approval marked);
// and one item read-only (#/review/<id>) with its alignment findings highlighted in the text, the
// diff from the previous reviewed version, and the workflow bar (approve / request changes with a
// comment, then schedule and publish where allowed), its channel variants (read-only: what will
// be posted) and its publications. A 412 says someone else acted meanwhile.

import { api, listAll } from '../api.js';
import { h, replace } from '../dom.js';
import { t, pick } from '../i18n.js';
import { loadReference, entityName, themeName } from '../reference.js';
import { can, canEverywhere } from '../permissions.js';
import {
  stateChip, timeEl, formatPlanned, locateFindings, markedText, findingsList, findingsSummary, workflowBar,
  showWorkflowStatus, loadVersions, historyPanel,
} from './common.js';
import { variantsPanel, publicationsPanel } from './channels.js';
import { person } from '../people.js';
import { icon } from '../icons.js';

export const modules = ['messaging'];
export const titleKey = 'messaging.review.title';

let ctxRef = null;

export async function render(main, args, ctx) {
  ctxRef = ctx;
  await loadReference(ctx.changedPage);
  main.dataset.page = 'review';
  if (args[0]) await renderItem(main, String(args[0]));
  else await renderQueue(main);
}

// ---- the queue ------------------------------------------------------------------------------

async function renderQueue(main) {
  const all = await listAll('/api/v1/content-items', { state: 'in_review' });
  const mine = all.filter((i) => can('messaging.content.review', i.owner_entity_id))
    .sort((a, b) => String(a.updated_at).localeCompare(String(b.updated_at)) || a.id - b.id);
  const table = mine.length === 0
    ? h('p', { class: 'empty-state', dataset: { testid: 'review-empty' } }, t('messaging.review.empty'))
    : h('div', { class: 'table-wrap' }, h('table', { class: 'data', dataset: { testid: 'review-queue' } },
      h('caption', { class: 'visually-hidden' }, t('messaging.review.caption')),
      h('thead', {}, h('tr', {},
        ['title', 'entity', 'kind', 'themes', 'submitted', 'waiting'].map((c) => h('th', { scope: 'col' }, t(`messaging.review.col_${c}`))))),
      h('tbody', {}, mine.map((i) => h('tr', { dataset: { testid: 'review-item', id: String(i.id) } },
        h('th', { scope: 'row' }, h('a', { href: `#/review/${i.id}` }, pick(i, 'title') || t('messaging.editor.untitled'))),
        h('td', {}, entityName(i.owner_entity_id)),
        h('td', {}, t(`messaging.kind.${i.kind}`)),
        h('td', {}, (i.themes || []).map(themeName).join(t('messaging.list_separator'))),
        h('td', {}, timeEl(i.updated_at)),
        h('td', {}, waitingFor(i)))))));
  replace(main,
    h('div', { class: 'page-head' },
      h('h1', { tabindex: '-1' }, t('messaging.review.title')),
      h('p', { class: 'muted', role: 'status' }, t('messaging.review.count', { count: mine.length }))),
    h('p', { class: 'hint' }, t(canEverywhere('messaging.content.review') ? 'messaging.review.hint_admin' : 'messaging.review.hint')),
    table);
}

function waitingFor(item) {
  if (!item.strategic) return h('span', { class: 'muted' }, t('messaging.review.waiting_reviewer'));
  const need = [];
  if (!item.approvals?.reviewer) need.push(t('messaging.review.waiting_reviewer'));
  if (!item.approvals?.network) need.push(t('messaging.review.waiting_network'));
  return h('span', { class: 'badge strategic', dataset: { testid: 'review-waiting' } }, icon('hourglass'), need.join(t('messaging.list_separator')));
}

// ---- one item -------------------------------------------------------------------------------

/** The version to diff from: the last one sent back for changes before this submission, else the first. */
function previousVersion(versions, current) {
  const before = versions.filter((v) => v.version < current);
  const sentBack = before.find((v) => v.state === 'changes_requested');
  if (sentBack) return sentBack.version;
  return before.length ? before[before.length - 1].version : null;
}

async function renderItem(main, id, statusText) {
  const [item, versions] = await Promise.all([
    api(`/api/v1/content-items/${encodeURIComponent(id)}`),
    loadVersions(id),
  ]);
  const texts = { title_ar: item.title_ar, body_ar: item.body_ar, title_en: item.title_en, body_en: item.body_en };
  const findings = locateFindings(item.alignment?.findings, texts);
  const textBlock = (field, tag) => {
    const lang = field.endsWith('_ar') ? 'ar' : 'en';
    return h(tag, { class: `read-${field.startsWith('title') ? 'title' : 'body'}`, lang, dir: lang === 'ar' ? 'rtl' : 'ltr', dataset: { testid: `read-${field}` } },
      markedText(texts[field] || '', findings.filter((f) => f.field === field)));
  };
  const pane = (lang) => h('section', { class: `pane pane-${lang}`, lang, dir: lang === 'ar' ? 'rtl' : 'ltr', 'aria-labelledby': `read-${lang}-heading`, dataset: { testid: `pane-${lang}` } },
    h('h2', { id: `read-${lang}-heading` }, t(`messaging.editor.pane_${lang}`)),
    textBlock(`title_${lang}`, 'h3'),
    textBlock(`body_${lang}`, 'div'));

  const select = (f) => {
    const mark = main.querySelector(`[data-testid="read-${f.field}"] mark[data-index="${f.index}"]`);
    if (!mark) return;
    for (const m of main.querySelectorAll('mark.active')) m.classList.remove('active');
    mark.classList.add('active');
    mark.setAttribute('tabindex', '-1');
    mark.scrollIntoView({ block: 'center' });
    mark.focus({ preventScroll: true });
  };
  const reload = () => renderItem(main, id).catch(ctxRef.notify);
  const prev = previousVersion(versions, item.version);

  replace(main,
    h('div', { class: 'page-head' },
      h('h1', { tabindex: '-1', dataset: { testid: 'review-title' } }, pick(item, 'title') || t('messaging.editor.untitled')),
      stateChip(item.state),
      h('span', { class: 'muted' }, t('messaging.editor.version', { version: item.version })),
      h('a', { href: '#/review', class: 'back-link' }, t('messaging.review.back'))),
    h('dl', { class: 'item-meta', dataset: { testid: 'review-meta' } },
      h('dt', {}, t('messaging.editor.owner')), h('dd', {}, entityName(item.owner_entity_id)),
      h('dt', {}, t('messaging.editor.kind')), h('dd', {}, t(`messaging.kind.${item.kind}`)),
      h('dt', {}, t('messaging.editor.themes')), h('dd', {}, (item.themes || []).map(themeName).join(t('messaging.list_separator')) || '—'),
      h('dt', {}, t('messaging.editor.planned')), h('dd', {}, formatPlanned(item.planned_at) || '—'),
      h('dt', {}, t('messaging.review.author')), h('dd', {}, person(item.created_by))),
    h('div', { class: 'editor-grid' },
      h('div', { class: 'panes', dir: 'rtl', dataset: { testid: 'review-item-view' } }, pane('ar'), pane('en')),
      h('aside', { class: 'card alignment', 'aria-labelledby': 'alignment-heading', dataset: { testid: 'alignment' } },
        h('h2', { id: 'alignment-heading' }, t('messaging.alignment.heading')),
        h('p', { class: 'muted', dataset: { testid: 'alignment-status' } }, findingsSummary(findings)),
        findingsList(findings, { onSelect: select }))),
    workflowBar(item, {
      onMoved: (moved, to, text) => renderItem(main, id, text).then(() => {
        main.querySelector('#workflow-heading')?.setAttribute('tabindex', '-1');
        main.querySelector('#workflow-heading')?.focus();
      }).catch(ctxRef.notify),
      onReload: reload,
    }),
    variantsPanel(item, { notify: ctxRef.notify, readOnly: true }),
    publicationsPanel(item, { notify: ctxRef.notify }),
    historyPanel(item.id, versions, { from: prev ?? item.version, to: item.version, notify: ctxRef.notify }));
  if (statusText) showWorkflowStatus(main, statusText);
}
