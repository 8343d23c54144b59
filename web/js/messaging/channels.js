// Channel variants and the publication outbox of a content item (docs/messaging.md "Channel
// variants", "Publication"), shared by the editor and the review item view.
//
// variantsPanel: one card per channel × language as GET …/variants answers (stored or derived),
// with a live counter from a debounced POST /api/v1/channel-checks (the server counts as the
// platform does: X weights URLs and emoji, others count UTF-16 units, so the browser never counts
// itself) and a save per card (PUT …/variants/{channel}; a 422 shows the server's message on the
// card). Unsaved card texts are kept per item across re-renders (language switch, item save).
//
// publicationsPanel: the outbox rows with their states; manual and failed rows get a "mark as
// posted" form for those who may publish. While a row is pending the list is re-read, since the
// server's dispatcher moves it on shortly after a commit.

import { api, etag } from '../api.js';
import { h, replace } from '../dom.js';
import { t, currentLang, LANGS } from '../i18n.js';
import { can } from '../permissions.js';
import { icon, stateIcon, channelLabel } from '../icons.js';
import { timeEl, byLine } from './common.js';

const CHECK_DELAY_MS = 400;
const POLL_MS = 1000;
const POLL_MAX = 30;

// Unsaved card edits: "item:channel:lang" → {text, hashtags, title}.
const drafts = new Map();
const draftKey = (itemId, v) => `${itemId}:${v.channel}:${v.lang}`;

/** "#a #b" or "a, b" → ["#a", "#b"] (the server validates each one). */
export function parseHashtags(value) {
  return String(value || '').split(/[\s,،]+/).filter(Boolean).map((tag) => (tag.startsWith('#') ? tag : `#${tag}`));
}

// ---- variants -------------------------------------------------------------------------------

/**
 * The "Channel variants" panel of item (loads them itself). Cards are editable when the server
 * says the item is editable and the caller may write content of its owner entity (never with readOnly).
 */
export function variantsPanel(item, { notify, readOnly = false } = {}) {
  const section = h('section', { class: 'variants card', 'aria-labelledby': 'variants-heading', dataset: { testid: 'variants' } },
    h('h2', { id: 'variants-heading' }, t('messaging.variants.heading')),
    h('p', { class: 'hint' }, t('messaging.variants.hint')));
  const body = h('div', { class: 'variants-body', 'aria-busy': 'true' });
  section.append(body);
  load();
  return section;

  async function load() {
    try {
      const answer = await api(`/api/v1/content-items/${encodeURIComponent(item.id)}/variants`);
      const canEdit = !readOnly && !!answer.editable && can('messaging.content.write', item.owner_entity_id);
      const items = answer.items || [];
      if (items.length === 0) {
        replace(body, h('p', { class: 'muted', dataset: { testid: 'variants-empty' } }, t('messaging.variants.empty')));
      } else {
        replace(body,
          canEdit ? null : h('p', { class: 'hint', dataset: { testid: 'variants-readonly' } }, t('messaging.variants.readonly')),
          h('div', { class: 'variant-grid' }, items.map((v) => variantCard(item, v, canEdit, load))));
      }
    } catch (err) {
      replace(body, h('p', { class: 'form-error', role: 'alert' }, err.message));
      if (err.status !== 404) notify?.(err);
    } finally {
      body.removeAttribute('aria-busy');
    }
  }
}

/** attrs for interface text inside a card laid out in the variant's language (labels, counter, messages). */
function uiText(attrs = {}) {
  const lang = currentLang();
  return { lang, dir: LANGS[lang].dir, ...attrs };
}

