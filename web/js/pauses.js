// "Pause all publishing" as the whole shell shows it: a banner below the header, on every page,
// while at least one pause the caller can see is in force (GET /api/v1/publishing-pauses: network
// admins see every pause, others those covering every entity or one of theirs). Each pause says
// what it covers, since when and by whom, why, and what it holds back; network admins resume it
// from there, behind a confirmation with an optional reason (POST …/{id}/resume).
//
// One GET per refresh: app.js refreshes on every route change, and a page that pauses or resumes
// calls pausesChanged(). The banner is repainted only when what it says changes, so its live
// region does not repeat itself on every navigation.
//
//   const banner = createPauseBanner({ notify });  header.after(banner.element);
//   banner.refresh();  …  banner.paint() (language switch)  …  banner.stop() (sign-out)

import { api, etag } from './api.js';
import { h, replace, confirmDialog } from './dom.js';
import { t, currentLang, currentDigits, formatDateTime } from './i18n.js';
import { inputField } from './fields.js';
import { loadReference, entityName, termLabel } from './reference.js';
import { person, loadPeople } from './people.js';
import { session } from './session.js';
import { canEverywhere } from './permissions.js';
import { icon } from './icons.js';

const CHANGED = 'sawt:pauses-changed';
/** Dispatched on document when the banner resumed a pause, so a page showing pauses (the crisis room) reads them again. */
export const PUBLISHING_RESUMED = 'sawt:publishing-resumed';

/** Tells the banner that a pause began or ended (it asks the server again). */
export function pausesChanged() {
  document.dispatchEvent(new CustomEvent(CHANGED));
}

/** Whether the caller may pause and resume publishing across the network (network admins). */
export const canPauseAll = () => canEverywhere('messaging.publishing.pause');

/** Parts joined as the language joins a list ("A, B and C", "أ وب وج"). */
export function listText(parts) {
  return new Intl.ListFormat(currentLang(), { type: 'conjunction' }).format(parts);
}

/** The entities a pause covers: "every entity" or their names (entity names must be loaded). */
export function pauseEntities(pause) {
  return pause.entity_ids?.length ? listText(pause.entity_ids.map(entityName)) : t('common.pause.every_entity');
}

/** The channels a pause covers: "every channel" or their labels. */
export function pauseChannels(pause) {
  return pause.channels?.length ? listText(pause.channels.map((c) => termLabel('channels', c))) : t('common.pause.every_channel');
}

/** What a pause holds back now ("3 publications and 1 scheduled item"), with the language's plurals. */
export function heldText(pause) {
  const { publications = 0, items = 0 } = pause.held || {};
  const parts = [
    publications ? t('common.pause.publications', { count: publications }) : null,
    items ? t('common.pause.items', { count: items }) : null,
  ].filter(Boolean);
  return parts.length ? t('common.pause.held', { what: listText(parts) }) : t('common.pause.held_none');
}

/**
 * A confirmation that asks for a reason (a textarea under the text; a `required` one must say
 * something). Resolves to { confirmed, reason } (the reason trimmed, kept also when cancelled so a
 * form can offer it again). `content` is more of the form under the reason.
 */
export async function reasonDialog({
  testid, title, body, confirm, required = false, danger = false, reason = '', content = null, opener = document.activeElement,
}) {
  const field = inputField(`${testid}-reason`, t(required ? 'common.pause.reason' : 'common.pause.reason_optional'), {
    tag: 'textarea', rows: 3, maxlength: 2000, value: reason, error: true, 'aria-required': required ? 'true' : null, dataset: { testid: `${testid}-reason` },
  });
  const check = () => {
    const missing = required && !field.input.value.trim();
    field.error.textContent = missing ? t('common.pause.reason_required') : '';
    if (missing) {
      field.input.setAttribute('aria-invalid', 'true');
      field.input.focus();
    } else field.input.removeAttribute('aria-invalid');
    return !missing;
  };
  // A message about a missing reason goes once one is typed.
  field.input.addEventListener('input', () => {
    if (field.input.value.trim() && field.input.getAttribute('aria-invalid')) check();
  });
  const confirmed = await confirmDialog({
    title, body, confirm, cancel: t('common.action.cancel'), testid, danger, opener, content: [field.field, content], check,
    focus: required ? field.input : null,
  });
  return { confirmed, reason: field.input.value.trim() };
}

