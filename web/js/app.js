// sawt web UI entry point: boots i18n, restores the session (GET /api/v1/me), shows the login
// page or the shell, and routes location.hash ("#/<page>/<arg>…?<query>") to the pages of the capabilities.
//
// The UI is composed of capabilities (js/capabilities.js lists them, one line each): each folder's
// capability.js exports { id, navKey, modules, pages }, its pages by hash route name with how to
// load them, their navigation label and the permission that makes them useful. This file names no
// page: it builds the routes and the navigation from that list. The navigation has one entry per
// capability: a link when it shows one page, else a disclosure button opening the list of its pages
// (on phones, behind the menu button, headed sections). A page is listed only when the caller holds
// its permission somewhere (permissions.js, from the session answer); the server still decides.
//
// A page module exports `modules` (the i18n catalogues it needs), `titleKey`, and
// `render(main, args, ctx)`; it may keep its own state between renders (language switches
// re-render the current page in place). A "?a=b" part after the path reaches the page as
// ctx.query. The page marked `start` is the default one (after signing in); the page marked
// `passwordChange` is the only one while a temporary password must be changed.

import { api, listAll, setCsrfToken } from './api.js';
import { initI18n, loadModules, setLang, otherLang, LANGS, t, pick, currentDigits, setDigits, currentLang, formatNumber } from './i18n.js';
import { h, replace, labelTableCells } from './dom.js';
import { renderLogin } from './login.js';
import { session, setSession, clearSession, needsMemberRecord } from './session.js';
import { can } from './permissions.js';
import { setNetworkZone } from './time.js';
import { CAPABILITIES } from './capabilities.js';
import { createBell } from './notifications.js';
import { createPauseBanner } from './pauses.js';
import { icon } from './icons.js';
import { announceFeed } from './feeds.js';
import { loadPeople } from './people.js';

/** Hash route name -> the capability's page ({ load, navKey, navAs, permission, … }, capability). */
const ROUTES = {};
for (const capability of CAPABILITIES) {
  for (const [name, page] of Object.entries(capability.pages)) {
    if (name in ROUTES) console.error(`capabilities ${ROUTES[name].capability.id} and ${capability.id} both declare #/${name}`);
    else ROUTES[name] = { ...page, capability };
  }
}
const routeWhere = (flag) => Object.keys(ROUTES).find((name) => ROUTES[name][flag]);
const DEFAULT_ROUTE = routeWhere('start') || Object.keys(ROUTES)[0];
const PASSWORD_ROUTE = routeWhere('passwordChange');
/** The catalogues of the navigation's labels, loaded with the shell. */
const NAV_MODULES = [...new Set(CAPABILITIES.flatMap((c) => c.modules || []))];

const app = document.getElementById('app');
let shell = null; // elements of the signed-in shell, null on the login page
let bell = null; // the notification centre of the shell (notifications.js)
let pauseBanner = null; // the "publishing is paused" banner of the shell (pauses.js)
let current = null; // { name, args, page }
let routeSeq = 0;
let notFoundSeq = -1;  // routeSeq of the not-found page shown last

function parseHash() {
  const [path, query = ''] = location.hash.replace(/^#\/?/, '').split('?');
  const parts = path.split('/').filter(Boolean);
  const decoded = parts.map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p;
    }
  });
  return { name: decoded[0] || '', args: decoded.slice(1), query: new URLSearchParams(query) };
}

/** Shows an error (an ApiError or any Error) in the shell's alert region; null clears it. */
export function notify(err) {
  const region = shell?.notice || document.querySelector('[data-testid="login-error"]');
  if (!region) return;
  if (!err) {
    region.replaceChildren();
    region.hidden = true;
    return;
  }
  if (err.name === 'AbortError') return;
  console.error(err);
  region.hidden = false;
  replace(region, h('span', {}, err.message || t('common.error.unexpected')),
    shell ? h('button', { type: 'button', class: 'link-button', onclick: () => notify(null) }, t('common.action.dismiss')) : null);
}

