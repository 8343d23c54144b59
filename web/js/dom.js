// Tiny DOM helpers. Text always goes in as text nodes (never innerHTML), so server data
// cannot inject markup.

/**
 * h('a', {href: '#/x', class: 'k', dataset: {testid: 'y'}, onclick: fn}, 'text', child, [more])
 * Attributes whose value is null/undefined/false are left out; true gives an empty attribute.
 * dataset entries that are null/undefined are left out too (not written as "null").
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'dataset') {
      for (const [dk, dv] of Object.entries(v)) if (dv !== null && dv !== undefined) el.dataset[dk] = dv;
    } else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** Replaces all children of el. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

const COLOR = /^#(?:[0-9a-f]{3}|[0-9a-f]{4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;

/** A colour swatch for an entity colour ('#rrggbb'); other values fall back to the neutral swatch. */
export function swatch(color, extraClass = '') {
  const el = h('span', { class: `swatch ${extraClass}`.trim(), 'aria-hidden': 'true' });
  // CSSOM writes are allowed under CSP style-src 'self' (style attributes are not).
  if (typeof color === 'string' && COLOR.test(color)) el.style.setProperty('--swatch', color);
  return el;
}

/** Normalizes text for client-side matching: case, Arabic diacritics/tatweel, letter variants. */
export function fold(s) {
  return String(s || '')
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]/g, '')
    .replace(/[\u0622\u0623\u0625\u0671]/g, '\u0627') // alef variants -> ا
    .replace(/\u0649/g, '\u064a') // alef maqsura -> ya
    .replace(/\u0629/g, '\u0647') // ta marbuta -> ha
    .replace(/[\u0624]/g, '\u0648')
    .replace(/[\u0626]/g, '\u064a')
    .replace(/\s+/g, ' ')
    .trim();
}
