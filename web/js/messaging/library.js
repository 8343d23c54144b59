// The key-message library (#/library): themes and their key messages (Arabic and English side by
// side, state, validity, supporting points, version history), filtered by theme and state and
// searched as one types (both languages and the supporting points; case, diacritics and Arabic
// letter variants folded, so "احمد" finds "أحمد"; in the browser: the server has no text filter here).
// Editors draft and edit (PATCH with If-Match; editing an approved message sends it back to
// draft); entity admins of the theme's owner and network admins approve and retire. What the
// server refuses (403, 409, 412) is shown on the message's card with the server's own words.

import { api, listAll, etag } from '../api.js';
import { h, replace, fold, confirmDialog } from '../dom.js';
import { actionMenu } from '../menu.js';
import { t, pick, compare, formatNumber } from '../i18n.js';
import { loadReference, entityName, vocabularyOptions } from '../reference.js';
import { can, entitiesWhere } from '../permissions.js';
import { selectField, inputField, langBlock, conflictNotice } from '../fields.js';
import { formatDay } from '../days.js';
import { stateChip, timeEl } from './common.js';
import { personName } from '../people.js';
import { icon } from '../icons.js';

export const modules = ['messaging'];
export const titleKey = 'messaging.library.title';

const filters = { theme_id: '', state: '', q: '' };
let ref = null;
let ctxRef = null;
let listSlot = null;
let messages = []; // the last answer for the theme and state filters; the search narrows it here

export async function render(main, args, ctx) {
  ctxRef = ctx;
  ref = await loadReference(ctx.changedPage);
  main.dataset.page = 'library';
  const themes = [...ref.themes].sort((a, b) => compare(pick(a, 'name'), pick(b, 'name')));
  const theme = selectField('library-theme', t('messaging.library.theme'),
    [{ value: '', label: t('messaging.filter.all') }, ...themes.map((th) => ({ value: String(th.id), label: pick(th, 'name') }))],
    filters.theme_id, { dataset: { testid: 'library-filter-theme' } });
  const state = selectField('library-state', t('messaging.filter.state'),
    [{ value: '', label: t('messaging.filter.all') }, ...vocabularyOptions('library_states')],
    filters.state, { dataset: { testid: 'library-filter-state' } });
  const search = inputField('library-search', t('messaging.library.search'), {
    value: filters.q, type: 'search', autocomplete: 'off', dir: 'auto', dataset: { testid: 'library-search' },
  });
  search.input.addEventListener('input', () => {
    filters.q = search.input.value;
    paintMessages();
  });
  const bar = h('form', { class: 'filters', role: 'search', 'aria-label': t('messaging.filter.label'), onsubmit: (e) => e.preventDefault() },
    search.field, theme.field, state.field);
  bar.addEventListener('change', (e) => {
    if (e.target === search.input) return;
    filters.theme_id = theme.select.value;
    filters.state = state.select.value;
    paintList().catch(ctx.notify);
  });
  const newSlot = h('div', { class: 'new-slot' });
  listSlot = h('div', { class: 'library-list', dataset: { testid: 'library' } });
  replace(main,
    h('div', { class: 'page-head' },
      h('h1', { tabindex: '-1' }, t('messaging.library.title')),
      can('messaging.key_messages.write') ? h('button', {
        type: 'button', class: 'primary', dataset: { testid: 'km-new' },
        onclick: () => {
          replace(newSlot, messageForm(null, () => replace(newSlot)));
          newSlot.querySelector('textarea')?.focus();
        },
      }, icon('add'), t('messaging.library.new')) : null),
    bar, newSlot, listSlot);
  await paintList();
}

async function paintList() {
  messages = await listAll('/api/v1/key-messages', { theme_id: filters.theme_id, state: filters.state });
  paintMessages();
}

/** The words a message is found by: its texts and supporting points in both languages, its theme. */
function haystack(m) {
  const theme = themeOf(m);
  return fold([m.text_ar, m.text_en, ...(m.supporting_points || []).flatMap((p) => [p.ar, p.en]),
    theme?.name_ar, theme?.name_en, `#${m.id}`].filter(Boolean).join(' '));
}

