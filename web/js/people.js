// People by login, so pages name the people who did things ("Maryam Salem Al Kaabi") rather than
// their logins ("admin"). The names are those of the members the caller may see (GET
// /api/v1/members), read once per signed-in account and kept; app.js loads them before a page draws.
// The server's own actions ("system") are named as such; a login the caller may not look up is shown
// as it is (left to right).

import { listAll } from './api.js';
import { h } from './dom.js';
import { t, pick, compare } from './i18n.js';
import { session } from './session.js';
import { can } from './permissions.js';

const SYSTEM = 'system';
let byLogin = new Map(); // login -> member record
let loadedFor = null; // the login whose view of the members byLogin holds
let loading = null;

/** Reads the members the caller may see, once per signed-in account; never fails (names fall back to logins). */
export function loadPeople() {
  const me = session.member?.login || null;
  // Nothing to ask while a temporary password must be changed, or of one who may see no members.
  if (!me || session.mustChangePassword || !can('network.members.read')) return Promise.resolve();
  if (loadedFor === me) return loading || Promise.resolve();
  loadedFor = me;
  byLogin = new Map();
  loading = listAll('/api/v1/members')
    .then((members) => { if (loadedFor === me) byLogin = new Map(members.filter((m) => m.login).map((m) => [m.login, m])); })
    .catch((err) => { if (err?.name !== 'AbortError') console.warn('people: GET /api/v1/members', err); })
    .finally(() => { loading = null; });
  return loading;
}

/** The members the caller may see (active ones), sorted by name in the current language. */
export function memberList() {
  return [...byLogin.values()].filter((m) => m.active !== false)
    .sort((a, b) => compare(pick(a, 'name'), pick(b, 'name')));
}

/** The name of the member with this id in the current language (null when unknown). */
export function memberName(id) {
  for (const m of byLogin.values()) if (String(m.id) === String(id)) return pick(m, 'name');
  return null;
}

/** The name of the person with this login in the current language (the login when unknown). */
export function personName(login) {
  if (!login) return '';
  if (login === SYSTEM) return t('common.person.system');
  return pick(byLogin.get(login), 'name') || login;
}

/**
 * The person with this login as an element: the name isolated from the text around it (the login
 * as its tooltip), or the login itself laid out left to right when no name is known.
 */
export function person(login) {
  if (!login) return '';
  const name = personName(login);
  if (name === login) return h('bdi', { dir: 'ltr', class: 'person', dataset: { login } }, login);
  return h('bdi', { class: 'person', title: login === SYSTEM ? null : login, dataset: { login } }, name);
}
