// Members page (#/members): the members the caller may see (GET /api/v1/members), searchable by
// name (either language), title, login or e-mail. Matching folds case and Arabic letter
// variants, so "احمد" finds "أحمد".

import { listAll } from '../api.js';
import { h, replace, fold } from '../dom.js';
import { t, pick, compare, otherLang, LANGS } from '../i18n.js';

export const modules = ['network'];
export const titleKey = 'network.members_page.title';

const state = { members: null, query: '' };
let view = null; // { list, status }

export async function render(main, args, ctx) {
  if (!state.members || ctx.changedPage) {
    state.members = await listAll('/api/v1/members');
  }
  const hadFocus = document.activeElement?.id === 'member-search';
  main.dataset.page = 'members';
  const search = h('input', {
    id: 'member-search',
    type: 'search',
    autocomplete: 'off',
    spellcheck: 'false',
    dir: 'auto',
    'aria-controls': 'member-list',
    'aria-describedby': 'member-count',
    dataset: { testid: 'member-search' },
  });
  search.value = state.query;
  search.addEventListener('input', () => {
    state.query = search.value;
    paintList();
  });
  const status = h('p', { id: 'member-count', class: 'muted', role: 'status' });
  const list = h('ul', { id: 'member-list', class: 'member-list', dataset: { testid: 'member-list' }, 'aria-labelledby': 'members-title' });
  replace(main,
    h('div', { class: 'page-head' },
      h('h1', { id: 'members-title', tabindex: '-1' }, t('network.members_page.title'))),
    h('form', { class: 'search-bar', role: 'search', onsubmit: (e) => e.preventDefault() },
      h('label', { for: 'member-search' }, t('network.members_page.search')),
      search),
    status,
    list);
  view = { list, status };
  paintList();
  if (hadFocus) search.focus();
}

function haystack(m) {
  return fold([m.name_ar, m.name_en, m.title_ar, m.title_en, m.login, m.email].filter(Boolean).join(' '));
}

function paintList() {
  const words = fold(state.query).split(' ').filter(Boolean);
  const shown = state.members
    .filter((m) => words.every((w) => haystack(m).includes(w)))
    .sort((a, b) => compare(pick(a, 'name') || a.login, pick(b, 'name') || b.login));
  view.status.textContent = words.length
    ? t('network.members_page.matches', { count: shown.length, total: state.members.length })
    : t('network.members_page.count', { count: state.members.length });
  if (shown.length === 0) {
    replace(view.list, h('li', { class: 'empty-state' }, t('network.members_page.none')));
    return;
  }
  const other = otherLang();
  replace(view.list, shown.map((m) => h('li', { class: `member-card${m.active === false ? ' inactive' : ''}`, dataset: { testid: 'member-item', id: String(m.id) } },
    h('span', { class: 'avatar', 'aria-hidden': 'true' }, initials(pick(m, 'name') || m.login)),
    h('div', { class: 'member-main' },
      h('p', { class: 'member-name' }, pick(m, 'name') || m.login,
        m.active === false ? h('span', { class: 'badge muted-badge' }, t('network.members.inactive')) : null),
      m[`name_${other}`] ? h('p', { class: 'muted' }, h('span', { lang: other, dir: LANGS[other].dir }, m[`name_${other}`])) : null,
      pick(m, 'title') ? h('p', { class: 'member-title' }, pick(m, 'title')) : null),
    h('dl', { class: 'member-meta' },
      h('dt', {}, t('network.members_page.login')), h('dd', {}, h('bdi', { dir: 'ltr' }, m.login || '')),
      m.email ? [h('dt', {}, t('network.members_page.email')),
        h('dd', {}, h('a', { href: `mailto:${m.email}`, dir: 'ltr' }, m.email))] : null))));
}

function initials(name) {
  const parts = String(name || '').trim().split(/\s+/).filter(Boolean);
  return parts.slice(0, 2).map((p) => [...p][0]).join('');
}
