// Pieces both initiative pages (#/initiatives and #/showcase) use: the reference data (entities
// and themes), dates and figures in the current language and digits, the status chip and the
// measured-results list. What the caller may do comes from js/permissions.js.

import { api, listAll } from '../api.js';
import { h } from '../dom.js';
import { t, pick, formatNumber } from '../i18n.js';
import { loadVocabularies } from '../reference.js';
import { formatDay } from '../days.js';
import { stateIcon } from '../icons.js';

export { formatDay };

/** The steps the server allows from each status (docs/initiatives.md). */
export const NEXT = { planned: ['active', 'cancelled'], active: ['completed', 'cancelled'], completed: [], cancelled: [] };

/** Entities (by id) and themes, loaded once per visit to a page. */
export async function loadReference() {
  const [entities, themes] = await Promise.all([
    listAll('/api/v1/entities'),
    api('/api/v1/themes'),
    loadVocabularies(),
  ]);
  return { entities: new Map(entities.map((e) => [e.id, e])), themes: themes?.items || [] };
}

export function entityName(ref, id) {
  const e = ref.entities.get(id);
  return e ? pick(e, 'name') : `#${formatNumber(id)}`;
}

export function themeName(ref, code) {
  const theme = ref.themes.find((x) => x.code === code);
  return theme ? pick(theme, 'name') : code;
}

export function period(item) {
  return t('initiatives.period', { start: formatDay(item.start_date), end: formatDay(item.end_date) });
}

export function statusChip(status) {
  return h('span', { class: `chip initiative-${status}`, dataset: { testid: 'initiative-status', status } },
    stateIcon(status), t(`initiatives.status.${status}`));
}

/** The text of the outcomes in the current language (the other language when it is missing). */
export function outcomesText(item) {
  return pick(item, 'outcomes');
}

/** The measured results as figure cards: value (with its unit) over its label. */
export function resultsList(item) {
  if (!item.results?.length) return null;
  return h('ul', { class: 'results', dataset: { testid: 'initiative-results' } },
    item.results.map((r) => h('li', { class: 'result', dataset: { testid: 'initiative-result' } },
      h('span', { class: 'result-value' }, formatNumber(r.value), r.unit ? h('span', { class: 'result-unit' }, r.unit) : null),
      h('span', { class: 'result-label' }, pick(r, 'label')))));
}

export function chips(values, label) {
  if (!values?.length) return h('span', { class: 'none' }, t('initiatives.none'));
  return h('ul', { class: 'chips' }, values.map((v) => h('li', { class: 'chip' }, label(v))));
}
