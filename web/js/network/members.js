// Members page (#/members): the members the caller may see (GET /api/v1/members) as a table — name
// and title, each role with its entity (GET /api/v1/memberships, where the caller may see roles),
// user name, e-mail — filtered by entity (its departments included) and by role, and searched by
// name (either language), title, login or e-mail as one types. Matching folds case and Arabic letter variants, so "احمد" finds
// "أحمد". On phones the table's rows are cards (css: table.data).

import { listAll } from '../api.js';
import { h, replace, fold } from '../dom.js';
import { t, has, pick, compare, otherLang, LANGS } from '../i18n.js';
import { loadReference } from '../reference.js';
import { canEverywhere, entitiesWhere } from '../permissions.js';

export const modules = ['network'];
export const titleKey = 'network.members_page.title';

const state = { members: null, memberships: [], query: '', entity: '', role: '' };
let view = null; // { body, status }
let ref = null;

export async function render(main, args, ctx) {
  if (!state.members || ctx.changedPage) {
    ref = await loadReference();
    [state.members, state.memberships] = await Promise.all([listAll('/api/v1/members'), loadMemberships()]);
  }
  ref = ref || await loadReference();
  const focused = document.activeElement?.id;
  main.dataset.page = 'members';
  const search = h('input', {
    id: 'member-search', type: 'search', autocomplete: 'off', spellcheck: 'false', dir: 'auto',
    'aria-controls': 'member-list', 'aria-describedby': 'member-count', dataset: { testid: 'member-search' },
  });
  search.value = state.query;
  search.addEventListener('input', () => {
    state.query = search.value;
    paintRows();
  });
  const entitySelect = h('select', { id: 'member-entity', dataset: { testid: 'member-filter-entity' } },
    h('option', { value: '' }, t('network.members_page.all_entities')),
    entityOptions());
  entitySelect.value = state.entity;
  entitySelect.addEventListener('change', () => {
    state.entity = entitySelect.value;
    paintRows();
  });
  const roleSelect = h('select', { id: 'member-role', dataset: { testid: 'member-filter-role' } },
    h('option', { value: '' }, t('network.members_page.all_roles')),
    rolesHeld().map((role) => h('option', { value: role }, roleLabel(role))));
  roleSelect.value = state.role;
  roleSelect.addEventListener('change', () => {
    state.role = roleSelect.value;
    paintRows();
  });
  const status = h('p', { id: 'member-count', class: 'muted', role: 'status', dataset: { testid: 'member-count' } });
  const body = h('tbody', {});
  replace(main,
    h('div', { class: 'page-head' },
      h('h1', { id: 'members-title', tabindex: '-1' }, t('network.members_page.title'))),
    h('form', { class: 'filters', role: 'search', 'aria-label': t('network.members_page.filters'), onsubmit: (e) => e.preventDefault() },
      h('div', { class: 'field' }, h('label', { for: 'member-search' }, t('network.members_page.search')), search),
      h('div', { class: 'field' }, h('label', { for: 'member-entity' }, t('network.members_page.entity')), entitySelect),
      h('div', { class: 'field' }, h('label', { for: 'member-role' }, t('network.members_page.role')), roleSelect)),
    status,
    h('div', { class: 'table-wrap' },
      h('table', { id: 'member-list', class: 'data members-table', 'aria-labelledby': 'members-title', dataset: { testid: 'member-list' } },
        h('thead', {}, h('tr', {},
          ['name', 'roles', 'login', 'email'].map((c) => h('th', { scope: 'col' }, t(`network.members_page.col_${c}`))))),
        body)));
  view = { body, status };
  paintRows();
  if (focused && ['member-search', 'member-entity', 'member-role'].includes(focused)) main.querySelector(`#${focused}`)?.focus();
}

/**
 * The roles the caller may see: every membership for those who may see them everywhere, else those
 * of each entity where they may (GET /api/v1/memberships?entity_id=). Roles are extra: a failed read
 * leaves them out and the table still lists the members. Invitations not yet accepted are left out.
 */
async function loadMemberships() {
  let lists;
  if (canEverywhere('network.memberships.read')) {
    lists = [await listAll('/api/v1/memberships').catch(() => [])];
  } else {
    const ids = entitiesWhere('network.memberships.read', ref.entities).map((e) => e.id);
    lists = await Promise.all(ids.map((id) => listAll('/api/v1/memberships', { entity_id: id }).catch(() => [])));
  }
  const byId = new Map();
  for (const ms of lists.flat()) if (ms.status !== 'invited') byId.set(String(ms.id), ms);
  return [...byId.values()];
}