export function createPauseBanner({ notify }) {
  const element = h('div', { class: 'pause-banner', role: 'status', dataset: { testid: 'pause-banner' }, hidden: true });
  const state = { items: [], seq: 0, painted: null };

  /** The active pauses the caller sees, from the server. */
  async function refresh() {
    const seq = ++state.seq;
    let items = [];
    if (session.member && !session.mustChangePassword) {
      try {
        // Who paused is named like everywhere else (the names are read once per sign-in).
        const [answer] = await Promise.all([api('/api/v1/publishing-pauses'), loadPeople()]);
        items = answer?.items || [];
        // Entity names and channel labels, once per visit (names fall back to ids meanwhile).
        if (items.some((p) => p.entity_ids?.length || p.channels?.length)) await loadReference().catch(() => {});
      } catch (err) {
        // 403: one who may read no content; 404: a server without the switch: no banner. Any other
        // failure (offline, restarting) keeps what was shown until the next page asks again.
        if (![403, 404].includes(err.status)) {
          console.warn('GET /api/v1/publishing-pauses', err);
          items = state.items;
        }
      }
    }
    if (seq !== state.seq) return;
    state.items = items;
    paint();
  }

  function paint() {
    const key = JSON.stringify([currentLang(), currentDigits(), state.items]);
    if (key === state.painted) return;
    state.painted = key;
    element.hidden = state.items.length === 0;
    replace(element, state.items.length
      ? h('ul', { class: 'pause-list' }, state.items.map((p) => pauseItem(p)))
      : null);
  }

  function pauseItem(p) {
    return h('li', { class: 'pause-item', dataset: { testid: 'pause', id: String(p.id) } },
      h('div', { class: 'pause-text' },
        h('p', { class: 'pause-title' }, icon('pause'), t('common.pause.title')),
        h('p', {}, t('common.pause.covers', { entities: pauseEntities(p), channels: pauseChannels(p) })),
        h('p', {}, t('common.pause.since', { when: formatDateTime(p.paused_at) }), ' ', t('common.pause.by'), ' ', person(p.paused_by)),
        h('p', { class: 'pause-reason' }, t('common.pause.reason_shown'), ' ', h('bdi', { dir: 'auto', dataset: { testid: 'pause-reason' } }, p.reason)),
        h('p', { dataset: { testid: 'pause-held' } }, heldText(p))),
      canPauseAll()
        ? h('button', { type: 'button', class: 'primary', dataset: { testid: 'pause-resume' }, onclick: (e) => resume(p, e.currentTarget) }, icon('play'), t('common.pause.resume'))
        : null);
  }

  async function resume(p, opener) {
    const { confirmed, reason } = await reasonDialog({
      testid: 'pause-resume-dialog', title: t('common.pause.resume_title'),
      body: t('common.pause.resume_body', { entities: pauseEntities(p) }), confirm: t('common.pause.resume'), opener,
    });
    if (!confirmed) return;
    try {
      await api(`/api/v1/publishing-pauses/${encodeURIComponent(p.id)}/resume`, {
        method: 'POST', headers: { 'If-Match': etag(p.version) }, body: reason ? { reason } : {},
      });
      document.dispatchEvent(new CustomEvent(PUBLISHING_RESUMED, { detail: { id: p.id } }));
    } catch (err) {
      notify(err); // e.g. 409: resumed meanwhile by someone else; the banner shows what is left
    }
    await refresh();
    // The button went with its pause: focus goes back to the page.
    if (!opener.isConnected) document.querySelector('main h1')?.focus();
  }

  const onChanged = () => { refresh().catch(() => {}); };
  document.addEventListener(CHANGED, onChanged);
  return {
    element,
    refresh,
    paint,
    stop: () => {
      document.removeEventListener(CHANGED, onChanged);
      state.seq++;
    },
  };
}
