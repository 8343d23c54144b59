// Reference data every capability's pages share: the server's vocabularies (GET /api/v1/vocabularies:
// channels, kinds, states, statuses, audiences, … each declared once by its module, with Arabic and
// English labels; fixed in code, so loaded once per visit) and the network's entities and themes
// (GET /api/v1/entities, GET /api/v1/themes; cached, reloaded when a page is opened anew). Pages
// never keep their own copy of a list of codes.

import { api, listAll } from './api.js';
import { channelIcon } from './icons.js';
import { pick } from './i18n.js';

let vocabularies = null; // name -> terms
let loading = null;

export async function loadVocabularies() {
  if (vocabularies) return;
  loading ||= api('/api/v1/vocabularies').then((answer) => {
    vocabularies = new Map((answer?.items || []).map((v) => [v.name, v.terms]));
  }).finally(() => { loading = null; });
  await loading;
}

/** The codes of a vocabulary, in the server's order; `where(term)` keeps some (terms carry attributes, e.g. channels' publishable). */
export function codes(name, where = () => true) {
  return (vocabularies?.get(name) || []).filter(where).map((term) => term.code);
}

/** A vocabulary's term (code, labels and attributes such as a severity's level), or null. */
export function term(name, code) {
  return (vocabularies?.get(name) || []).find((x) => x.code === code) || null;
}

/** A code's label in the page's language (the code itself when unknown). */
export function termLabel(name, code) {
  const term = (vocabularies?.get(name) || []).find((x) => x.code === code);
  return term ? pick(term, 'label') : String(code ?? '');
}

/**
 * The label of `code` in whichever vocabulary named "*<suffix>" holds it (e.g. the kinds each
 * module's calendar source declares as "<module>_calendar_kinds"); null when none does.
 */
export function labelBySuffix(suffix, code) {
  for (const [name, terms] of vocabularies || []) {
    if (!name.endsWith(suffix)) continue;
    const term = terms.find((x) => x.code === code);
    if (term) return pick(term, 'label');
  }
  return null;
}

/** A vocabulary as select options labelled in the page's language. */
export function vocabularyOptions(name, where) {
  return codes(name, where).map((code) => ({ value: code, label: termLabel(name, code) }));
}

/** The channels as options for a list of boxes: each also draws its channel's icon (`icon()`). */
export function channelOptions(where) {
  return vocabularyOptions('channels', where).map((o) => ({ ...o, icon: () => channelIcon(o.value) }));
}

// ---- entities and themes ----------------------------------------------------------------------

const cache = { entities: null, themes: null };

/** All entities and themes (and the vocabularies, once); fresh = true reloads the entities and
 * themes (a page opened anew). Resolves to { entities, themes }. */
export async function loadReference(fresh = false) {
  if (fresh || !cache.entities) cache.entities = await listAll('/api/v1/entities');
  if (fresh || !cache.themes) {
    const answer = await api('/api/v1/themes');
    cache.themes = answer?.items || [];
  }
  await loadVocabularies();
  return cache;
}

/** The cached entities and themes ({ entities, themes }; null before loadReference). */
export function reference() {
  return cache;
}

export function entityName(id) {
  const e = cache.entities?.find((x) => String(x.id) === String(id));
  return e ? pick(e, 'name') : String(id ?? '');
}

export function themeName(code) {
  const th = cache.themes?.find((x) => x.code === code || String(x.id) === String(code));
  return th ? pick(th, 'name') : String(code ?? '');
}
