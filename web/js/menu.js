// The overflow ("more actions") menu: the place for the actions one seldom takes, the destructive
// ones above all (revoke, retire, delete, lift, remove), so that they do not sit beside the everyday
// buttons. A menu button (aria-haspopup="menu", aria-expanded) over a role="menu" list of
// role="menuitem" buttons, following the WAI-ARIA menu button pattern:
//   - Enter, Space or ArrowDown on the button opens the menu on its first item, ArrowUp on its last;
//   - ArrowDown/ArrowUp move through the items (wrapping), Home/End go to the first/last;
//   - Escape closes and returns focus to the button; Tab closes (focus moves on from the button);
//   - a click or a touch outside closes it.
// Choosing an item closes the menu, puts focus back on the button and calls the item's
// `onSelect(button)`, so a confirmation dialog opened there returns focus to the button.
//
// Placement: the list is position: fixed (so a scrolling table wrapper cannot clip it), under the
// button and aligned with the button's inline-end edge, opening toward the inline-start side in
// either direction; it is moved back inside the viewport when it would cross an edge, so it never
// widens the page (CSSOM only, CSP allows no style attributes).

import { h } from './dom.js';
import { icon } from './icons.js';
import { t } from './i18n.js';

let menuSeq = 0;
let openMenu = null; // the one open menu's close(), if any

const MARGIN = 8; // px kept between the list and the viewport's edges

/**
 * An overflow menu. `label` is the button's accessible name and should say what the actions act
 * on (a module's "more actions for …" text); `items` are {label, onSelect(opener), danger, testid,
 * hidden, icon} (hidden or falsy items are left out; `icon` names an icon of icons.js shown before the label). `testid` names the button (its list is
 * `<testid>-list`). Answers null when no item is left, so callers can place it unconditionally.
 */
export function actionMenu({ label = t('common.menu.more'), items, testid = 'action-menu', className = '' }) {
  const shown = (items || []).filter((item) => item && !item.hidden);
  if (!shown.length) return null;
  const id = `action-menu-${++menuSeq}`;
  const button = h('button', {
    type: 'button', class: 'menu-button', id: `${id}-button`, 'aria-haspopup': 'menu', 'aria-expanded': 'false', 'aria-controls': id,
    'aria-label': label, title: label, dataset: { testid },
  }, icon('more'));
  const entries = shown.map((item) => h('button', {
    type: 'button', role: 'menuitem', tabindex: '-1', class: item.danger ? 'menu-item danger-item' : 'menu-item',
    dataset: { testid: item.testid, danger: item.danger ? 'true' : null },
  }, item.icon ? icon(item.icon) : null, item.label));
  const list = h('div', { role: 'menu', id, class: 'action-menu-list', 'aria-labelledby': `${id}-button`, hidden: true, dataset: { testid: `${testid}-list` } }, entries);
  const root = h('div', { class: `action-menu ${className}`.trim() }, button, list);

  const isOpen = () => !list.hidden;
  const focusItem = (i) => entries[(i + entries.length) % entries.length].focus();

  const onOutside = (e) => {
    if (!root.contains(e.target)) close(false);
  };
  const onViewport = () => place();

  function place() {
    const b = button.getBoundingClientRect();
    const rtl = getComputedStyle(root).direction === 'rtl';
    const vw = document.documentElement.clientWidth;
    const vh = window.innerHeight;
    list.style.setProperty('max-inline-size', `${Math.max(0, vw - 2 * MARGIN)}px`);
    const width = list.offsetWidth;
    const height = list.offsetHeight;
    // Aligned with the button's inline-end edge, so the list extends toward the inline-start side.
    let left = rtl ? b.left : b.right - width;
    left = Math.min(Math.max(left, MARGIN), Math.max(MARGIN, vw - MARGIN - width));
    let top = b.bottom + 4;
    if (top + height > vh - MARGIN && b.top - 4 - height >= MARGIN) top = b.top - 4 - height; // no room below: above
    list.style.setProperty('inset-inline-start', `${Math.round(rtl ? vw - left - width : left)}px`);
    list.style.setProperty('inset-block-start', `${Math.round(top)}px`);
  }

  function open(focusIndex = 0) {
    if (openMenu && openMenu !== close) openMenu(false);
    list.hidden = false;
    button.setAttribute('aria-expanded', 'true');
    root.classList.add('open');
    place();
    openMenu = close;
    document.addEventListener('pointerdown', onOutside, true);
    window.addEventListener('scroll', onViewport, true);
    window.addEventListener('resize', onViewport);
    focusItem(focusIndex);
  }

  function close(returnFocus) {
    if (!isOpen()) return;
    list.hidden = true;
    button.setAttribute('aria-expanded', 'false');
    root.classList.remove('open');
    if (openMenu === close) openMenu = null;
    document.removeEventListener('pointerdown', onOutside, true);
    window.removeEventListener('scroll', onViewport, true);
    window.removeEventListener('resize', onViewport);
    if (returnFocus) button.focus();
  }

  button.addEventListener('click', () => (isOpen() ? close(true) : open(0)));
  button.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      open(e.key === 'ArrowDown' ? 0 : entries.length - 1);
    } else if (e.key === 'Escape' && isOpen()) {
      e.preventDefault();
      e.stopPropagation(); // closes the menu only, not the panel or dialog around it
      close(true);
    }
  });
  list.addEventListener('keydown', (e) => {
    const at = entries.indexOf(document.activeElement);
    switch (e.key) {
      case 'ArrowDown': e.preventDefault(); focusItem(at + 1); break;
      case 'ArrowUp': e.preventDefault(); focusItem(at - 1); break;
      case 'Home': e.preventDefault(); focusItem(0); break;
      case 'End': e.preventDefault(); focusItem(entries.length - 1); break;
      case 'Escape': e.preventDefault(); e.stopPropagation(); close(true); break; // the menu only
      // Focus goes back to the button first, so Tab (or Shift+Tab) moves on from there.
      case 'Tab': close(true); break;
      default: break;
    }
  });
  entries.forEach((entry, i) => entry.addEventListener('click', () => {
    close(true);
    shown[i].onSelect?.(button);
  }));
  // A menu drawn away while open (the page re-rendered) is closed by the next click anywhere, which
  // removes its document listeners.
  return root;
}
