// The UI's icons: small line drawings of our own on a 24×24 grid (stroke, no fill, currentColor),
// drawn as inline SVG (no icon font, no external file, nothing for the CSP to allow). An icon is
// decoration: aria-hidden, so the control carrying it must have a name of its own (its text, or an
// aria-label when the icon stands alone). Icons that show a direction (sign-out, the feed's arrow
// does not) carry class `icon-directional` and are mirrored in right-to-left pages (CSS).

const NS = 'http://www.w3.org/2000/svg';

// name -> [directional, ...path data]
const ICONS = {
  // A door frame open at the end, an arrow leaving through it.
  logout: [true, 'M10 4H5a1 1 0 0 0-1 1v14a1 1 0 0 0 1 1h5', 'M15 16l4-4-4-4', 'M19 12H9'],
  // A magnifying glass.
  search: [false, 'M10.5 17a6.5 6.5 0 1 0 0-13 6.5 6.5 0 0 0 0 13z', 'M15.5 15.5L20 20'],
  // Three dots: more actions (the overflow menu).
  more: [false, 'M5 12h.01', 'M12 12h.01', 'M19 12h.01'],
  // A web feed: a dot and two arcs.
  feed: [false, 'M5 19h.01', 'M5 11a8 8 0 0 1 8 8', 'M5 5a14 14 0 0 1 14 14'],
};

/** The names of the icons there are. */
export const ICON_NAMES = Object.freeze(Object.keys(ICONS));

/** An <svg class="icon icon-<name>"> hidden from assistive technology; throws on an unknown name. */
export function icon(name, extraClass = '') {
  const spec = ICONS[name];
  if (!spec) throw new Error(`icons: no icon named ${name}`);
  const [directional, ...paths] = spec;
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', ['icon', `icon-${name}`, directional ? 'icon-directional' : '', extraClass].filter(Boolean).join(' '));
  for (const d of paths) {
    const path = document.createElementNS(NS, 'path');
    path.setAttribute('d', d);
    svg.append(path);
  }
  return svg;
}
