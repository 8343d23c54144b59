// Form pieces every capability's pages share: a labelled field (label, control, optional hint and
// error slot, wired with for/id and aria-describedby), the input, textarea and select built on it,
// a problem answer shown beside the field it names, and the "changed by someone else" notice of a
// 412 answer.
//
//   const title = inputField('form-title', titleLabel, { maxlength: 200, hint: hintText, error: true });
//   form.append(title.field);  … title.input.value, title.error.textContent = message
//   const owner = selectField('form-owner', ownerLabel, [{ value: '1', label: 'A' }], '1');
//   const note = field(h('textarea', { id: 'note' }), noteLabel);  // any control with an id

import { h } from './dom.js';
import { icon } from './icons.js';
import { t, LANGS } from './i18n.js';

/**
 * Wraps a control (which has an id) in a `div.field` with its label, then a hint (`p.hint#<id>-hint`)
 * and an error slot (`p.field-error#<id>-error`, empty until a message is written) when asked;
 * the control is described by both. Returns { field, control, hint, error }.
 */
export function field(control, labelText, { hint, error = false, labelAttrs = {} } = {}) {
  const id = control.id;
  const hintEl = hint ? h('p', { id: `${id}-hint`, class: 'hint' }, hint) : null;
  const errorEl = error ? h('p', { id: `${id}-error`, class: 'field-error' }) : null;
  const described = [control.getAttribute('aria-describedby'), hintEl?.id, errorEl?.id].filter(Boolean);
  if (described.length) control.setAttribute('aria-describedby', [...new Set(described.join(' ').split(' '))].join(' '));
  return {
    field: h('div', { class: 'field' }, h('label', { for: id, ...labelAttrs }, labelText), control, hintEl, errorEl),
    control,
    hint: hintEl,
    error: errorEl,
  };
}

/**
 * A labelled input or textarea (tag: 'textarea'); lang sets its language and direction; other
 * options are attributes (type, maxlength, required, dataset, …). Returns { field, input, error }.
 */
export function inputField(id, labelText, { tag = 'input', value = '', lang, hint, error, ...attrs } = {}) {
  const input = h(tag, {
    id, name: id, type: tag === 'input' && !attrs.type ? 'text' : undefined, lang, dir: lang ? LANGS[lang].dir : attrs.dir, ...attrs,
  });
  input.value = value ?? '';
  const built = field(input, labelText, { hint, error });
  return { field: built.field, input, error: built.error };
}

/** A labelled select of options [{value, label}] set to value; returns { field, select, error }. */
export function selectField(id, labelText, options, value, { hint, error, ...attrs } = {}) {
  const select = h('select', { id, ...attrs }, options.map((o) => h('option', { value: o.value }, o.label)));
  select.value = value ?? '';
  const built = field(select, labelText, { hint, error });
  return { field: built.field, select, error: built.error };
}

/**
 * Shows a problem answer (api.js's error: message, field) beside the field it names. `fields` maps
 * request members to what field(), inputField() or selectField() returned; a path such as
 * "consulted[1]" or "/due_date" names its first member. Without such a field the message goes into
 * `general` (when given). Returns the control it marked aria-invalid, or null.
 */
export function showFieldProblem(err, fields, general = null) {
  const name = String(err.field || '').replace(/^\//, '').split(/[./[]/)[0];
  const target = name && Object.hasOwn(fields, name) ? fields[name] : null;
  if (!target || !target.error) {
    if (general) general.textContent = err.message;
    return null;
  }
  target.error.textContent = err.message;
  const control = target.control || target.input || target.select;
  control.setAttribute('aria-invalid', 'true');
  return control;
}

/**
 * A fieldset of checkboxes (or radios: type 'radio', one name) over options [{value, label}], those
 * in `chosen` ticked; `onChange(values)` gets the ticked values after each change. Each box's id is
 * `<id>-<value>`, the fieldset's data-testid is `id`. An option's `icon()`, when given, draws an icon
 * before its label (channelOptions in reference.js).
 */
export function choiceGroup(id, legend, options, chosen, { type = 'checkbox', onChange, required = false } = {}) {
  const group = h('fieldset', { class: 'check-group', id, dataset: { testid: id } },
    h('legend', {}, legend),
    h('div', { class: 'check-list' }, options.map((o) => {
      const boxId = `${id}-${o.value}`;
      return h('div', { class: 'choice' },
        h('input', { type, id: boxId, name: id, value: String(o.value), required: required && type === 'radio', checked: chosen.map(String).includes(String(o.value)) }),
        h('label', { for: boxId }, o.icon ? o.icon() : null, o.label));
    })));
  if (onChange) {
    group.addEventListener('change', () => onChange([...group.querySelectorAll('input:checked')].map((box) => box.value)));
  }
  return group;
}

/** The "changed by someone else" notice with a reload button (a 412 answer). */
export function conflictNotice(testid, onReload) {
  return h('div', { class: 'conflict-notice', role: 'alert', dataset: { testid } },
    h('p', {}, t('common.conflict.text')),
    h('button', { type: 'button', class: 'primary', dataset: { testid: `${testid}-reload` }, onclick: onReload }, icon('refresh'), t('common.conflict.reload')));
}

/** A block of text in its own language and direction (Arabic right to left, English left to right). */
export function langBlock(tag, lang, text, attrs = {}) {
  return h(tag, { lang, dir: LANGS[lang].dir, ...attrs }, text);
}