function variantCard(item, variant, canEdit, reloadPanel) {
  let v = variant;
  const lang = v.lang;
  const dir = LANGS[lang]?.dir || 'auto';
  const base = `variant-${v.channel}-${lang}`;
  const key = draftKey(item.id, v);
  const draft = canEdit ? drafts.get(key) : null;
  const hasTitle = v.title !== null && v.title !== undefined;

  const badge = h('span', uiText({ class: 'badge', dataset: { testid: 'variant-derived' } }));
  const title = hasTitle ? h('input', {
    id: `${base}-title`, type: 'text', lang, dir, readonly: !canEdit, autocomplete: 'off', dataset: { testid: 'variant-title' },
  }) : null;
  const text = h('textarea', {
    id: `${base}-text`, lang, dir, rows: 5, readonly: !canEdit, spellcheck: 'true', 'aria-describedby': `${base}-count ${base}-over`, dataset: { testid: 'variant-text' },
  });
  const tags = h('input', {
    id: `${base}-tags`, type: 'text', lang, dir, readonly: !canEdit, autocomplete: 'off', 'aria-describedby': `${base}-tags-hint`, dataset: { testid: 'variant-hashtags' },
  });
  const titleCount = hasTitle ? h('span', uiText({ class: 'variant-count', dataset: { testid: 'variant-title-count' } })) : null;
  const count = h('span', uiText({ id: `${base}-count`, class: 'variant-count', dataset: { testid: 'variant-count' } }));
  const over = h('p', uiText({ id: `${base}-over`, class: 'variant-over', dataset: { testid: 'variant-over' } }));
  const error = h('div', uiText({ class: 'form-error', role: 'alert', dataset: { testid: 'variant-error' } }));
  const status = h('div', uiText({ class: 'form-status', role: 'status', dataset: { testid: 'variant-status' } }));
  const save = canEdit ? h('button', uiText({ type: 'button', class: 'primary small', dataset: { testid: 'variant-save' }, onclick: () => saveCard() }), icon('save'), t('messaging.variants.save')) : null;
  // A stored variant can be dropped: the text derived from the item applies again.
  const reset = canEdit ? h('button', uiText({ type: 'button', class: 'small', dataset: { testid: 'variant-reset' }, onclick: () => resetCard() }), icon('undo'), t('messaging.variants.reset')) : null; // shown while a stored variant exists

  const card = h('article', {
    class: 'variant', lang, dir, 'aria-labelledby': `${base}-heading`,
    dataset: { testid: 'variant', channel: v.channel, lang },
  },
  h('h3', uiText({ id: `${base}-heading` }), channelLabel(v.channel, t(`messaging.channel.${v.channel}`)), ' · ', t(`messaging.variants.lang_${lang}`), badge),
  hasTitle ? h('div', { class: 'field' }, h('label', uiText({ for: title.id }), t('messaging.variants.title')), title, titleCount) : null,
  h('div', { class: 'field' }, h('label', uiText({ for: text.id }), t('messaging.variants.text')), text),
  h('div', { class: 'variant-meter' }, count),
  over,
  h('div', { class: 'field' }, h('label', uiText({ for: tags.id }), t('messaging.variants.hashtags')), tags,
    h('p', uiText({ id: `${base}-tags-hint`, class: 'hint' }), t('messaging.variants.hashtags_hint'))),
  error,
  canEdit ? h('div', { class: 'card-actions' }, save, reset, status) : null);

  let timer = 0;
  let abort = null;
  let seq = 0;

  fill(v, draft);
  if (draft) schedule(0);
  if (canEdit) {
    for (const el of [text, tags, title].filter(Boolean)) {
      el.addEventListener('input', () => {
        drafts.set(key, values());
        markEdited();
        schedule();
      });
    }
  }
  return card;

  function values() {
    return { text: text.value, hashtags: tags.value, title: title ? title.value : null };
  }

  function fill(answer, kept) {
    text.value = kept ? kept.text : answer.text || '';
    tags.value = kept ? kept.hashtags : (answer.hashtags || []).join(' ');
    if (title) title.value = kept ? kept.title ?? '' : answer.title || '';
    badge.textContent = answer.derived ? t('messaging.variants.derived') : t('messaging.variants.stored', { version: answer.version });
    badge.dataset.derived = String(!!answer.derived);
    card.classList.toggle('derived', !!answer.derived);
    if (reset) reset.hidden = !!answer.derived;
    if (kept) markEdited();
    paintCount(answer);
  }

  function markEdited() {
    badge.textContent = t('messaging.variants.edited');
    badge.dataset.derived = 'false';
    card.classList.remove('derived');
    card.classList.add('edited');
  }

  /** The counter from a Variant or a channel check answer. */
  function paintCount(check) {
    const len = check.length || {};
    const lengthOk = len.ok !== false;
    count.dataset.ok = String(lengthOk);
    count.dataset.counted = String(len.counted ?? '');
    count.classList.toggle('over', !lengthOk);
    count.textContent = len.limit == null
      ? t('messaging.variants.count_unlimited', { counted: len.counted ?? 0 })
      : t('messaging.variants.count', { counted: len.counted ?? 0, limit: len.limit, unit: t(`messaging.variants.unit_${len.unit}`) });
    const reasons = [];
    if (!lengthOk) {
      reasons.push(t('messaging.variants.over', {
        over: -(len.remaining ?? 0), limit: len.limit, unit: t(`messaging.variants.unit_${len.unit}`), channel: t(`messaging.channel.${check.channel || v.channel}`),
      }));
      if (len.unit === 'weighted') reasons.push(t('messaging.variants.weighted_rule'));
    }
    if (titleCount && check.title_length) {
      const tl = check.title_length;
      titleCount.dataset.ok = String(tl.ok !== false);
      titleCount.classList.toggle('over', tl.ok === false);
      titleCount.textContent = t('messaging.variants.count', { counted: tl.counted ?? 0, limit: tl.limit, unit: t(`messaging.variants.unit_${tl.unit}`) });
      if (tl.ok === false) reasons.push(t('messaging.variants.title_over', { over: -(tl.remaining ?? 0), limit: tl.limit }));
    }
    if (check.max_hashtags != null && check.hashtag_count > check.max_hashtags) {
      reasons.push(t('messaging.variants.too_many_hashtags', { used: check.hashtag_count, max: check.max_hashtags }));
    }
    if (check.invalid_hashtags?.length) {
      reasons.push(t('messaging.variants.bad_hashtags', { tags: check.invalid_hashtags.join(' ') }));
    }
    if (check.forbidden) reasons.push(t('messaging.variants.forbidden', { chars: check.forbidden }));
    over.textContent = reasons.join(' ');
    card.classList.toggle('not-ok', reasons.length > 0);
    card.dataset.ok = String(check.ok !== false);
  }

  function schedule(delay = CHECK_DELAY_MS) {
    clearTimeout(timer);
    count.setAttribute('aria-busy', 'true');
    timer = setTimeout(() => check().catch((err) => {
      if (err.name !== 'AbortError') over.textContent = err.message;
    }), delay);
  }

  async function check() {
    const mine = ++seq;
    abort?.abort();
    abort = new AbortController();
    const body = { channel: v.channel, text: text.value.normalize('NFC'), hashtags: parseHashtags(tags.value) };
    if (title) body.title = title.value.normalize('NFC');
    const answer = await api('/api/v1/channel-checks', { method: 'POST', body, signal: abort.signal });
    if (mine !== seq || !card.isConnected) return;
    count.removeAttribute('aria-busy');
    paintCount(answer);
  }

  async function resetCard() {
    error.textContent = '';
    reset.disabled = true;
    try {
      await api(`/api/v1/content-items/${encodeURIComponent(item.id)}/variants/${encodeURIComponent(v.channel)}?lang=${lang}`, { method: 'DELETE' });
      drafts.delete(key);
      await reloadPanel();
    } catch (err) {
      if (err.name === 'AbortError') return;
      error.textContent = err.message;
      reset.disabled = false;
    }
  }

  async function saveCard() {
    error.textContent = '';
    status.textContent = '';
    const body = { lang, text: text.value.normalize('NFC'), hashtags: parseHashtags(tags.value) };
    if (title) body.title = title.value.normalize('NFC');
    const headers = v.version ? { 'If-Match': etag(v.version) } : {};
    save.disabled = true;
    card.setAttribute('aria-busy', 'true');
    try {
      const saved = await api(`/api/v1/content-items/${encodeURIComponent(item.id)}/variants/${encodeURIComponent(v.channel)}`, {
        method: 'PUT', body, headers,
      });
      v = saved;
      drafts.delete(key);
      seq++; // an answer to an older check must not repaint over the saved one
      card.classList.remove('edited');
      fill(saved, null);
      status.textContent = t('messaging.variants.saved', { version: saved.version });
    } catch (err) {
      if (err.name === 'AbortError') return;
      error.textContent = err.status === 412 ? t('messaging.variants.stale') : err.message;
      ({ title, text, hashtags: tags }[err.field] || text)?.focus();
    } finally {
      save.disabled = false;
      card.removeAttribute('aria-busy');
    }
  }
}

