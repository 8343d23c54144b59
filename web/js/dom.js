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

/**
 * Names each body cell of the data tables under `root` after its column (data-label), so that on
 * phones, where CSS lays every row out as a card, each value keeps its heading. Tables marked
 * `.matrix` stay grids (they scroll inside their wrapper instead).
 */
export function labelTableCells(root) {
  for (const table of root.querySelectorAll('table.data:not(.matrix)')) {
    const heads = [...(table.tHead?.rows[0]?.cells || [])].map((c) => c.textContent.trim());
    if (!heads.length) continue;
    table.classList.add('cards');
    for (const body of table.tBodies) {
      for (const row of body.rows) {
        let column = 0;
        for (const cell of row.cells) {
          const label = heads[column] || '';
          if (cell.dataset.label !== label) cell.dataset.label = label;
          column += cell.colSpan || 1;
        }
      }
    }
  }
}

let dialogSeq = 0;

/**
 * A modal confirmation (<dialog>): resolves true when the person confirms, false when they cancel
 * or press Escape. Focus starts on the safe choice (or on `focus`) and returns to `opener`
 * afterwards. `content` is more of the form under the text (e.g. a reason to give); `check()`,
 * when given, runs on confirming and keeps the dialog open while it answers false (having marked
 * what is missing).
 */
export function confirmDialog({
  title, body, confirm, cancel, testid = 'confirm-dialog', danger = false, opener = document.activeElement, content = null, check = null, focus = null,
}) {
  const id = `confirm-${++dialogSeq}`;
  const cancelButton = h('button', { type: 'submit', value: 'cancel', dataset: { testid: `${testid}-cancel` } }, cancel);
  const dialog = h('dialog', { class: 'confirm-dialog', 'aria-labelledby': `${id}-title`, 'aria-describedby': `${id}-body`, dataset: { testid } },
    h('form', { method: 'dialog', novalidate: true },
      h('h2', { id: `${id}-title` }, title),
      h('p', { id: `${id}-body` }, body),
      content,
      h('div', { class: 'dialog-actions' },
        h('button', { type: 'submit', value: 'confirm', class: danger ? 'danger' : 'primary', dataset: { testid: `${testid}-confirm` } }, confirm),
        cancelButton)));
  dialog.querySelector('form').addEventListener('submit', (e) => {
    if (check && e.submitter?.value === 'confirm' && !check()) e.preventDefault();
  });
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      const confirmed = dialog.returnValue === 'confirm';
      dialog.remove();
      if (opener?.isConnected) opener.focus();
      resolve(confirmed);
    });
    document.body.append(dialog);
    dialog.showModal();
    (focus || cancelButton).focus();
  });
}

/**
 * Copies the text of `input` (a secret shown once). Resolves to whether it worked; without the
 * clipboard API (or when it is refused) the text is selected and the old copy command tried, and
 * it stays selected when that fails too, so the person can copy it by hand.
 */
export async function copyFromInput(input) {
  let ok = false;
  try {
    await navigator.clipboard.writeText(input.value);
    ok = true;
  } catch {
    input.focus();
    input.select();
    try {
      ok = document.execCommand('copy');
    } catch {
      ok = false;
    }
  }
  if (!ok) input.select();
  return ok;
}
