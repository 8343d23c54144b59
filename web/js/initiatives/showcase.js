// Best-initiatives showcase (#/showcase): the initiatives the network admins featured
// (GET /api/v1/initiatives/showcase), as cards with their outcomes, measured results and the
// citation note.

import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { t, pick } from '../i18n.js';
import { loadReference, entityName, themeName, period, outcomesText, resultsList, chips } from './shared.js';

export const modules = ['initiatives'];
export const titleKey = 'initiatives.showcase.title';

const state = { ref: null, items: null };

export async function render(main, args, ctx) {
  if (!state.ref || ctx.changedPage) {
    const [ref, showcase] = await Promise.all([loadReference(), api('/api/v1/initiatives/showcase')]);
    state.ref = ref;
    state.items = showcase.items;
  }
  main.dataset.page = 'showcase';
  const ref = state.ref;
  replace(main,
    h('div', { class: 'page-head' },
      h('h1', { id: 'showcase-title', tabindex: '-1' }, t('initiatives.showcase.title')),
      h('p', { class: 'muted' }, t('initiatives.showcase.lead'))),
    state.items.length === 0
      ? h('p', { class: 'empty-state', dataset: { testid: 'showcase-list' } }, t('initiatives.showcase.empty'))
      : h('ul', { class: 'showcase-list', dataset: { testid: 'showcase-list' } }, state.items.map((i) =>
        h('li', { class: 'card showcase-card', dataset: { testid: 'showcase-card', id: String(i.id) } },
          h('h2', {}, h('a', { href: `#/initiatives/${i.id}` }, pick(i, 'title'))),
          h('p', { class: 'muted' }, entityName(ref, i.owner_entity_id), ' · ', period(i)),
          chips(i.themes, (c) => themeName(ref, c)),
          resultsList(i),
          outcomesText(i) ? h('p', {}, outcomesText(i)) : null,
          h('blockquote', { class: 'citation' }, i.showcase_note)))));
}
