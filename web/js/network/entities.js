// Entities page (#/entities, #/entities/<id>): the network tree (government → entity →
// department) as an ARIA tree, and for the selected entity its members with their roles and
// its responsibilities as a RACI table grouped by the guide's seven axes.
//
// Keyboard (WAI-ARIA APG tree pattern): ↑/↓ move, → / ← open, enter child, close, go to parent
// (mirrored in RTL), Home/End, Enter/Space select, typing a letter jumps to the next match.

import { api, listAll } from '../api.js';
import { feedLink, entityFeed, announceFeed } from '../feeds.js';
import { h, replace, swatch, fold } from '../dom.js';
import { t, pick, compare, formatNumber, currentLang, otherLang, LANGS } from '../i18n.js';

export const modules = ['network'];
export const titleKey = 'network.entities.title';

const RACI = ['R', 'A', 'C', 'I'];

// Page state, kept across re-renders (language switches, selection changes).
const state = {
  entities: null, // [Entity]
  byId: new Map(),
  children: new Map(), // parent id (or '' for roots) -> [id]
  expanded: null, // Set of ids; null until first load
  selectedId: null,
  focusedId: null,
  axes: null,
  details: new Map(), // entity id -> {members, memberships, responsibilities, extraMembers}
};
let view = null; // { main, tree, detail, lang }
let detailSeq = 0;

const key = (id) => (id === null || id === undefined ? '' : String(id));

async function loadEntities() {
  const items = await listAll('/api/v1/entities');
  state.entities = items;
  state.byId = new Map(items.map((e) => [key(e.id), e]));
  state.children = new Map();
  for (const e of items) {
    // An entity whose parent is not visible to the caller is shown as a root.
    const parent = state.byId.has(key(e.parent_id)) ? key(e.parent_id) : '';
    if (!state.children.has(parent)) state.children.set(parent, []);
    state.children.get(parent).push(key(e.id));
  }
  if (!state.expanded) {
    // Open the roots (governments) so their entities are visible at once.
    state.expanded = new Set(state.children.get('') || []);
  }
}

function sortedChildren(parentId) {
  const ids = state.children.get(parentId) || [];
  return [...ids].sort((a, b) => compare(pick(state.byId.get(a), 'name'), pick(state.byId.get(b), 'name')));
}

export async function render(main, args, ctx) {
  const wanted = args[0] !== undefined ? key(args[0]) : null;
  if (!state.entities || ctx.changedPage) {
    state.details.clear();
    await loadEntities();
  }

  const rebuild = !view || view.main !== main || main.dataset.page !== 'entities' || view.lang !== currentLang();
  if (wanted && state.byId.has(wanted)) {
    state.selectedId = wanted;
    revealAncestors(wanted);
  } else {
    state.selectedId = null;
  }
  if (!state.focusedId || !state.byId.has(state.focusedId)) state.focusedId = state.selectedId || sortedChildren('')[0] || null;

  if (rebuild) {
    buildLayout(main);
  } else {
    // A selection change: update the tree in place so focus stays where it is.
    if (state.selectedId) state.focusedId = state.selectedId;
    paintTree({ keepFocus: view.tree.contains(document.activeElement) });
  }
  await renderDetail(ctx);
}

function revealAncestors(id) {
  let e = state.byId.get(id);
  while (e && state.byId.has(key(e.parent_id))) {
    state.expanded.add(key(e.parent_id));
    e = state.byId.get(key(e.parent_id));
  }
}

function buildLayout(main) {
  main.dataset.page = 'entities';
  const treeHadFocus = view?.tree?.contains(document.activeElement);
  const tree = h('ul', {
    role: 'tree',
    class: 'tree',
    'aria-labelledby': 'tree-heading',
    dataset: { testid: 'entity-tree' },
  });
  tree.addEventListener('keydown', onTreeKey);
  tree.addEventListener('click', onTreeClick);
  tree.addEventListener('focusin', (e) => {
    const item = e.target.closest('[role="treeitem"]');
    if (item) state.focusedId = item.dataset.id;
  });
  const detail = h('section', { class: 'detail card', dataset: { testid: 'entity-detail' }, 'aria-labelledby': 'detail-title' });
  replace(main,
    h('div', { class: 'page-head' },
      h('h1', { tabindex: '-1' }, t('network.entities.title')),
      h('p', { class: 'muted' }, t('network.entities.count', { count: state.entities.length }))),
    h('div', { class: 'split' },
      h('section', { class: 'tree-panel card', 'aria-labelledby': 'tree-heading' },
        h('h2', { id: 'tree-heading' }, t('network.tree.heading')),
        h('p', { class: 'hint', id: 'tree-hint' }, t('network.tree.hint')),
        tree),
      detail));
  tree.setAttribute('aria-describedby', 'tree-hint');
  view = { main, tree, detail, lang: currentLang() };
  paintTree({ keepFocus: treeHadFocus });
}

