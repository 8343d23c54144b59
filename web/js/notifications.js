// The notification centre of the shell: a bell in the header with the count of unread
// notifications, opening a panel of the newest ones (GET /api/v1/notifications), each a link that
// follows its `link` and marks it read (POST /api/v1/notifications/{id}/read), "mark all as read"
// (POST /api/v1/notifications/read-all) and the way to the preferences (#/notifications, in the
// account capability). While signed in, one EventSource on /api/v1/notifications/stream brings new
// notifications live: the count goes up, an open panel shows them first, and a polite live region
// says so. The browser resumes the stream itself (Last-Event-ID).
//
// A server without the notifications module declares no `notification_kinds` vocabulary: the bell
// stays hidden and nothing is asked of routes that would answer 404.
//
//   const bell = createBell();  header.append(bell.element);
//   bell.start();  …  bell.paint() (language switch)  …  bell.stop() (sign-out)

import { api, acceptLanguage } from './api.js';
import { h, replace } from './dom.js';
import { t, has, loadModules, formatNumber, formatRelativeTime, formatDateTime } from './i18n.js';
import { loadVocabularies, codes, termLabel } from './reference.js';
import { icon } from './icons.js';

const LIST_LIMIT = 10; // the panel shows the newest ones; older ones stay on the server
const BADGE_MAX = 99; // above, the badge reads "99+"

/** A notification's label for its kind: the server's vocabulary, else the code in plain words. */
export function kindLabel(kind) {
  if (codes('notification_kinds').includes(kind)) return termLabel('notification_kinds', kind);
  return String(kind ?? '').replace(/[_.]+/g, ' ');
}