/** Draws the fetched messages that match the search, by theme (only themes with a match while searching). */
function paintMessages() {
  const words = fold(filters.q).split(' ').filter(Boolean);
  const shown = words.length ? messages.filter((m) => { const text = haystack(m); return words.every((w) => text.includes(w)); }) : messages;
  const byTheme = new Map();
  for (const m of shown) {
    if (!byTheme.has(m.theme_id)) byTheme.set(m.theme_id, []);
    byTheme.get(m.theme_id).push(m);
  }
  const themes = ref.themes.filter((th) => (!filters.theme_id || String(th.id) === filters.theme_id)
    && (!words.length || byTheme.has(th.id)))
    .sort((a, b) => compare(pick(a, 'name'), pick(b, 'name')));
  replace(listSlot,
    h('p', { class: 'muted', role: 'status', dataset: { testid: 'library-count' } }, words.length
      ? t('messaging.library.matches', { count: shown.length, total: messages.length })
      : t('messaging.library.count', { count: messages.length })),
    words.length && !shown.length ? h('p', { class: 'empty-state' }, t('messaging.library.no_match')) : null,
    themes.map((th) => {
      const list = byTheme.get(th.id) || [];
      return h('section', { class: 'theme-section', 'aria-labelledby': `theme-${th.id}`, dataset: { testid: 'theme-section', code: th.code } },
        h('h2', { id: `theme-${th.id}` }, pick(th, 'name'), ' ',
          h('span', { class: 'count' }, formatNumber(list.length)),
          th.strategic ? h('span', { class: 'badge strategic' }, t('messaging.theme.strategic')) : null),
        h('p', { class: 'hint' }, t('messaging.library.theme_owner', { entity: entityName(th.owner_entity_id) })),
        list.length ? h('ul', { class: 'km-list' }, list.map((m) => h('li', {}, messageCard(m))))
          : h('p', { class: 'muted' }, t('messaging.library.theme_empty')));
    }));
}

function themeOf(m) {
  return ref.themes.find((th) => th.id === m.theme_id);
}

function messageCard(m) {
  const card = h('article', { class: 'card km-card', dataset: { testid: 'key-message', id: String(m.id), state: m.state } });
  paintCard(card, m);
  return card;
}

function paintCard(card, m, note) {
  card.dataset.state = m.state;
  const theme = themeOf(m);
  const canWrite = m.state !== 'retired' && can('messaging.key_messages.write', m.owner_entity_id);
  const canApprove = can('messaging.key_messages.approve', theme?.owner_entity_id);
  const error = h('div', { class: 'form-error', role: 'alert', dataset: { testid: 'km-error' } });
  const status = h('div', { class: 'form-status', role: 'status', dataset: { testid: 'km-status' } }, note || '');
  const history = h('div', { class: 'km-history' });
  const act = (path) => async () => {
    error.textContent = '';
    try {
      const next = await api(`/api/v1/key-messages/${m.id}/${path}`, { method: 'POST', body: {}, headers: { 'If-Match': etag(m.version) } });
      paintCard(card, next, t(`messaging.library.done_${path}`));
      card.querySelector('h3')?.focus();
    } catch (err) {
      if (err.status === 412) replace(error, conflictNotice('km-conflict', () => reloadCard(card, m.id)));
      else error.textContent = err.message;
    }
  };
  const points = m.supporting_points || [];
  replace(card,
    h('header', { class: 'km-head' },
      h('h3', { tabindex: '-1' }, t('messaging.library.message', { id: m.id })),
      stateChip(m.state),
      h('span', { class: 'muted' }, t('messaging.editor.version', { version: m.version })),
      h('span', { class: 'muted' }, entityName(m.owner_entity_id))),
    h('div', { class: 'bi', dir: 'rtl' },
      langBlock('p', 'ar', m.text_ar, { class: 'km-text', dataset: { testid: 'km-text-ar' } }),
      langBlock('p', 'en', m.text_en, { class: 'km-text', dataset: { testid: 'km-text-en' } })),
    points.length ? h('div', { class: 'km-points' },
      h('h4', {}, t('messaging.library.points')),
      h('div', { class: 'bi', dir: 'rtl' },
        langBlock('ul', 'ar', points.map((p) => h('li', {}, p.ar))),
        langBlock('ul', 'en', points.map((p) => h('li', {}, p.en))))) : null,
    h('p', { class: 'hint' }, validity(m),
      m.approved_by ? [' · ', t('messaging.library.approved_by', { who: personName(m.approved_by) }), ' ', timeEl(m.approved_at)] : null),
    h('div', { class: 'card-actions' },
      canWrite ? h('button', { type: 'button', dataset: { testid: 'km-edit' }, onclick: () => replace(card, messageForm(m, () => paintCard(card, m), (saved) => paintCard(card, saved, t('messaging.library.saved')))) }, icon('edit'), t('messaging.action.edit')) : null,
      canApprove && m.state === 'draft' ? h('button', { type: 'button', class: 'primary', dataset: { testid: 'km-approve' }, onclick: act('approve') }, icon('check'), t('messaging.action.approve')) : null,
      h('button', {
        type: 'button', class: 'link-button', 'aria-expanded': 'false', dataset: { testid: 'km-history' },
        onclick: (e) => toggleHistory(e.currentTarget, history, m).catch(ctxRef.notify),
      }, t('messaging.library.history')),
      canApprove && m.state === 'approved' ? actionMenu({
        label: t('messaging.library.menu_label', { id: m.id }),
        testid: 'km-menu',
        items: [{
          label: t('messaging.action.retire'), danger: true, testid: 'km-retire', icon: 'archive',
          onSelect: async (opener) => {
            const confirmed = await confirmDialog({
              title: t('messaging.library.retire_title', { id: m.id }), body: t('messaging.library.retire_body'),
              confirm: t('messaging.action.retire'), cancel: t('messaging.action.cancel'), testid: 'km-retire-dialog', danger: true, opener,
            });
            if (confirmed) await act('retire')();
          },
        }],
      }) : null),
    error, status, history);
}