// ---- tree --------------------------------------------------------------------------------

function paintTree({ keepFocus }) {
  const roots = sortedChildren('');
  if (roots.length === 0) {
    replace(view.tree, h('li', { role: 'none', class: 'muted' }, t('network.tree.empty')));
    return;
  }
  replace(view.tree, roots.map((id, i) => treeItem(id, 1, i + 1, roots.length)));
  const focusable = view.tree.querySelector(`[data-id="${CSS.escape(state.focusedId || '')}"]`) || view.tree.querySelector('[role="treeitem"]');
  if (focusable) {
    focusable.tabIndex = 0;
    if (keepFocus) focusable.focus();
  }
}

function treeItem(id, level, pos, size) {
  const e = state.byId.get(id);
  const kids = sortedChildren(id);
  const open = kids.length > 0 && state.expanded.has(id);
  const selected = id === state.selectedId;
  const labelId = `tree-label-${id}`;
  const li = h('li', {
    role: 'treeitem',
    class: `tree-item kind-${e.kind || 'entity'}`,
    tabindex: '-1',
    'aria-level': level,
    'aria-setsize': size,
    'aria-posinset': pos,
    'aria-selected': selected ? 'true' : 'false',
    'aria-expanded': kids.length ? String(open) : null,
    'aria-labelledby': labelId,
    dataset: { id, testid: 'entity-node', kind: e.kind || '' },
  },
  h('span', { class: 'tree-row' },
    h('span', { class: `twisty${kids.length ? '' : ' leaf'}`, 'aria-hidden': 'true' }),
    swatch(e.color),
    h('span', { class: 'tree-name', id: labelId }, pick(e, 'name')),
    h('span', { class: 'tree-kind' }, t(`network.kind.${e.kind}`))));
  if (open) {
    li.append(h('ul', { role: 'group' }, kids.map((k, i) => treeItem(k, level + 1, i + 1, kids.length))));
  }
  return li;
}

function visibleItems() {
  return [...view.tree.querySelectorAll('[role="treeitem"]')].filter((li) => !li.parentElement.closest('[aria-expanded="false"]'));
}

function focusItem(li) {
  if (!li) return;
  for (const other of view.tree.querySelectorAll('[role="treeitem"][tabindex="0"]')) other.tabIndex = -1;
  li.tabIndex = 0;
  li.focus();
  state.focusedId = li.dataset.id;
}

function setExpanded(li, open) {
  const id = li.dataset.id;
  if (open) state.expanded.add(id);
  else state.expanded.delete(id);
  state.focusedId = id;
  paintTree({ keepFocus: true });
}

function select(li) {
  const id = li.dataset.id;
  state.focusedId = id;
  const target = `#/entities/${encodeURIComponent(id)}`;
  if (location.hash === target) {
    focusItem(li);
    return;
  }
  location.hash = target; // the router re-renders the detail; the tree keeps focus
}

function onTreeClick(e) {
  const li = e.target.closest('[role="treeitem"]');
  if (!li || !view.tree.contains(li)) return;
  if (e.target.closest('.twisty') && li.hasAttribute('aria-expanded')) {
    setExpanded(li, li.getAttribute('aria-expanded') !== 'true');
    return;
  }
  focusItem(li);
  select(li);
}