function langButton(testid) {
  const next = otherLang();
  return h('button', {
    type: 'button',
    class: 'lang-switch',
    lang: next,
    dir: LANGS[next].dir,
    dataset: { testid },
    onclick: () => setLang(otherLang()).catch(notify),
  }, LANGS[next].name);
}

// ---- login -------------------------------------------------------------------------------

function showLogin() {
  bell?.stop();
  bell = null;
  pauseBanner?.stop();
  pauseBanner = null;
  shell = null;
  current = null;
  app.setAttribute('aria-busy', 'false');
  document.title = `${t('common.login.title')} — ${t('common.app.name')}`;
  renderLogin(app, {
    langButton: () => langButton('lang-switch'),
    onSignedIn: async (answer) => {
      startSession(answer);
      await loadNetworkZone();
      // Coming from #/login (or nowhere), go to the default page without a history entry.
      if (!(parseHash().name in ROUTES)) history.replaceState(null, '', `#/${DEFAULT_ROUTE}`);
      route({ focus: true });
    },
  });
}

function startSession(answer) {
  setSession(answer);
  setCsrfToken(answer.csrf_token);
  if (needsMemberRecord() && !session.mustChangePassword) {
    // Best effort: the header shows the member's name once known, the login until then.
    api(`/api/v1/members/${encodeURIComponent(session.member.id)}`).then((m) => {
      if (m && session.member && String(m.id) === String(session.member.id)) {
        session.member = { ...session.member, ...m };
        paintShell();
      }
    }).catch(() => {});
  }
}

/** The network's time zone, before any page shows a day or a time (the default stays on failure). */
async function loadNetworkZone() {
  if (session.mustChangePassword) return;
  try {
    const settings = await api('/api/v1/network/settings');
    if (settings?.time_zone) setNetworkZone(settings.time_zone);
  } catch (err) {
    console.warn('GET /api/v1/network/settings', err);
  }
}

async function logout() {
  try {
    await api('/api/v1/sessions/current', { method: 'DELETE' });
  } catch (err) {
    if (err.status !== 401) console.warn('logout', err);
  }
  clearSession();
  setCsrfToken(null);
  history.replaceState(null, '', `#/login`);
  showLogin();
}

// ---- shell -------------------------------------------------------------------------------

function buildShell() {
  const skip = h('a', {
    class: 'skip-link',
    href: '#main',
    onclick: (e) => {
      e.preventDefault();
      shell.main.focus();
    },
  });
  const brand = h('a', { class: 'brand', href: `#/${DEFAULT_ROUTE}` },
    h('img', { src: 'favicon.svg', alt: '', width: 28, height: 28 }),
    h('span', { class: 'brand-name' }));
  const navList = h('ul', { class: 'nav-list', id: 'nav-list' });
  // Phones and tablets: the navigation folds behind a menu button (a disclosure); wide screens
  // show the list and hide the button (CSS).
  const menuButton = h('button', {
    type: 'button', class: 'menu-toggle ghost', 'aria-expanded': 'false', 'aria-controls': 'nav-list',
    dataset: { testid: 'menu-toggle' },
    onclick: () => setMenuOpen(menuButton.getAttribute('aria-expanded') !== 'true'),
  }, h('span', { class: 'menu-icon', 'aria-hidden': 'true' }), h('span', { class: 'menu-label' }));
  const nav = h('nav', { class: 'nav', dataset: { testid: 'nav' } }, menuButton, navList);
  nav.addEventListener('keydown', onNavKey);
  // A group's list closes when focus goes elsewhere (and on a click elsewhere: onOutsideClick).
  nav.addEventListener('focusout', (e) => {
    const group = openGroup && shell?.groups.get(openGroup);
    if (group && e.relatedTarget && !group.item.contains(e.relatedTarget)) setGroupOpen(null);
  });
  const userName = h('span', { class: 'user-name', dataset: { testid: 'user-name' } });
  const tools = h('div', { class: 'tools' });
  bell = createBell();
  const header = h('header', { class: 'topbar' }, brand, nav, h('div', { class: 'account' }, bell.element, userName, tools));
  const notice = h('div', { class: 'notice', role: 'alert', dataset: { testid: 'notice' }, hidden: true });
  const main = h('main', { id: 'main', class: 'page', tabindex: '-1' });
  const progress = h('div', { class: 'route-progress', 'aria-hidden': 'true' });
  pauseBanner = createPauseBanner({ notify });
  replace(app, skip, progress, header, pauseBanner.element, notice, main);
  shell = { skip, brand, nav, navList, menuButton, userName, tools, notice, main, progress, groups: new Map() };
  // Every table a page draws, now or later, gets its cells named for the phone card layout.
  let labelling = false;
  new MutationObserver(() => {
    if (labelling) return;
    labelling = true;
    queueMicrotask(() => {
      labelTableCells(main);
      labelling = false;
    });
  }).observe(main, { childList: true, subtree: true });
  paintShell();
}

