// Evidence files, wherever they are attached (an assessment item, an activity): the list with
// download links, size and who uploaded them; the file input behind a label in the page's language;
// sending the chosen files one by one (raw bytes, the browser's type) with progress and errors
// through the caller's own status and alert.

import { api } from '../api.js';
import { h, confirmDialog } from '../dom.js';
import { actionMenu } from '../menu.js';
import { t, formatDateTime } from '../i18n.js';
import { personName } from '../people.js';
import { icon } from '../icons.js';

export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;
export const ACCEPT = '.pdf,.png,.jpg,.jpeg,.webp,.docx,.xlsx,.pptx,.txt,.csv,application/pdf,image/png,image/jpeg,image/webp,text/plain,text/csv';

export const fileSize = (bytes) => (bytes < 1024 ? t('strategy.evidence.bytes', { size: bytes })
  : t('strategy.evidence.size', { size: Math.round(bytes / 102.4) / 10 }));

/**
 * The list items of `files` (or one "none" item): each links to `href(file)` for download; with
 * `onRemove`, its overflow menu's "remove" calls it with the file and the menu button (to return
 * focus to).
 */
export function evidenceItems(files, { href, onRemove = null }) {
  if (!files.length) return [h('li', { class: 'muted' }, t('strategy.evidence.none'))];
  return files.map((e) => h('li', { dataset: { testid: 'evidence-item', id: String(e.id) } },
    h('a', { href: href(e), download: e.file_name, dataset: { testid: 'evidence-download' } }, h('bdi', {}, e.file_name)),
    h('span', { class: 'muted' }, ' · ', fileSize(e.size),
      ' · ', t('strategy.evidence.by', { who: personName(e.uploaded_by), when: formatDateTime(e.uploaded_at) })),
    onRemove ? actionMenu({
      label: t('strategy.evidence.menu_label', { name: e.file_name }),
      testid: 'evidence-menu',
      className: 'evidence-menu',
      items: [{ label: t('strategy.evidence.remove'), danger: true, testid: 'evidence-remove', icon: 'delete', onSelect: (opener) => onRemove(e, opener) }],
    }) : null));
}

/** A file input (several files at once) behind `label`, with the accepted kinds as its hint. */
export function fileInput(id, label, onChange) {
  const input = h('input', {
    type: 'file', id, class: 'file-input', accept: ACCEPT, multiple: true, 'aria-describedby': `${id}-hint`, dataset: { testid: 'evidence-input' },
  });
  input.addEventListener('change', () => onChange(input));
  return h('div', { class: 'evidence-upload' },
    input, h('label', { for: id, class: 'file-button' }, icon('upload'), label),
    h('p', { id: `${id}-hint`, class: 'hint' }, t('strategy.evidence.hint')));
}

/**
 * Sends the input's files to `path` (POST, query `name` plus `query`), one after another; too large
 * ones are refused here. `say` reports progress, `fail` each error. Answers the names sent.
 */
export async function sendFiles(input, path, query, { say, fail }) {
  const done = [];
  try {
    for (const file of [...input.files]) {
      if (file.size > MAX_EVIDENCE_BYTES) {
        fail(new Error(t('strategy.evidence.too_large', { name: file.name })));
        continue;
      }
      say(t('strategy.evidence.uploading', { name: file.name }));
      try {
        await api(path, {
          method: 'POST', query: { ...query, name: file.name }, raw: file,
          headers: { 'Content-Type': file.type || 'application/octet-stream' },
        });
        done.push(file.name);
      } catch (err) {
        fail(err);
      }
    }
  } finally {
    input.value = '';
  }
  return done;
}

/** Asks before a file is removed (`body` says from what); answers whether to go ahead. */
export function confirmRemoval(body, opener) {
  return confirmDialog({
    title: t('strategy.evidence.remove_title'),
    body,
    confirm: t('strategy.evidence.remove'),
    cancel: t('strategy.action.cancel'),
    testid: 'evidence-remove-dialog',
    danger: true,
    opener,
  });
}