function onTreeKey(e) {
  const li = e.target.closest('[role="treeitem"]');
  if (!li || e.altKey || e.ctrlKey || e.metaKey) return;
  const rtl = LANGS[currentLang()].dir === 'rtl';
  const openKey = rtl ? 'ArrowLeft' : 'ArrowRight';
  const closeKey = rtl ? 'ArrowRight' : 'ArrowLeft';
  const items = visibleItems();
  const i = items.indexOf(li);
  const expandable = li.hasAttribute('aria-expanded');
  const open = li.getAttribute('aria-expanded') === 'true';
  let handled = true;
  switch (e.key) {
    case 'ArrowDown': focusItem(items[i + 1]); break;
    case 'ArrowUp': focusItem(items[i - 1]); break;
    case 'Home': focusItem(items[0]); break;
    case 'End': focusItem(items[items.length - 1]); break;
    case openKey:
      if (expandable && !open) setExpanded(li, true);
      else if (open) focusItem(li.querySelector('[role="treeitem"]'));
      break;
    case closeKey:
      if (open) setExpanded(li, false);
      else focusItem(li.parentElement.closest('[role="treeitem"]'));
      break;
    case 'Enter':
    case ' ':
      select(li);
      break;
    case '*': // APG: expand all siblings
      for (const sib of li.parentElement.children) if (sib.hasAttribute('aria-expanded')) state.expanded.add(sib.dataset.id);
      paintTree({ keepFocus: true });
      break;
    default:
      if (e.key.length === 1 && e.key.trim()) typeAhead(items, i, e.key);
      else handled = false;
  }
  if (handled) e.preventDefault();
}

function typeAhead(items, from, ch) {
  const c = fold(ch);
  const n = items.length;
  for (let step = 1; step <= n; step++) {
    const li = items[(from + step) % n];
    if (fold(li.querySelector('.tree-name')?.textContent).startsWith(c)) {
      focusItem(li);
      return;
    }
  }
}

// ---- detail ------------------------------------------------------------------------------

async function loadDetail(id) {
  if (state.details.has(id)) return state.details.get(id);
  const [members, memberships, responsibilities, axes] = await Promise.all([
    listAll('/api/v1/members', { entity_id: id }),
    listAll('/api/v1/memberships', { entity_id: id }),
    listAll('/api/v1/responsibilities', { entity_id: id }),
    state.axes || api('/api/v1/axes').then((a) => (Array.isArray(a) ? a : a?.items || [])),
  ]);
  state.axes = axes;
  const byMember = new Map(members.map((m) => [key(m.id), m]));
  // Responsibilities may name members of other entities; fetch those we can see.
  const missing = [...new Set(responsibilities.map((r) => key(r.member_id)).filter((m) => m && !byMember.has(m)))];
  const extra = await Promise.all(missing.map((m) => api(`/api/v1/members/${encodeURIComponent(m)}`).catch(() => null)));
  for (const m of extra) if (m) byMember.set(key(m.id), m);
  const detail = { members, memberships, responsibilities, byMember };
  state.details.set(id, detail);
  return detail;
}

async function renderDetail(ctx) {
  const seq = ++detailSeq;
  const box = view.detail;
  const id = state.selectedId;
  if (!id) {
    replace(box,
      h('h2', { id: 'detail-title', class: 'visually-hidden' }, t('network.detail.heading')),
      h('p', { class: 'empty-state' }, t('network.detail.choose')));
    return;
  }
  const e = state.byId.get(id);
  const head = h('div', { class: 'detail-head' },
    swatch(e.color, 'swatch-lg'),
    h('div', {},
      h('h2', { id: 'detail-title' }, pick(e, 'name')),
      h('p', { class: 'muted' },
        e[`name_${otherLang()}`] ? h('span', { lang: otherLang(), dir: LANGS[otherLang()].dir }, e[`name_${otherLang()}`]) : null,
        e[`name_${otherLang()}`] ? ' · ' : null,
        t(`network.kind.${e.kind}`),
        e.code ? ' · ' : null,
        e.code ? h('bdi', { class: 'code' }, e.code) : null),
      e.code ? feedLink(entityFeed(e.code), t('network.detail.feed'), 'entity-feed') : null));
  announceFeed(e.code ? entityFeed(e.code) : null, t('network.detail.feed_title', { name: pick(e, 'name') }));
  if (!state.details.has(id)) {
    box.setAttribute('aria-busy', 'true');
    replace(box, head, h('p', { class: 'muted', role: 'status' }, t('common.loading')));
  }
  let d;
  try {
    d = await loadDetail(id);
  } catch (err) {
    if (seq !== detailSeq) return;
    box.removeAttribute('aria-busy');
    replace(box, head, h('p', { class: 'empty-state' }, t('network.detail.load_failed')));
    ctx.notify(err);
    return;
  }
  if (seq !== detailSeq) return;
  box.removeAttribute('aria-busy');
  replace(box, head, membersSection(d), raciSection(d));
}

function memberName(m) {
  return pick(m, 'name') || m.login || '';
}

