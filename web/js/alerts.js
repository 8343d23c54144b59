// The public alerts page (web/alerts.html): no sign-in, phone first, Arabic first with a language
// switch. The newest published crisis statements (GET /api/v1/public/statements, newest first) and
// the ones published while the page is open (EventSource on /api/v1/public/alerts/stream, events
// `statement` whose data is a PublicStatement): a new one appears at the top without a reload and a
// polite live region says so. Each shows its severity (CAP's four levels, in words and colour), a
// drill marked as a drill in words, an update or cancellation as such (the statement it replaces
// marked), its time and its CAP 1.2 document; the page links the Atom index of the alerts.
//
// It is not a page of the signed-in app (js/app.js): it reads only the public routes, so its labels
// are its own catalogue (i18n/<lang>/alerts.json) rather than the server's vocabularies, and its
// times are in the network's default zone (time.js). The stream is opened first and the list read
// once it is connected (or after a short wait), so nothing published in between is missed; the
// browser reconnects a dropped stream by itself with Last-Event-ID, and the list merges by id.

import { initI18n, loadModules, setLang, otherLang, LANGS, t, pick, currentLang, formatDateTime, formatRelativeTime } from './i18n.js';
import { h, replace } from './dom.js';
import { feedLink } from './feeds.js';

const LEVELS = { minor: 1, moderate: 2, severe: 3, extreme: 4 };
const STREAM = '/api/v1/public/alerts/stream';