async function reloadCard(card, id) {
  const m = await api(`/api/v1/key-messages/${id}`);
  paintCard(card, m);
}

function validity(m) {
  if (m.valid_from && m.valid_until) return t('messaging.library.valid_between', { from: formatDay(m.valid_from), until: formatDay(m.valid_until) });
  if (m.valid_until) return t('messaging.library.valid_until', { until: formatDay(m.valid_until) });
  if (m.valid_from) return t('messaging.library.valid_from', { from: formatDay(m.valid_from) });
  return t('messaging.library.valid_always');
}

async function toggleHistory(button, slot, m) {
  if (button.getAttribute('aria-expanded') === 'true') {
    button.setAttribute('aria-expanded', 'false');
    replace(slot);
    return;
  }
  const answer = await api(`/api/v1/key-messages/${m.id}/versions`);
  button.setAttribute('aria-expanded', 'true');
  replace(slot, h('ol', { class: 'km-versions', dataset: { testid: 'km-versions' } }, (answer?.items || []).map((v) => h('li', { dataset: { testid: 'km-version', version: String(v.version) } },
    h('p', {}, h('strong', {}, t('messaging.editor.version', { version: v.version })), ' ', stateChip(v.state),
      v.current ? h('span', { class: 'badge' }, t('messaging.history.current')) : null,
      v.superseded_at ? [' ', h('span', { class: 'hint' }, t('messaging.library.superseded', { who: personName(v.superseded_by) }), ' ', timeEl(v.superseded_at))] : null),
    h('div', { class: 'bi', dir: 'rtl' }, langBlock('p', 'ar', v.text_ar), langBlock('p', 'en', v.text_en))))));
}

// ---- the form (new or edit) -------------------------------------------------------------------