/** The entities as options, each under its parent (indented by depth), in the page's language. */
function entityOptions() {
  const children = new Map();
  for (const e of ref.entities) {
    const k = String(e.parent_id ?? '');
    if (!children.has(k)) children.set(k, []);
    children.get(k).push(e);
  }
  const out = [];
  const walk = (parent, depth) => {
    for (const e of (children.get(parent) || []).sort((a, b) => compare(pick(a, 'name'), pick(b, 'name')))) {
      out.push(h('option', { value: String(e.id) }, `${'\u00a0\u00a0'.repeat(depth)}${pick(e, 'name')}`));
      walk(String(e.id), depth + 1);
    }
  };
  walk('', 0);
  return out;
}

/** The entity and the ids below it (its departments). */
function subtree(id) {
  const ids = new Set([String(id)]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const e of ref.entities) {
      if (e.parent_id != null && ids.has(String(e.parent_id)) && !ids.has(String(e.id))) {
        ids.add(String(e.id));
        grew = true;
      }
    }
  }
  return ids;
}

function rolesHeld() {
  const order = ['network_admin', 'entity_admin', 'editor', 'reviewer', 'spokesperson', 'analyst', 'trainer', 'member'];
  const held = [...new Set(state.memberships.map((ms) => ms.role))];
  return held.sort((a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99) || a.localeCompare(b));
}

function roleLabel(role) {
  return has(`network.role.${role}`) ? t(`network.role.${role}`) : role;
}

function entityLabel(id) {
  const e = ref.entities.find((x) => String(x.id) === String(id));
  return e ? pick(e, 'name') : `#${id}`;
}

function haystack(m) {
  return fold([m.name_ar, m.name_en, m.title_ar, m.title_en, m.login, m.email].filter(Boolean).join(' '));
}

function paintRows() {
  const words = fold(state.query).split(' ').filter(Boolean);
  const within = state.entity ? subtree(state.entity) : null;
  const rolesOf = new Map();
  for (const ms of state.memberships) {
    const k = String(ms.member_id);
    if (!rolesOf.has(k)) rolesOf.set(k, []);
    rolesOf.get(k).push(ms);
  }
  // A member shows when one of their roles matches both the entity and the role chosen.
  const matchesRoles = (m) => !within && !state.role ? true
    : (rolesOf.get(String(m.id)) || []).some((ms) => (!within || within.has(String(ms.entity_id))) && (!state.role || ms.role === state.role));
  const shown = state.members
    .filter((m) => matchesRoles(m) && words.every((w) => haystack(m).includes(w)))
    .sort((a, b) => compare(pick(a, 'name') || a.login, pick(b, 'name') || b.login));
  const filtered = words.length || within || state.role;
  view.status.textContent = filtered
    ? t('network.members_page.matches', { count: shown.length, total: state.members.length })
    : t('network.members_page.count', { count: state.members.length });
  if (shown.length === 0) {
    replace(view.body, h('tr', {}, h('td', { class: 'empty-state', colspan: '4' }, t('network.members_page.none'))));
    return;
  }
  const other = otherLang();
  replace(view.body, shown.map((m) => {
    const roles = (rolesOf.get(String(m.id)) || [])
      .sort((a, b) => compare(entityLabel(a.entity_id), entityLabel(b.entity_id)));
    return h('tr', { class: m.active === false ? 'inactive' : null, dataset: { testid: 'member-item', id: String(m.id) } },
      h('th', { scope: 'row' },
        h('span', { class: 'member-name' }, pick(m, 'name') || m.login,
          m.active === false ? h('span', { class: 'badge muted-badge' }, t('network.members.inactive')) : null),
        m[`name_${other}`] ? h('span', { class: 'hint member-other', lang: other, dir: LANGS[other].dir }, m[`name_${other}`]) : null,
        pick(m, 'title') ? h('span', { class: 'hint member-title' }, pick(m, 'title')) : null),
      h('td', { dataset: { testid: 'member-roles' } }, roles.length
        ? h('ul', { class: 'member-roles' }, roles.map((ms) => h('li', {}, t('network.members_page.role_at', { role: roleLabel(ms.role), entity: entityLabel(ms.entity_id) }))))
        : '—'),
      h('td', {}, h('bdi', { dir: 'ltr' }, m.login || '')),
      h('td', {}, m.email ? h('a', { href: `mailto:${m.email}`, dir: 'ltr' }, m.email) : '—'));
  }));
}
