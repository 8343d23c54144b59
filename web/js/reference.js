// Reference data every capability's pages share: the server's vocabularies (GET /api/v1/vocabularies:
// channels, kinds, states, statuses, audiences, … each declared once by its module, with Arabic and
// English labels). Pages never keep their own copy of a list of codes. Vocabularies are fixed in
// code, so they are loaded once per visit.

import { api } from './api.js';
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

/** A code's label in the page's language (the code itself when unknown). */
export function termLabel(name, code) {
  const term = (vocabularies?.get(name) || []).find((x) => x.code === code);
  return term ? pick(term, 'label') : String(code ?? '');
}

/** A vocabulary as select options labelled in the page's language. */
export function vocabularyOptions(name, where) {
  return codes(name, where).map((code) => ({ value: code, label: termLabel(name, code) }));
}
