// The network admins' switch on the home page: "Pause publishing" opens a dialog asking why
// (required: every affected entity reads it), which entities (none ticked: every entity) and which
// channels (none ticked: every channel), then POST /api/v1/publishing-pauses. The shell's banner
// (pauses.js) shows the pause at once. What was chosen stays for the next opening until a pause
// is made, so a refusal costs no retyping.

import { api } from '../api.js';
import { h } from '../dom.js';
import { t, pick, compare } from '../i18n.js';
import { choiceGroup } from '../fields.js';
import { reference, channelOptions } from '../reference.js';
import { reasonDialog, pausesChanged, canPauseAll } from '../pauses.js';
import { icon } from '../icons.js';

let draft = { reason: '', entity_ids: [], channels: [] };

/** The button for network admins (null for everyone else); the page has loaded the reference data. */
export function pauseButton(notify) {
  if (!canPauseAll()) return null;
  return h('button', { type: 'button', class: 'danger-outline home-pause', dataset: { testid: 'home-pause' }, onclick: (e) => openPause(e.currentTarget, notify) },
    icon('pause'), t('home.pause.button'));
}

async function openPause(opener, notify) {
  const entities = [...(reference().entities || [])].sort((a, b) => compare(pick(a, 'name'), pick(b, 'name')))
    .map((e) => ({ value: String(e.id), label: pick(e, 'name') }));
  const choices = h('div', { class: 'pause-choices' },
    choiceGroup('pause-entities', t('home.pause.entities'), entities, draft.entity_ids, { onChange: (values) => { draft.entity_ids = values; } }),
    h('p', { class: 'hint' }, t('home.pause.entities_hint')),
    choiceGroup('pause-channels', t('home.pause.channels'), channelOptions((term) => term.publishable), draft.channels,
      { onChange: (values) => { draft.channels = values; } }),
    h('p', { class: 'hint' }, t('home.pause.channels_hint')));
  const { confirmed, reason } = await reasonDialog({
    testid: 'pause-dialog', title: t('home.pause.title'), body: t('home.pause.body'), confirm: t('home.pause.confirm'),
    required: true, danger: true, reason: draft.reason, content: choices, opener,
  });
  draft.reason = reason;
  if (!confirmed) return;
  const body = { reason };
  if (draft.entity_ids.length) body.entity_ids = draft.entity_ids.map(Number);
  if (draft.channels.length) body.channels = draft.channels;
  try {
    await api('/api/v1/publishing-pauses', { method: 'POST', body });
  } catch (err) {
    notify(err);
    return;
  }
  draft = { reason: '', entity_ids: [], channels: [] };
  pausesChanged();
}