function membersSection(d) {
  const roles = new Map();
  for (const ms of d.memberships) {
    const k = key(ms.member_id);
    if (!roles.has(k)) roles.set(k, []);
    roles.get(k).push(ms.role);
  }
  const rows = [...d.members].sort((a, b) => compare(memberName(a), memberName(b)));
  const section = h('section', { class: 'detail-section', 'aria-labelledby': 'members-heading' },
    h('h3', { id: 'members-heading' }, t('network.members.heading'), ' ',
      h('span', { class: 'count' }, formatNumber(rows.length))));
  if (rows.length === 0) {
    section.append(h('p', { class: 'muted' }, t('network.members.empty')));
    return section;
  }
  section.append(h('div', { class: 'table-wrap' }, h('table', { class: 'data', dataset: { testid: 'entity-members' } },
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, t('network.members.name')),
      h('th', { scope: 'col' }, t('network.members.title')),
      h('th', { scope: 'col' }, t('network.members.roles')))),
    h('tbody', {}, rows.map((m) => h('tr', { class: m.active === false ? 'inactive' : null },
      h('th', { scope: 'row' }, memberName(m),
        m.active === false ? h('span', { class: 'badge muted-badge' }, t('network.members.inactive')) : null),
      h('td', {}, pick(m, 'title')),
      h('td', {}, h('ul', { class: 'chips' },
        (roles.get(key(m.id)) || []).map((r) => h('li', { class: `chip role-${r}` }, t(`network.role.${r}`)))))))))));
  return section;
}

function raciSection(d) {
  const axes = state.axes || [];
  const groups = new Map(axes.map((a) => [a.key, new Map()]));
  for (const r of d.responsibilities) {
    if (!groups.has(r.axis)) groups.set(r.axis, new Map());
    const tasks = groups.get(r.axis);
    const taskKey = `${r.task_ar}\u0000${r.task_en}`;
    if (!tasks.has(taskKey)) tasks.set(taskKey, { task: r, cells: { R: [], A: [], C: [], I: [] } });
    const m = d.byMember.get(key(r.member_id));
    const who = m ? memberName(m) : t('network.raci.unknown_member', { id: r.member_id });
    if (RACI.includes(r.raci)) tasks.get(taskKey).cells[r.raci].push(who);
  }
  const axisName = (k) => {
    const a = axes.find((x) => x.key === k);
    return a ? pick(a, 'name') : t('network.raci.other_axis', { axis: k });
  };

  const section = h('section', { class: 'detail-section', 'aria-labelledby': 'raci-heading' },
    h('h3', { id: 'raci-heading' }, t('network.raci.heading'), ' ',
      h('span', { class: 'count' }, formatNumber(d.responsibilities.length))),
    h('dl', { class: 'raci-legend' }, RACI.map((k) => [
      h('dt', {}, h('span', { class: `raci-badge raci-${k}` }, k)),
      h('dd', {}, t(`network.raci.${k}`)),
    ])));
  const table = h('table', { class: 'data raci matrix', dataset: { testid: 'raci-table' } },
    h('caption', { class: 'visually-hidden' }, t('network.raci.caption')),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, t('network.raci.task')),
      RACI.map((k) => h('th', { scope: 'col', class: 'raci-col' },
        h('abbr', { title: t(`network.raci.${k}`) }, h('span', { class: `raci-badge raci-${k}` }, k)),
        h('span', { class: 'visually-hidden' }, ` ${t(`network.raci.${k}`)}`))))));
  for (const [axis, tasks] of groups) {
    const body = h('tbody', { dataset: { axis } },
      h('tr', { class: 'axis-row' }, h('th', { scope: 'rowgroup', colspan: 5 }, axisName(axis),
        tasks.size ? [' ', h('span', { class: 'count' }, formatNumber(tasks.size))] : null)));
    if (tasks.size === 0) {
      body.append(h('tr', { class: 'empty-row' }, h('td', { colspan: 5 }, t('network.raci.no_tasks'))));
    }
    const rows = [...tasks.values()].sort((a, b) => compare(pick(a.task, 'task'), pick(b.task, 'task')));
    for (const { task, cells } of rows) {
      body.append(h('tr', {},
        h('th', { scope: 'row' }, pick(task, 'task')),
        RACI.map((k) => h('td', { class: 'raci-cell' },
          cells[k].length ? h('ul', { class: 'names' }, cells[k].map((n) => h('li', {}, n))) : h('span', { class: 'none' }, h('span', { 'aria-hidden': 'true' }, '—'), h('span', { class: 'visually-hidden' }, t('network.raci.none')))))));
    }
    table.append(body);
  }
  section.append(h('div', { class: 'table-wrap' }, table));
  return section;
}