/** Only addresses inside the application are followed (a hash route such as #/content/42). */
const safeLink = (link) => (typeof link === 'string' && /^#\/[^\s]*$/.test(link) ? link : null);

export function createBell() {
  const state = { started: false, running: false, items: null, unread: 0, open: false, error: null, source: null, seq: 0, announced: '' };
  const button = h('button', {
    type: 'button', class: 'ghost bell-button', 'aria-expanded': 'false', 'aria-controls': 'notifications-panel',
    dataset: { testid: 'bell' },
    onclick: () => setOpen(!state.open),
  }, icon('bell', 'bell-icon'), h('span', { class: 'bell-count', 'aria-hidden': 'true', dataset: { testid: 'bell-count' }, hidden: true }));
  const heading = h('h2', { id: 'notifications-heading', class: 'bell-heading', tabindex: '-1' });
  const readAll = h('button', { type: 'button', class: 'link-button', dataset: { testid: 'notifications-read-all' }, onclick: () => markAllRead() });
  const list = h('ul', { class: 'bell-list', dataset: { testid: 'notifications-list' } });
  const status = h('p', { class: 'bell-status', dataset: { testid: 'notifications-status' } });
  const prefs = h('a', { href: '#/notifications', class: 'bell-prefs', dataset: { testid: 'notifications-preferences' } });
  const panel = h('section', {
    id: 'notifications-panel', class: 'bell-panel', 'aria-labelledby': 'notifications-heading', hidden: true,
    dataset: { testid: 'notifications-panel' },
  }, h('div', { class: 'bell-head' }, heading, readAll), status, list, prefs);
  const live = h('div', { class: 'visually-hidden', 'aria-live': 'polite', dataset: { testid: 'notifications-live' } });
  const element = h('div', { class: 'bell', hidden: true, dataset: { testid: 'bell-wrap' } }, button, panel, live);

  element.addEventListener('keydown', onKey);
  // Focus leaving the bell and its panel closes it (as a navigation group does).
  element.addEventListener('focusout', (e) => {
    if (state.open && e.relatedTarget && !element.contains(e.relatedTarget)) setOpen(false);
  });
  const onOutsideClick = (e) => {
    if (state.open && !element.contains(e.target)) setOpen(false);
  };
  const onLangChange = () => {
    // Titles and bodies are worded by the server in the request's language: the stream is opened
    // again in the new one, and the list read again (it also covers what arrived in between).
    if (!state.running) return;
    state.source?.close();
    state.source = null;
    openStream();
    refresh().catch(() => {});
  };

  function setOpen(open) {
    state.open = open && state.running;
    button.setAttribute('aria-expanded', String(state.open));
    panel.hidden = !state.open;
    element.classList.toggle('open', state.open);
    if (state.open) refresh().catch(() => {});
  }

  /** The newest notifications and the unread count, from the server. */
  async function refresh() {
    const seq = ++state.seq;
    try {
      const answer = await api('/api/v1/notifications', { query: { limit: LIST_LIMIT } });
      if (seq !== state.seq || !state.running) return;
      state.items = answer?.items || [];
      state.unread = Number(answer?.unread) || 0;
      state.error = null;
    } catch (err) {
      if (seq !== state.seq || !state.running) return;
      state.error = err.message || t('common.error.unexpected');
    }
    paint();
  }

  function paintBadge() {
    const count = button.querySelector('.bell-count');
    count.hidden = state.unread <= 0;
    count.textContent = state.unread > BADGE_MAX ? `${formatNumber(BADGE_MAX)}+` : formatNumber(state.unread);
    count.dataset.count = String(state.unread);
    button.setAttribute('aria-label', state.unread > 0
      ? t('notifications.bell.unread', { count: state.unread }) : t('notifications.bell.name'));
    readAll.disabled = state.unread <= 0;
  }

  function paint() {
    if (!has('notifications.bell.name')) return; // catalogue not loaded yet
    paintBadge();
    heading.textContent = t('notifications.panel.heading');
    readAll.textContent = t('notifications.panel.read_all');
    prefs.textContent = t('notifications.panel.preferences');
    const now = Date.now();
    status.textContent = state.error || (state.items === null ? t('notifications.panel.loading')
      : state.items.length === 0 ? t('notifications.panel.empty') : '');
    status.hidden = !status.textContent;
    status.setAttribute('role', state.error ? 'alert' : 'status');
    // A repaint (the list refreshed while open) keeps focus on the notification it was on.
    const focused = list.contains(document.activeElement) ? document.activeElement.closest('[data-id]')?.dataset.id : null;
    replace(list, (state.items || []).map((n) => item(n, now)));
    if (focused) list.querySelector(`[data-id="${CSS.escape(focused)}"] .bell-link`)?.focus();
  }

  function item(n, now) {
    const unread = !n.read_at;
    const link = safeLink(n.link);
    const content = [
      h('span', { class: 'bell-meta' },
        h('span', { class: 'bell-kind' }, kindLabel(n.kind)),
        h('time', { datetime: n.created_at, title: formatDateTime(n.created_at) }, formatRelativeTime(n.created_at, now))),
      h('span', { class: 'bell-title', dataset: { testid: 'notification-title' } }, n.title || ''),
      n.body ? h('span', { class: 'bell-body' }, n.body) : null,
      unread ? h('span', { class: 'visually-hidden' }, ` — ${t('notifications.item.unread')}`) : null,
    ];
    const body = link
      ? h('a', { href: link, class: 'bell-link', onclick: () => follow(n) }, content)
      : h('div', { class: 'bell-link' }, content);
    return h('li', {
      class: `bell-item${unread ? ' unread' : ''}`,
      dataset: { testid: 'notification', id: String(n.id), unread: String(unread), kind: n.kind },
    }, body);
  }

  /** Following a notification marks it read (the address changes meanwhile; the page follows). */
  function follow(n) {
    setOpen(false);
    // The page followed takes focus to its heading; on the same page it stays on the bell.
    button.focus();
    if (n.read_at) return;
    n.read_at = new Date().toISOString();
    state.unread = Math.max(0, state.unread - 1);
    // A list still on its way was counted before this read: it must not put the count back up.
    state.seq += 1;
    paint();
    // Once the server has the read, its count is the truth again (other tabs, late arrivals).
    api(`/api/v1/notifications/${encodeURIComponent(n.id)}/read`, { method: 'POST' })
      .then((answer) => {
        if (answer?.read_at) n.read_at = answer.read_at;
      })
      .catch(() => {})
      .finally(() => {
        if (state.running) refresh().catch(() => {});
      });
  }

  async function markAllRead() {
    state.seq += 1; // as in follow(): a list counted before this must not land after it
    try {
      const answer = await api('/api/v1/notifications/read-all', { method: 'POST' });
      const at = new Date().toISOString();
      for (const n of state.items || []) n.read_at ||= at;
      state.unread = Number(answer?.unread) || 0;
      state.error = null;
      announce(t('notifications.panel.all_read'));
    } catch (err) {
      state.error = err.message;
    }
    // The button is disabled now that nothing is unread: focus stays in the panel.
    const hadFocus = document.activeElement === readAll;
    paint();
    if (hadFocus && readAll.disabled && state.open) heading.focus();
  }

  function announce(text) {
    // The same words twice in a row would not be read again: alternate a trailing space.
    state.announced = state.announced === text ? `${text} ` : text;
    live.textContent = state.announced;
  }

  /** A notification from the stream: counted, shown first in an open panel, announced. */
  function arrived(n) {
    if (!n || n.id === undefined) return;
    const known = (state.items || []).some((x) => String(x.id) === String(n.id));
    if (known) return;
    if (!n.read_at) state.unread += 1;
    if (state.items) state.items = [n, ...state.items].slice(0, LIST_LIMIT);
    paint();
    announce(t('notifications.live.new', { title: n.title || kindLabel(n.kind) }));
  }

  function openStream() {
    if (state.source || typeof EventSource === 'undefined') return;
    // An EventSource sends the browser's Accept-Language, not the page's: `lang` names the page's.
    const source = new EventSource(`/api/v1/notifications/stream?lang=${encodeURIComponent(acceptLanguage())}`);
    source.addEventListener('notification', (e) => {
      try {
        arrived(JSON.parse(e.data));
      } catch {
        // Not a notification: ignored.
      }
    });
    // data-live says whether the stream is connected (a hook for tests and styles).
    source.addEventListener('open', () => {
      element.dataset.live = 'true';
    });
    // A closed stream (refused, signed out elsewhere) is not retried by the browser: quietly stop.
    source.addEventListener('error', () => {
      element.dataset.live = 'false';
      if (source.readyState === EventSource.CLOSED && state.source === source) state.source = null;
    });
    state.source = source;
  }

  /** Signed in: shows the bell when the server has notifications, loads the count, opens the stream. */
  async function start() {
    if (state.started) return;
    state.started = true;
    state.running = true;
    try {
      await Promise.all([loadModules('notifications'), loadVocabularies()]);
    } catch {
      state.running = false;
      return;
    }
    if (!state.running) return; // signed out meanwhile
    if (codes('notification_kinds').length === 0) {
      // A server without the notifications module: no bell, no requests that would answer 404.
      state.running = false;
      return;
    }
    element.hidden = false;
    document.addEventListener('click', onOutsideClick);
    document.addEventListener('sawt:langchange', onLangChange);
    paint();
    openStream();
    await refresh();
  }

  /** Signed out: closes the stream and forgets the notifications. */
  function stop() {
    state.running = false;
    state.seq += 1;
    state.source?.close();
    state.source = null;
    delete element.dataset.live;
    state.items = null;
    state.unread = 0;
    state.error = null;
    setOpen(false);
    element.hidden = true;
    live.textContent = '';
    document.removeEventListener('click', onOutsideClick);
    document.removeEventListener('sawt:langchange', onLangChange);
  }

  /** Escape closes the panel and returns focus to the bell; arrow keys move through its links. */
  function onKey(e) {
    if (e.key === 'Escape' && state.open) {
      e.stopPropagation();
      setOpen(false);
      button.focus();
      return;
    }
    if (!['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(e.key)) return;
    const links = [...panel.querySelectorAll('a.bell-link, a.bell-prefs')];
    if (!links.length) return;
    if (e.target === button) {
      e.preventDefault();
      if (!state.open) setOpen(true);
      (e.key === 'ArrowUp' || e.key === 'End' ? links[links.length - 1] : links[0]).focus();
      return;
    }
    const at = links.indexOf(e.target);
    if (at < 0) return;
    e.preventDefault();
    const next = e.key === 'Home' ? 0 : e.key === 'End' ? links.length - 1
      : (at + (e.key === 'ArrowDown' ? 1 : -1) + links.length) % links.length;
    links[next].focus();
  }

  return { element, start, stop, paint, close: () => setOpen(false) };
}
