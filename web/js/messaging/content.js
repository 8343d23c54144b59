// Content items (#/content): every item the network holds, filtered by kind, state and owner
// entity (server-side), or "my drafts" (the caller's items still in draft or sent back).
// Each row opens the editor; editors get a "new item" link. The head links to the public Atom feed
// of published items.

import { listAll } from '../api.js';
import { h, replace } from '../dom.js';
import { t, pick, compare } from '../i18n.js';
import { session } from '../session.js';
import { can } from '../permissions.js';
import { selectField } from '../fields.js';
import { loadReference, entityName, vocabularyOptions, codes, termLabel } from '../reference.js';
import { stateChip, formatPlanned, timeEl } from './common.js';
import { feedLink, GOVERNMENT_FEED } from '../feeds.js';
import { icon } from '../icons.js';

export const modules = ['messaging'];
export const titleKey = 'messaging.content.title';

const filters = { kind: '', state: '', entity_id: '', mine: false };
let seq = 0;

export async function render(main, args, ctx) {
  const ref = await loadReference(ctx.changedPage);
  main.dataset.page = 'content';
  const entities = [...ref.entities].sort((a, b) => compare(pick(a, 'name'), pick(b, 'name')));
  const kind = selectField('content-kind', t('messaging.editor.kind'),
    [{ value: '', label: t('messaging.filter.all') }, ...vocabularyOptions('content_kinds')],
    filters.kind, { dataset: { testid: 'content-filter-kind' } });
  const stateSel = selectField('content-state', t('messaging.filter.state'),
    [{ value: '', label: t('messaging.filter.all') }, ...codes('content_states').map((s) => ({ value: s, label: termLabel('content_states', s) }))],
    filters.state, { dataset: { testid: 'content-filter-state' } });
  const entity = selectField('content-entity', t('messaging.editor.owner'),
    [{ value: '', label: t('messaging.filter.all') }, ...entities.map((e) => ({ value: String(e.id), label: pick(e, 'name') }))],
    filters.entity_id, { dataset: { testid: 'content-filter-entity' } });
  const mine = h('input', { type: 'checkbox', id: 'content-mine', checked: filters.mine, dataset: { testid: 'content-filter-mine' } });
  const status = h('p', { class: 'muted', role: 'status', dataset: { testid: 'content-count' } });
  const list = h('div', { class: 'content-list-slot' });
  const bar = h('form', { class: 'filters', role: 'search', 'aria-label': t('messaging.filter.label'), onsubmit: (e) => e.preventDefault() },
    kind.field, stateSel.field, entity.field,
    h('div', { class: 'choice' }, mine, h('label', { for: 'content-mine' }, t('messaging.content.mine'))));
  bar.addEventListener('change', () => {
    filters.kind = kind.select.value;
    filters.state = stateSel.select.value;
    filters.entity_id = entity.select.value;
    filters.mine = mine.checked;
    load(list, status).catch(ctx.notify);
  });
  replace(main,
    h('div', { class: 'page-head' },
      h('h1', { tabindex: '-1' }, t('messaging.content.title')),
      can('messaging.content.write') ? h('a', { class: 'button primary', href: '#/editor/new', dataset: { testid: 'content-new' } }, icon('add'), t('messaging.content.new')) : null,
      feedLink(GOVERNMENT_FEED, t('messaging.content.feed'), 'content-feed')),
    bar, status, list);
  await load(list, status);
}

async function load(list, status) {
  const mySeq = ++seq;
  list.setAttribute('aria-busy', 'true');
  let items = await listAll('/api/v1/content-items', { kind: filters.kind, state: filters.state, entity_id: filters.entity_id });
  if (mySeq !== seq) return;
  list.removeAttribute('aria-busy');
  if (filters.mine) {
    const me = session.member?.login;
    items = items.filter((i) => i.created_by === me && ['draft', 'changes_requested'].includes(i.state));
  }
  items.sort((a, b) => String(b.updated_at).localeCompare(String(a.updated_at)) || b.id - a.id);
  status.textContent = t('messaging.content.count', { count: items.length });
  if (items.length === 0) {
    replace(list, h('p', { class: 'empty-state' }, t('messaging.content.empty')));
    return;
  }
  replace(list, h('div', { class: 'table-wrap' }, h('table', { class: 'data', dataset: { testid: 'content-list' } },
    h('caption', { class: 'visually-hidden' }, t('messaging.content.title')),
    h('thead', {}, h('tr', {}, ['title', 'kind', 'entity', 'state', 'planned', 'updated'].map((c) => h('th', { scope: 'col' }, t(`messaging.content.col_${c}`))))),
    h('tbody', {}, items.map((i) => h('tr', { dataset: { testid: 'content-item', id: String(i.id), state: i.state } },
      h('th', { scope: 'row' }, h('a', { href: `#/editor/${i.id}` }, pick(i, 'title') || t('messaging.editor.untitled'))),
      h('td', {}, t(`messaging.kind.${i.kind}`)),
      h('td', {}, entityName(i.owner_entity_id)),
      h('td', {}, stateChip(i.state)),
      h('td', {}, formatPlanned(i.planned_at)),
      h('td', {}, timeEl(i.updated_at))))))));
}