function setMenuOpen(open) {
  if (!shell) return;
  shell.menuButton.setAttribute('aria-expanded', String(open));
  shell.nav.classList.toggle('open', open);
}

// ---- navigation ------------------------------------------------------------------------------

let openGroup = null; // id of the capability whose page list is open (wide screens)

/** Opens one capability's page list (closing any other); null closes them all. */
function setGroupOpen(id) {
  openGroup = id;
  for (const [groupId, group] of shell?.groups || []) {
    const open = groupId === id;
    group.item.classList.toggle('open', open);
    group.button.setAttribute('aria-expanded', String(open));
  }
}

/** The pages of a capability the navigation lists: those with a label whose permission the caller holds somewhere. */
function navPages(capability) {
  return Object.entries(capability.pages).filter(([, page]) => page.navKey && (!page.permission || can(page.permission)));
}

// ---- count badges: what waits for the caller on a page (a page's `count`, see home/capability.js)

const navCounts = new Map(); // page name -> how many wait there (absent: none, or not known)
let countsSeq = 0;

/** A count badge: the number to the eye, a sentence to screen readers (the page's count text). */
function countBadge(n, textKey) {
  if (!n) return null;
  return [h('span', { class: 'nav-count', 'aria-hidden': 'true', dataset: { testid: 'nav-count' } }, formatNumber(n)),
    h('span', { class: 'visually-hidden' }, ` (${t(textKey, { count: n })})`)];
}

/** Asks each listed page with a count how many wait there, then repaints the navigation if that changed. */
async function refreshNavCounts() {
  const seq = ++countsSeq;
  if (shell) shell.nav.dataset.counts = 'asking';
  const helpers = { api, listAll, can, me: session.member?.login };
  const jobs = [];
  for (const capability of CAPABILITIES) {
    for (const [name, page] of navPages(capability)) {
      if (page.count) jobs.push(page.count.read(helpers).then((n) => [name, n], () => [name, 0]));
    }
  }
  const answers = await Promise.all(jobs);
  if (seq !== countsSeq || !shell) return;
  shell.nav.dataset.counts = 'ready'; // the badges say what the server said (a hook for tests)
  let changed = false;
  for (const [name, n] of answers) {
    if ((navCounts.get(name) || 0) !== (n || 0)) changed = true;
    if (n) navCounts.set(name, n);
    else navCounts.delete(name);
  }
  if (changed) paintNav();
}

function navLink([name, page], here) {
  return h('a', { href: `#/${name}`, 'aria-current': here === name ? 'page' : null, dataset: { testid: `nav-${name}` } },
    t(page.navKey), page.count ? countBadge(navCounts.get(name), page.count.key) : null);
}