function messageForm(m, onCancel, onSaved) {
  const pre = m ? `km-${m.id}` : 'km-new';
  const themes = [...ref.themes].sort((a, b) => compare(pick(a, 'name'), pick(b, 'name')));
  const theme = selectField(`${pre}-theme`, t('messaging.library.theme'), themes.map((th) => ({ value: String(th.id), label: pick(th, 'name') })),
    String(m?.theme_id ?? themes[0]?.id ?? ''), { dataset: { testid: 'km-theme' } });
  const owners = entitiesWhere('messaging.key_messages.write', ref.entities);
  const owner = m ? null : selectField(`${pre}-owner`, t('messaging.editor.owner'), owners.map((e) => ({ value: String(e.id), label: pick(e, 'name') })),
    String(owners[0]?.id ?? ''), { dataset: { testid: 'km-owner' } });
  const ar = inputField(`${pre}-ar`, t('messaging.library.text_ar'), { tag: 'textarea', rows: 3, lang: 'ar', value: m?.text_ar, maxlength: 4000, required: true, dataset: { testid: 'km-text-ar-input' } });
  const en = inputField(`${pre}-en`, t('messaging.library.text_en'), { tag: 'textarea', rows: 3, lang: 'en', value: m?.text_en, maxlength: 4000, required: true, dataset: { testid: 'km-text-en-input' } });
  const from = inputField(`${pre}-from`, t('messaging.library.valid_from_label'), { type: 'date', value: m?.valid_from || '', dataset: { testid: 'km-valid-from' } });
  const until = inputField(`${pre}-until`, t('messaging.library.valid_until_label'), { type: 'date', value: m?.valid_until || '', dataset: { testid: 'km-valid-until' } });
  const pointsBox = h('div', { class: 'points' });
  let n = 0;
  const addPoint = (p = { ar: '', en: '' }) => {
    const i = n++;
    const pa = inputField(`${pre}-p${i}-ar`, t('messaging.library.point_ar'), { lang: 'ar', value: p.ar, dataset: { testid: 'km-point-ar' } });
    const pe = inputField(`${pre}-p${i}-en`, t('messaging.library.point_en'), { lang: 'en', value: p.en, dataset: { testid: 'km-point-en' } });
    const row = h('div', { class: 'point-row', dir: 'rtl' }, pa.field, pe.field,
      h('button', { type: 'button', class: 'link-button', onclick: () => row.remove() }, t('messaging.library.point_remove')));
    pointsBox.append(row);
    return pa.input;
  };
  (m?.supporting_points || []).forEach((p) => addPoint(p));
  const error = h('div', { class: 'form-error', role: 'alert', dataset: { testid: 'km-form-error' } });
  const conflict = h('div', {});
  const form = h('form', { class: 'card km-form', novalidate: true, dataset: { testid: 'km-form' }, 'aria-label': t(m ? 'messaging.library.edit' : 'messaging.library.new') },
    h('h3', {}, t(m ? 'messaging.library.edit' : 'messaging.library.new')),
    m?.state === 'approved' ? h('p', { class: 'hint' }, t('messaging.library.reapproval')) : null,
    h('div', { class: 'meta-grid' }, theme.field, owner?.field, from.field, until.field),
    h('div', { class: 'bi', dir: 'rtl' }, ar.field, en.field),
    h('fieldset', { class: 'check-group' }, h('legend', {}, t('messaging.library.points')), pointsBox,
      h('button', { type: 'button', class: 'small', dataset: { testid: 'km-point-add' }, onclick: () => addPoint().focus() }, icon('add'), t('messaging.library.point_add'))),
    error, conflict,
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'primary', dataset: { testid: 'km-save' } }, icon('save'), t('messaging.action.save')),
      h('button', { type: 'button', dataset: { testid: 'km-cancel' }, onclick: onCancel }, t('messaging.action.cancel'))));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    const points = [...pointsBox.querySelectorAll('.point-row')].map((row) => {
      const [a, b] = row.querySelectorAll('input');
      return { ar: a.value.trim(), en: b.value.trim() };
    }).filter((p) => p.ar || p.en);
    const body = {
      theme_id: Number(theme.select.value), text_ar: ar.input.value.trim(), text_en: en.input.value.trim(), supporting_points: points,
      valid_from: from.input.value || null, valid_until: until.input.value || null,
    };
    if (!body.text_ar || !body.text_en) {
      error.textContent = t('messaging.library.text_required');
      (body.text_ar ? en.input : ar.input).focus();
      return;
    }
    try {
      let saved;
      if (m) {
        saved = await api(`/api/v1/key-messages/${m.id}`, { method: 'PATCH', body, headers: { 'If-Match': etag(m.version) } });
        onSaved(saved);
      } else {
        saved = await api('/api/v1/key-messages', { method: 'POST', body: { ...body, owner_entity_id: Number(owner.select.value) } });
        onCancel();
        filters.state = '';
        await paintList();
        listSlot.querySelector(`[data-testid="key-message"][data-id="${saved.id}"] h3`)?.focus();
      }
    } catch (err) {
      if (err.status === 412) replace(conflict, conflictNotice('km-conflict', () => { onCancel(); paintList().catch(ctxRef.notify); }));
      else error.textContent = err.message;
    }
  });
  return form;
}