// ---- publications ---------------------------------------------------------------------------

const POSTABLE = ['manual', 'failed'];

/** The "Publications" panel of item: its outbox rows (loads them itself, re-reads while pending). */
export function publicationsPanel(item, { notify } = {}) {
  const section = h('section', { class: 'publications card', 'aria-labelledby': 'publications-heading', dataset: { testid: 'publications' } });
  const list = h('div', { class: 'publications-body', 'aria-live': 'polite' });
  const refresh = h('button', { type: 'button', class: 'small', dataset: { testid: 'publications-refresh' }, onclick: () => load() }, icon('refresh'), t('messaging.publications.refresh'));
  section.append(
    h('div', { class: 'section-head' }, h('h2', { id: 'publications-heading' }, t('messaging.publications.heading')), refresh),
    h('p', { class: 'hint' }, t('messaging.publications.hint')),
    list);
  const canPost = can('messaging.content.publish', item.owner_entity_id);
  let polls = 0;
  let timer = 0;
  load();
  return section;

  async function load() {
    clearTimeout(timer);
    section.setAttribute('aria-busy', 'true');
    try {
      const answer = await api(`/api/v1/content-items/${encodeURIComponent(item.id)}/publications`);
      if (!section.isConnected && polls > 0) return;
      const rows = answer.items || [];
      paint(rows);
      // The dispatcher moves pending rows on right after the publishing commit: follow it a while.
      if (rows.some((r) => r.state === 'pending') && polls < POLL_MAX) {
        polls++;
        timer = setTimeout(() => { if (section.isConnected) load(); }, POLL_MS);
      }
    } catch (err) {
      replace(list, h('p', { class: 'form-error', role: 'alert' }, err.message));
      notify?.(err);
    } finally {
      section.removeAttribute('aria-busy');
    }
  }

  function paint(rows) {
    if (rows.length === 0) {
      replace(list, h('p', { class: 'muted', dataset: { testid: 'publications-empty' } }, t('messaging.publications.empty')));
      return;
    }
    replace(list, h('ul', { class: 'publication-list' }, rows.map(row)));
  }

  function row(p) {
    const details = [];
    details.push(t('messaging.publications.attempts', { count: p.attempts ?? 0 }));
    if (p.last_error) details.push(h('span', { class: 'pub-error', dataset: { testid: 'publication-last-error' } }, t('messaging.publications.last_error', { error: p.last_error })));
    // delivered_at is also stamped when a person records the post; it is shown with the post there.
    const when = p.delivered_at && p.state === 'delivered' ? [t('messaging.publications.delivered_at'), ' ', timeEl(p.delivered_at)] : null;
    const link = p.posted_url ? h('a', { href: p.posted_url, rel: 'noopener noreferrer', target: '_blank', dir: 'ltr', dataset: { testid: 'publication-link' } }, p.posted_url) : null;
    const li = h('li', { class: `publication pub-${p.state}`, dataset: { testid: 'publication', id: String(p.id), state: p.state, channel: p.channel, lang: p.lang } },
      h('div', { class: 'pub-head' },
        h('span', { class: 'pub-channel' }, channelLabel(p.channel, t(`messaging.channel.${p.channel}`)), ' · ', t(`messaging.variants.lang_${p.lang}`)),
        h('span', { class: `chip pub-state pub-state-${p.state}`, dataset: { testid: 'publication-state' } }, stateIcon(p.state), t(`messaging.publication_state.${p.state}`))),
      h('p', { class: 'muted pub-meta' }, details.map((d, i) => [i ? ' · ' : null, d]), when ? [' · ', when] : null),
      p.payload?.post ? h('p', { class: 'pub-post', lang: p.lang, dir: LANGS[p.lang]?.dir || 'auto' }, p.payload.post) : null,
      link ? h('p', { class: 'pub-posted' }, t('messaging.publications.posted_at'), ' ', link, ' · ', byLine(p.posted_by, p.delivered_at || p.updated_at)) : null);
    if (POSTABLE.includes(p.state) && canPost) li.append(postedForm(p), retryButton(p));
    return li;
  }

  /** Sends a failed or manual row again (after an endpoint was fixed or configured). */
  function retryButton(p) {
    const error = h('span', { class: 'form-error', role: 'alert', dataset: { testid: 'publication-retry-error' } });
    const button = h('button', { type: 'button', class: 'small', dataset: { testid: 'publication-retry' } }, icon('refresh'), t('messaging.publications.retry'));
    button.addEventListener('click', async () => {
      error.textContent = '';
      button.disabled = true;
      try {
        await api(`/api/v1/publications/${encodeURIComponent(p.id)}/retry`, {
          method: 'POST', body: {}, headers: p.version ? { 'If-Match': etag(p.version) } : {},
        });
        polls = 0;
        await load();
      } catch (err) {
        error.textContent = err.status === 412 ? t('messaging.publications.stale') : err.message;
        button.disabled = false;
      }
    });
    return h('p', { class: 'pub-retry' }, button, error);
  }

  function postedForm(p) {
    const id = `publication-url-${p.id}`;
    const input = h('input', { id, type: 'url', dir: 'ltr', required: true, placeholder: 'https://', inputmode: 'url', autocomplete: 'off', dataset: { testid: 'publication-url' } });
    const error = h('div', { class: 'form-error', role: 'alert', dataset: { testid: 'publication-error' } });
    const button = h('button', { type: 'submit', class: 'primary small', dataset: { testid: 'publication-posted' } }, icon('link'), t('messaging.publications.mark_posted'));
    const form = h('form', { class: 'pub-form', novalidate: true },
      h('label', { for: id }, t('messaging.publications.url')), input, button, error);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      error.textContent = '';
      const url = input.value.trim();
      if (!/^https?:\/\/\S+$/i.test(url)) {
        error.textContent = t('messaging.publications.url_invalid');
        input.focus();
        return;
      }
      button.disabled = true;
      try {
        await api(`/api/v1/publications/${encodeURIComponent(p.id)}/posted`, {
          method: 'POST', body: { url }, headers: p.version ? { 'If-Match': etag(p.version) } : {},
        });
        await load();
        section.querySelector(`[data-testid="publication"][data-id="${p.id}"] [data-testid="publication-state"]`)?.setAttribute('tabindex', '-1');
        section.querySelector(`[data-testid="publication"][data-id="${p.id}"] [data-testid="publication-state"]`)?.focus();
      } catch (err) {
        error.textContent = err.status === 412 ? t('messaging.publications.stale') : err.message;
        button.disabled = false;
      }
    });
    return form;
  }
}