const state = {
  items: [], // PublicStatements, newest first
  requested: false, // the list was asked for
  loaded: false, // … and answered
  failed: null, // the list could not be read
  live: false, // the stream is connected
  fresh: new Set(), // ids that arrived over the stream
};
const app = document.getElementById('app');
const announcer = h('div', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite', dataset: { testid: 'alerts-announce' } });

async function boot() {
  await initI18n();
  await loadModules('alerts');
  document.addEventListener('sawt:langchange', paint);
  paint();
  connect();
}

function connect() {
  if (!('EventSource' in window)) {
    load();
    return;
  }
  const source = new EventSource(STREAM);
  const fallback = setTimeout(load, 3000); // the list shows even when the stream does not connect
  source.addEventListener('open', () => {
    clearTimeout(fallback);
    state.live = true;
    if (!state.requested) load();
    paintStatus();
  });
  source.addEventListener('statement', (e) => {
    try {
      add(JSON.parse(e.data));
    } catch (err) {
      console.warn('alerts: a statement event that is not JSON', err);
    }
  });
  source.addEventListener('error', () => {
    state.live = false;
    paintStatus();
  });
}

async function load() {
  if (state.requested) return;
  state.requested = true;
  try {
    const res = await fetch('/api/v1/public/statements', { headers: { Accept: 'application/json' } });
    if (!res.ok) throw new Error(String(res.status));
    const answer = await res.json();
    merge(answer?.items || []);
    state.failed = null;
  } catch (err) {
    console.warn('alerts: GET /api/v1/public/statements', err);
    state.failed = err;
  }
  state.loaded = true;
  paint();
}

/** Adds statements not seen yet, newest publication first. */
function merge(items) {
  const known = new Set(state.items.map((s) => s.id));
  state.items = [...state.items, ...items.filter((s) => !known.has(s.id))].sort((a, b) => (b.seq || 0) - (a.seq || 0));
}

function add(statement) {
  if (state.items.some((s) => s.id === statement.id)) return;
  state.fresh.add(statement.id);
  merge([statement]);
  paint();
  announcer.textContent = t(statement.kind === 'drill' ? 'alerts.new_drill' : 'alerts.new', { title: pick(statement, 'title') });
}

// ---- drawing ---------------------------------------------------------------------------------

function paint() {
  document.title = `${t('alerts.title')} — ${t('common.app.name')}`;
  app.setAttribute('aria-busy', state.loaded ? 'false' : 'true');
  const next = otherLang();
  replace(app,
    h('header', { class: 'alerts-top' },
      h('a', { class: 'brand', href: './' }, h('img', { src: 'favicon.svg', alt: '', width: 28, height: 28 }),
        h('span', { class: 'brand-name' }, t('common.app.name'))),
      h('button', {
        type: 'button', class: 'lang-switch', lang: next, dir: LANGS[next].dir, dataset: { testid: 'lang-switch' },
        onclick: () => setLang(next).catch((err) => console.warn(err)),
      }, LANGS[next].name)),
    h('main', { id: 'main', class: 'alerts-page' },
      h('h1', {}, t('alerts.title')),
      h('p', { class: 'muted' }, t('alerts.lead')),
      h('p', { class: 'alerts-links' },
        feedLink('/api/v1/public/alerts', t('alerts.atom'), 'alerts-atom'),
        h('a', { href: './', dataset: { testid: 'alerts-signin' } }, t('alerts.signin'))),
      statusLine(),
      list()),
    announcer);
}

function statusLine() {
  return h('p', { class: `alerts-live${state.live ? ' on' : ''}`, dataset: { testid: 'alerts-live', live: String(state.live) } },
    t(state.live ? 'alerts.live' : 'alerts.offline'));
}

function paintStatus() {
  app.querySelector('[data-testid="alerts-live"]')?.replaceWith(statusLine());
}

function list() {
  if (!state.loaded) return h('p', { class: 'muted' }, t('alerts.loading'));
  if (state.failed && !state.items.length) return h('p', { class: 'form-error', role: 'alert', dataset: { testid: 'alerts-error' } }, t('alerts.error'));
  if (!state.items.length) return h('p', { class: 'empty-state', dataset: { testid: 'alerts-empty' } }, t('alerts.none'));
  const replacedBy = new Map(state.items.filter((s) => s.supersedes_id).map((s) => [s.supersedes_id, s]));
  return h('ol', { class: 'alerts-list', dataset: { testid: 'alerts-list' } }, state.items.map((s) => card(s, replacedBy.get(s.id))));
}

/** A bilingual text in the page's language (else the other), marked with its own language. */
function text(tag, s, field, attrs = {}) {
  const lang = s[`${field}_${currentLang()}`] ? currentLang() : otherLang();
  return h(tag, { lang, dir: LANGS[lang].dir, ...attrs }, s[`${field}_${lang}`] || '');
}

function card(s, replacement) {
  const level = LEVELS[s.severity] || 0;
  const drill = s.kind === 'drill';
  return h('li', {
    class: ['alert-card', `level-${level}`, drill ? 'drill' : '', replacement ? 'superseded' : '', state.fresh.has(s.id) ? 'alert-new' : ''].filter(Boolean).join(' '),
    dataset: { testid: 'alert-item', id: String(s.id), seq: String(s.seq), kind: s.kind, severity: s.severity, msgType: s.msg_type },
  },
  h('article', { 'aria-labelledby': `alert-${s.id}-title` },
    h('div', { class: 'alert-badges' },
      h('span', { class: `crisis-sev level-${level}`, dataset: { testid: 'alert-severity', severity: s.severity } },
        t('alerts.severity_label', { severity: t(`alerts.severity.${s.severity}`), level, max: 4 })),
      drill ? h('span', { class: 'badge crisis-kind-drill', dataset: { testid: 'alert-drill' } }, t('alerts.drill')) : null,
      s.msg_type !== 'alert' ? h('span', { class: 'badge', dataset: { testid: 'alert-msg-type' } }, t(`alerts.msg_type.${s.msg_type}`)) : null,
      h('span', { class: 'chip' }, t(`alerts.type.${s.crisis_type}`))),
    text('h2', s, 'title', { id: `alert-${s.id}-title`, dataset: { testid: 'alert-title' } }),
    drill ? h('p', { class: 'crisis-drill-note', dataset: { testid: 'alert-drill-note' } }, t('alerts.drill_note')) : null,
    replacement ? h('p', { class: 'alert-replaced', dataset: { testid: 'alert-superseded' } },
      t(replacement.msg_type === 'cancel' ? 'alerts.cancelled_later' : 'alerts.updated_later')) : null,
    text('p', s, 'body', { class: 'alert-body' }),
    pick(s, 'instruction') ? h('div', { class: 'alert-instruction' }, h('h3', {}, t('alerts.instruction')), text('p', s, 'instruction')) : null,
    h('p', { class: 'alert-meta' },
      h('time', { datetime: s.published_at }, formatDateTime(s.published_at)),
      ' · ', h('span', {}, formatRelativeTime(s.published_at)),
      ' · ', t(`alerts.urgency.${s.urgency}`)),
    h('p', {}, h('a', { href: s.cap_url, type: 'application/cap+xml', dataset: { testid: 'alert-cap' } }, t('alerts.cap')))));
}

boot().catch((err) => {
  console.error(err);
  replace(app, h('p', { class: 'form-error', role: 'alert' }, String(err.message || err)));
});