/** The navigation's entries: a link per capability showing one page, a disclosure per capability showing several. */
function paintNav() {
  const here = ROUTES[current?.name]?.navAs || current?.name;
  shell.groups = new Map();
  const items = [];
  for (const capability of CAPABILITIES) {
    const pages = navPages(capability);
    if (pages.length === 0) continue;
    if (pages.length === 1) {
      items.push(h('li', { class: 'nav-item' }, navLink(pages[0], here)));
      continue;
    }
    const listId = `nav-group-${capability.id}`;
    const open = openGroup === capability.id;
    const button = h('button', {
      type: 'button', class: 'nav-group-button', 'aria-expanded': String(open), 'aria-controls': listId,
      dataset: { testid: `nav-group-${capability.id}` },
      onclick: () => setGroupOpen(openGroup === capability.id ? null : capability.id),
    }, h('span', {}, t(capability.navKey)),
    // A closed group still says that something waits inside it.
    countBadge(pages.reduce((sum, [name]) => sum + (navCounts.get(name) || 0), 0), 'common.nav.group_count'),
    h('span', { class: 'nav-caret', 'aria-hidden': 'true' }));
    // Phones show the group as a headed section of the menu (CSS hides the button there, and the
    // heading on wide screens); the list is named by the heading either way.
    const heading = h('span', { class: 'nav-group-heading', id: `${listId}-heading` }, t(capability.navKey));
    const list = h('ul', { class: 'nav-sub', id: listId, 'aria-labelledby': `${listId}-heading` },
      pages.map((page) => h('li', {}, navLink(page, here))));
    const current = pages.some(([name]) => name === here);
    const item = h('li', { class: `nav-item nav-group${current ? ' current' : ''}${open ? ' open' : ''}`, dataset: { capability: capability.id } },
      button, heading, list);
    shell.groups.set(capability.id, { item, button, list });
    items.push(item);
  }
  if (openGroup && !shell.groups.has(openGroup)) openGroup = null;
  replace(shell.navList, items);
}

/** A click outside the open list (or the open phone menu) closes it. */
function onOutsideClick(e) {
  if (!shell) return;
  const group = openGroup && shell.groups.get(openGroup);
  if (group && !group.item.contains(e.target)) setGroupOpen(null);
  if (shell.nav.classList.contains('open') && !shell.nav.contains(e.target)) setMenuOpen(false);
}

/** Escape closes the open list (or the phone menu) and returns focus to its button; arrow keys move through a list. */
function onNavKey(e) {
  const group = openGroup && shell.groups.get(openGroup);
  if (e.key === 'Escape') {
    if (group) {
      setGroupOpen(null);
      group.button.focus();
    } else if (shell.menuButton.getAttribute('aria-expanded') === 'true') {
      setMenuOpen(false);
      shell.menuButton.focus();
    }
    return;
  }
  if (!['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(e.key)) return;
  const button = e.target.closest('.nav-group-button');
  const owner = button ? [...shell.groups.values()].find((g) => g.button === button) : group;
  if (!owner || (!button && !owner.list.contains(e.target))) return;
  const links = [...owner.list.querySelectorAll('a')];
  if (!links.length) return;
  e.preventDefault();
  if (button) {
    // From the button: open the list at its first (Down/Home) or last (Up/End) page.
    const id = [...shell.groups].find(([, g]) => g === owner)[0];
    setGroupOpen(id);
    (e.key === 'ArrowUp' || e.key === 'End' ? links[links.length - 1] : links[0]).focus();
    return;
  }
  const at = links.indexOf(e.target);
  const next = e.key === 'Home' ? 0 : e.key === 'End' ? links.length - 1
    : (at + (e.key === 'ArrowDown' ? 1 : -1) + links.length) % links.length;
  links[next].focus();
}

/** (Re)writes the shell's texts in the current language. */
function paintShell() {
  if (!shell) return;
  shell.skip.textContent = t('common.skip_to_content');
  shell.brand.setAttribute('aria-label', t('common.app.home'));
  shell.brand.querySelector('.brand-name').textContent = t('common.app.name');
  shell.nav.setAttribute('aria-label', t('common.nav.label'));
  shell.menuButton.querySelector('.menu-label').textContent = t('common.nav.menu');
  paintNav();
  bell?.paint();
  pauseBanner?.paint();
  paintUserName();
  const digitsNext = currentDigits() === 'arab' ? 'latn' : 'arab';
  replace(shell.tools,
    h('button', {
      type: 'button',
      class: 'ghost',
      dataset: { testid: 'digits-switch' },
      // The name starts with what the button shows (axe: label-content-name-mismatch).
      'aria-label': `${digitsNext === 'arab' ? '٠١٢' : '012'} — ${t(`common.digits.use_${digitsNext}`)}`,
      title: t(`common.digits.use_${digitsNext}`),
      onclick: () => setDigits(digitsNext),
    }, digitsNext === 'arab' ? '٠١٢' : '012'),
    langButton('lang-switch'),
    // Icon only (the header stays one row on a laptop); named for assistive technology and speech input.
    h('button', {
      type: 'button', class: 'ghost icon-button', dataset: { testid: 'logout' },
      'aria-label': t('common.logout'), title: t('common.logout'), onclick: logout,
    }, icon('logout')));
}

/**
 * The signed-in person in the header: the full name (the login until the member record is known);
 * on screens too narrow for it beside the navigation, the first name is shown and the full name
 * stays the element's text for assistive technology and its tooltip (CSS picks which shows).
 */
function paintUserName() {
  const full = pick(session.member, 'name') || session.member?.login || '';
  const short = firstName(full);
  shell.userName.title = full;
  replace(shell.userName,
    short === full ? null : h('span', { class: 'user-name-short', 'aria-hidden': 'true' }, short),
    h('span', { class: short === full ? 'user-name-full only' : 'user-name-full' }, full));
}

// Arabic (and transliterated) compound first names: "عبد الله", "Abdul Rahman", "أبو بكر".
const NAME_PREFIXES = new Set(['عبد', 'أبو', 'ابو', 'abd', 'abdel', 'abdul', 'abu']);

/** The first name of a full name (a compound one kept whole); a login stays as it is. */
function firstName(full) {
  const words = String(full).trim().split(/\s+/);
  if (words.length < 2) return full;
  return NAME_PREFIXES.has(words[0].toLowerCase()) && words.length > 2 ? `${words[0]} ${words[1]}` : words[0];
}

async function route({ focus = false } = {}) {
  if (!session.member) {
    showLogin();
    return;
  }
  let { name, args, query } = parseHash();
  if (session.mustChangePassword && PASSWORD_ROUTE && name !== PASSWORD_ROUTE) {
    // The temporary password comes first: that page shows the change form.
    name = PASSWORD_ROUTE;
    args = [];
    query = new URLSearchParams();
    history.replaceState(null, '', `#/${PASSWORD_ROUTE}`);
  }
  if (!name || name === 'login') {
    name = DEFAULT_ROUTE;
    args = [];
    query = new URLSearchParams();
    history.replaceState(null, '', `#/${name}`);
  }
  if (!shell) {
    // The navigation's labels first (one batch; a missing catalogue shows keys, not a failure).
    await loadModules(...NAV_MODULES).catch((err) => console.warn('i18n', err));
    if (!session.member) return;
    if (!shell) buildShell();
  }
  // Once the password is one's own (the bell starts once per sign-in).
  if (!session.mustChangePassword) bell.start().catch((err) => console.warn('notifications', err));
  // Whether publishing is paused, asked again on every page (one GET); so are the count badges.
  pauseBanner.refresh().catch((err) => console.warn('publishing pauses', err));
  if (!session.mustChangePassword) refreshNavCounts().catch((err) => console.warn('navigation counts', err));
  if (!(name in ROUTES)) {
    showNotFound();
    return;
  }
  const seq = ++routeSeq;
  const changedPage = current?.name !== name;
  notify(null);
  announceFeed(null); // a page about one entity announces its feed again when it shows
  setMenuOpen(false);
  setGroupOpen(null);
  bell?.close();
  shell.main.setAttribute('aria-busy', 'true');
  // Where focus is as the page starts loading: if the person moves it meanwhile (opens the bell,
  // types in the search), the page does not take it back when it has rendered.
  const focusedAtStart = document.activeElement;
  // The loading bar appears only when a page takes long enough to notice (CSS delay).
  shell.progress.classList.add('active');
  try {
    // The page's module, its catalogues and the names of the people it may mention (once per sign-in).
    const [page] = await Promise.all([ROUTES[name].load(), loadPeople()]);
    await loadModules(...(page.modules || []));
    if (seq !== routeSeq) return;
    current = { name, args, query, page };
    paintShell();
    document.title = `${t(page.titleKey)} — ${t('common.app.name')}`;
    await page.render(shell.main, args, { notify, session, changedPage, query });
    if (seq !== routeSeq) {
      // The address changed while this page was rendering; a not-found page, painted at once,
      // would otherwise stay covered by this late render.
      if (notFoundSeq === routeSeq) showNotFound();
      return;
    }
    const untouched = document.activeElement === focusedAtStart || document.activeElement === document.body;
    if (untouched && (focus || (changedPage && document.activeElement === document.body))) {
      shell.main.querySelector('h1')?.focus();
    }
  } catch (err) {
    if (err?.status === 404 && args.length && seq === routeSeq) {
      // The address names a record that is not there (deleted, or mistyped): the not-found page.
      showNotFound();
      return;
    }
    // A page module that cannot be fetched (offline, server restarting) fails with a TypeError
    // in the browser's words; the user gets ours, in their language.
    notify(err instanceof TypeError ? new Error(t('common.error.network')) : err);
  } finally {
    if (seq === routeSeq) {
      shell.main.setAttribute('aria-busy', 'false');
      shell.progress.classList.remove('active');
    }
  }
}

/** An address that names no page: said plainly, with the way back. */
function showNotFound() {
  // Sequenced like a page, so a page still rendering from before does not paint over it.
  notFoundSeq = ++routeSeq;
  current = { name: '', args: [], query: new URLSearchParams(), page: { titleKey: 'common.not_found.title', render: showNotFound } };
  setMenuOpen(false);
  setGroupOpen(null);
  paintShell();
  document.title = `${t('common.not_found.title')} — ${t('common.app.name')}`;
  shell.main.setAttribute('aria-busy', 'false');
  shell.progress.classList.remove('active');
  replace(shell.main, h('section', { class: 'not-found', dataset: { testid: 'not-found' } },
    h('h1', { tabindex: '-1' }, t('common.not_found.title')),
    h('p', {}, t('common.not_found.text')),
    h('a', { class: 'button primary', href: `#/${DEFAULT_ROUTE}` }, t('common.not_found.home'))));
  shell.main.querySelector('h1').focus();
}

async function onLangChange() {
  if (!session.member) {
    showLogin();
    return;
  }
  if (current) await loadModules(...(current.page.modules || []));
  paintShell();
  if (current) {
    document.title = `${t(current.page.titleKey)} — ${t('common.app.name')}`;
    await current.page.render(shell.main, current.args, { notify, session, changedPage: false, relang: true, query: current.query });
  }
}

async function boot() {
  try {
    await initI18n();
  } catch (err) {
    replace(app, h('p', { class: 'boot', role: 'alert' }, String(err.message)));
    return;
  }
  document.addEventListener('sawt:langchange', () => onLangChange().catch(notify));
  document.addEventListener('sawt:unauthenticated', () => {
    clearSession();
    setCsrfToken(null);
    showLogin();
  });
  // A page changed the caller's roles (an accepted invitation): take the new session and repaint
  // the navigation, staying on the page.
  document.addEventListener('sawt:session-changed', () => {
    api('/api/v1/me').then(async (me) => {
      startSession(me);
      await loadNetworkZone();
      paintShell();
    }).catch(notify);
  });
  document.addEventListener('click', onOutsideClick);
  window.addEventListener('hashchange', () => {
    const prev = current?.name;
    route({ focus: parseHash().name !== prev });
  });
  try {
    startSession(await api('/api/v1/me'));
    await loadNetworkZone();
  } catch (err) {
    if (err.status !== 401) console.warn('GET /api/v1/me', err);
  }
  app.setAttribute('aria-busy', 'false');
  route();
}

// Exposed for tests and the console only; nothing in the UI depends on it.
window.sawt = Object.freeze({ currentLang, setLang });
boot();
