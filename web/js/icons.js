// The UI's icons: small line drawings of our own on a 24×24 grid (stroke, no fill, currentColor),
// drawn as inline SVG (no icon font, no external file, nothing for the CSP to allow). An icon is
// decoration: aria-hidden, so the control carrying it must have a name of its own (its text, or an
// aria-label when the icon stands alone). Icons that show a direction (sign-out, send, the return
// arrow; the feed's arcs do not) carry class `icon-directional` and are mirrored in right-to-left
// pages (CSS). Every drawing is a few straight lines, arcs and circles (the helpers below); the
// stroke width is the stylesheet's, the same for all.
//
// Three families share the drawings:
//   - actions: icon(name) on buttons beside their text (add, edit, save, send, check, …);
//   - states: stateIcon(code) in the chips and badges that show a status (draft, in review, …);
//   - channels: channelIcon(code) beside a channel's label. A channel the server adds later gets
//     the generic `broadcast` drawing (never an error), so the vocabulary can grow first.

const NS = 'http://www.w3.org/2000/svg';

// ---- geometry ---------------------------------------------------------------------------------

/** A circle as path data (two half arcs). */
const circle = (cx, cy, r) => `M${cx - r} ${cy}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0z`;

/** A rectangle with rounded corners (radius r) as path data. */
const box = (x, y, w, hgt, r = 1) =>
  `M${x + r} ${y}h${w - 2 * r}a${r} ${r} 0 0 1 ${r} ${r}v${hgt - 2 * r}a${r} ${r} 0 0 1 ${-r} ${r}h${-(w - 2 * r)}`
  + `a${r} ${r} 0 0 1 ${-r} ${-r}v${-(hgt - 2 * r)}a${r} ${r} 0 0 1 ${r} ${-r}z`;

/** A dot (a zero-length line drawn with round caps). */
const dot = (x, y) => `M${x} ${y}h.01`;

// ---- the drawings -----------------------------------------------------------------------------

// name -> [directional, ...path data]
const ICONS = {
  // A door frame open at the end, an arrow leaving through it.
  logout: [true, 'M10 4H5a1 1 0 0 0-1 1v14a1 1 0 0 0 1 1h5', 'M15 16l4-4-4-4', 'M19 12H9'],
  // The same door, the arrow coming in.
  login: [true, 'M14 4h5a1 1 0 0 1 1 1v14a1 1 0 0 1-1 1h-5', 'M10 16l4-4-4-4', 'M14 12H4'],
  // A magnifying glass.
  search: [false, 'M10.5 17a6.5 6.5 0 1 0 0-13 6.5 6.5 0 0 0 0 13z', 'M15.5 15.5L20 20'],
  // Three dots: more actions (the overflow menu).
  more: [false, dot(5, 12), dot(12, 12), dot(19, 12)],
  // A web feed: a dot and two arcs.
  feed: [false, dot(5, 19), 'M5 11a8 8 0 0 1 8 8', 'M5 5a14 14 0 0 1 14 14'],

  // -- actions --
  // A plus: add, new.
  add: [false, 'M12 5v14', 'M5 12h14'],
  // A pencil: edit (and a draft's state).
  edit: [false, 'M4 20l1-4.5L15.5 5a2.1 2.1 0 0 1 3 3L8 18.5z', 'M13.5 7l3 3'],
  // A diskette: save.
  save: [false, 'M5 4h11l4 4v11a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1z', 'M8 4v4h7V4', 'M7 20v-6h10v6'],
  // A bin: delete, remove.
  delete: [false, 'M4 7h16', 'M9 7V4h6v3', 'M6 7l1 13h10l1-13', 'M10 11v5', 'M14 11v5'],
  // A paper dart: send, submit for review or approval.
  send: [true, 'M20 4L3 11l7 3 3 7z', 'M10 14l4.5-4.5'],
  // A tick: approve, done, confirmed.
  check: [false, 'M5 12.5l4.5 4.5L19 7.5'],
  // An arrow turning back: request changes, return, undo.
  undo: [true, 'M9 15L4 10l5-5', 'M4 10h10a5 5 0 0 1 0 10h-3'],
  // A loudhailer: publish (and a published state).
  publish: [true, 'M3 10v4h3l9 5V5l-9 5z', 'M6 14l1.5 5.5h2.5L9 15.5', 'M18.5 9a4.5 4.5 0 0 1 0 6'],
  // A clock face: schedule, scheduled, expired.
  clock: [false, circle(12, 12, 9), 'M12 7v5l3.5 2'],
  // Two bars: pause.
  pause: [false, 'M9 6v12', 'M15 6v12'],
  // A triangle: start, resume, in progress.
  play: [false, 'M8 5.5v13l10.5-6.5z'],
  // Two arrows round a circle: refresh, retry.
  refresh: [false, 'M4 12a8 8 0 0 1 14.9-4', 'M19.9 4l-1 4-4-1', 'M20 12a8 8 0 0 1-14.9 4', 'M4.1 20l1-4 4 1'],
  // Two sheets: copy.
  copy: [false, box(9, 9, 11, 11, 1.5), 'M15 9V5.5A1.5 1.5 0 0 0 13.5 4h-8A1.5 1.5 0 0 0 4 5.5v8A1.5 1.5 0 0 0 5.5 15H9'],
  // A printer.
  print: [false, 'M7 9V4h10v5', 'M7 17H5a1 1 0 0 1-1-1v-6a1 1 0 0 1 1-1h14a1 1 0 0 1 1 1v6a1 1 0 0 1-1 1h-2', 'M7 14h10v6H7z'],
  // An arrow down onto a line: download, export.
  download: [false, 'M12 4v11', 'M7.5 10.5L12 15l4.5-4.5', 'M5 20h14'],
  // An arrow up from a line: upload, attach.
  upload: [false, 'M12 15V4', 'M7.5 8.5L12 4l4.5 4.5', 'M5 20h14'],
  // A cross: close, dismiss.
  close: [false, 'M6 6l12 12', 'M18 6L6 18'],
  // A calendar page: dates, planned.
  calendar: [false, box(4, 5, 16, 15, 1.5), 'M4 10h16', 'M8 3v4', 'M16 3v4'],
  // A bell: notifications.
  bell: [false, 'M12 3a6 6 0 0 0-6 6v3.6L4.3 15.4A1 1 0 0 0 5.2 17h13.6a1 1 0 0 0 .9-1.6L18 12.6V9a6 6 0 0 0-6-6Zm-2.5 15.5a2.5 2.5 0 0 0 5 0'],
  // A head and shoulders: a person (and a publication left to a person).
  user: [false, circle(12, 8, 4), 'M4.5 20a7.5 7.5 0 0 1 15 0'],
  // Two people: members, events.
  users: [false, circle(9, 8, 3.5), 'M2.5 19.5a6.5 6.5 0 0 1 13 0', 'M15.5 4.8a3.5 3.5 0 0 1 0 6.4', 'M18 13.6a6.5 6.5 0 0 1 3.5 5.9'],
  // Three sliders: settings, administration.
  settings: [false, 'M4 6h8', 'M16 6h4', circle(14, 6, 2), 'M4 12h2', 'M10 12h10', circle(8, 12, 2), 'M4 18h10', 'M18 18h2', circle(16, 18, 2)],
  // A funnel: filter.
  filter: [false, 'M4 5h16l-6 7.5V18l-4 2v-7.5z'],
  // Two links of a chain: a link, a posted address.
  link: [false, 'M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1', 'M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1'],
  // A frame with an arrow leaving it: opens elsewhere.
  external: [true, 'M14 4h6v6', 'M20 4l-9 9', 'M18 14v5a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1h5'],
  // A key: tokens, secrets.
  key: [false, circle(8, 15, 4), 'M11 12l8-8', 'M16 7l2.5 2.5', 'M13.5 9.5l2 2'],
  // A padlock: passwords.
  lock: [false, box(5, 11, 14, 10, 1.5), 'M8 11V8a4 4 0 0 1 8 0v3'],
  // An eye: in review, awaiting approval.
  eye: [false, 'M2.5 12S6 5.5 12 5.5 21.5 12 21.5 12 18 18.5 12 18.5 2.5 12 2.5 12z', circle(12, 12, 3)],
  // Two arrows in opposite directions: compare versions.
  compare: [false, 'M4 8h15', 'M15.5 4.5L19 8l-3.5 3.5', 'M20 16H5', 'M8.5 12.5L5 16l3.5 3.5'],
  // A flag on its pole: declare (a crisis).
  flag: [true, 'M5 21V4', 'M5 4h11l-2 4 2 4H5'],
  // A speech bubble with lines: a note, a timeline entry.
  comment: [false, 'M5 4h14a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1h-8l-4 3.5V16H5a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1z', 'M8 8.5h8', 'M8 11.5h5'],
  // A box with its lid: archive, close (a crisis), retired, closed.
  archive: [false, box(3, 4, 18, 4, 1), 'M5 8v11a1 1 0 0 0 1 1h12a1 1 0 0 0 1-1V8', 'M10 12h4'],
  // A circle struck through: cancel, withdraw, revoke.
  ban: [false, circle(12, 12, 9), 'M5.6 5.6l12.8 12.8'],
  // A page with lines: a document, a template.
  document: [false, 'M14 3H7a1 1 0 0 0-1 1v16a1 1 0 0 0 1 1h10a1 1 0 0 0 1-1V7z', 'M14 3v4h4', 'M9 12h6', 'M9 16h6'],
  // A five-pointed star: the showcase.
  star: [false, 'M12 3.5l2.6 5.3 5.9.9-4.3 4.1 1 5.8L12 16.8l-5.2 2.8 1-5.8-4.3-4.1 5.9-.9z'],
  // Bars on a baseline: a measurement.
  chart: [false, 'M4 20h16', 'M7 16v-4', 'M12 16V7', 'M17 16v-7'],

  // -- states --
  // An hourglass: pending, waiting.
  hourglass: [false, 'M7 3h10', 'M7 21h10', 'M8 3v3.5a4 4 0 0 0 1.6 3.2L12 12l2.4-2.3A4 4 0 0 0 16 6.5V3', 'M8 21v-3.5a4 4 0 0 1 1.6-3.2L12 12l2.4 2.3a4 4 0 0 1 1.6 3.2V21'],
  // An empty ring: open, not started.
  open: [false, circle(12, 12, 8)],
  // A question mark in a circle: tentative, no data.
  question: [false, circle(12, 12, 9), 'M9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .8-1 1.5v.7', dot(12, 17)],
  // A pulse line: an active crisis.
  pulse: [false, 'M3 12h4l2.5-6 5 12 2.5-6h4'],
  // A circle with an exclamation mark: an error.
  error: [false, circle(12, 12, 9), 'M12 7.5V13', dot(12, 16.5)],
  // A triangle with an exclamation mark: a warning, at risk, blocked.
  warning: [false, 'M10.3 4.6L2.8 17.5a2 2 0 0 0 1.7 3h15a2 2 0 0 0 1.7-3L13.7 4.6a2 2 0 0 0-3.4 0z', 'M12 9.5v4', dot(12, 17)],
  // A circle with an "i": information.
  info: [false, circle(12, 12, 9), 'M12 11v5.5', dot(12, 7.8)],
  // A circle with a cross: failed, off track.
  failed: [false, circle(12, 12, 9), 'M9 9l6 6', 'M15 9l-6 6'],

  // -- channels (generic drawings; no platform's mark) --
  // A globe: a website.
  globe: [false, circle(12, 12, 9), 'M3 12h18', 'M12 3c2.5 2.5 3.8 5.5 3.8 9s-1.3 6.5-3.8 9', 'M12 3C9.5 5.5 8.2 8.5 8.2 12s1.3 6.5 3.8 9'],
  // A folded newspaper: the press.
  newspaper: [false, 'M4 4h12v15a1 1 0 0 0 1 1H6a2 2 0 0 1-2-2z', 'M16 8h4v11a1 1 0 0 1-1 1h-2', 'M7 8h6', 'M7 12h6', 'M7 16h6'],
  // A speech bubble with a hash sign: a short public post.
  post: [false, 'M6 4h12a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2h-7l-4.5 3.5V17H6a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z', 'M10.5 7.5l-1 7', 'M14.5 7.5l-1 7', 'M8 9.5h8.5', 'M7.5 12.5h8.5'],
  // A camera: photo sharing.
  camera: [false, box(3, 7, 18, 13, 2), 'M8 7l1.5-3h5L16 7', circle(12, 13.5, 3.5)],
  // A profile card: a social network's page.
  profile: [false, box(3, 4, 18, 16, 2), circle(12, 10, 2.5), 'M7.5 17a4.5 4.5 0 0 1 9 0'],
  // A briefcase: a professional network.
  briefcase: [false, box(3, 7, 18, 13, 2), 'M9 7V5a1 1 0 0 1 1-1h4a1 1 0 0 1 1 1v2', 'M3 13h18'],
  // A screen with a triangle: video.
  video: [false, box(3, 5, 18, 14, 2.5), 'M10 9v6l5-3z'],
  // Two beamed notes: short videos with music.
  music: [false, 'M9 18V5.5l10-2V16', circle(6.5, 18, 2.5), circle(16.5, 16, 2.5)],
  // A smiling face: casual messaging among friends.
  smile: [false, circle(12, 12, 9), dot(9, 10), dot(15, 10), 'M8.5 14.5a4.5 4.5 0 0 0 7 0'],
  // Two speech bubbles: a chat.
  chat: [false, 'M4.5 4h9A1.5 1.5 0 0 1 15 5.5v6a1.5 1.5 0 0 1-1.5 1.5H8l-3 2.5V13h-.5A1.5 1.5 0 0 1 3 11.5v-6A1.5 1.5 0 0 1 4.5 4z', 'M18 8h1.5A1.5 1.5 0 0 1 21 9.5v6a1.5 1.5 0 0 1-1.5 1.5H19v2.5L16 17h-4.5a1.5 1.5 0 0 1-1.5-1.5V15'],
  // A building: the intranet, inside the organisation.
  building: [false, 'M4 21V5a1 1 0 0 1 1-1h8a1 1 0 0 1 1 1v16', 'M14 9h5a1 1 0 0 1 1 1v11', 'M3 21h18', 'M8 8h2', 'M8 12h2', 'M8 16h2', dot(17, 13), dot(17, 17)],
  // A screen on which an antenna sits: television.
  tv: [false, box(3, 7, 18, 13, 2), 'M8 3l4 4 4-4'],
  // A set with a dial and a speaker: radio.
  radio: [false, box(3, 8, 18, 12, 2), 'M7 8l10-5', circle(15.5, 14, 2.5), 'M6.5 12.5h4', 'M6.5 15.5h4'],
  // An open book: print.
  book: [false, 'M12 6.5C10 5 7 4.5 3.5 5v13.5c3.5-.5 6.5 0 8.5 1.5 2-1.5 5-2 8.5-1.5V5C17 4.5 14 5 12 6.5z', 'M12 6.5V20'],
  // A board on two legs: outdoor advertising.
  billboard: [false, box(3, 3, 18, 11, 1), 'M9 14v7', 'M15 14v7', 'M7 7.5h7', 'M7 10.5h10'],
  // A mobile phone with a message being typed: text messages.
  mobile: [false, box(6, 2.5, 12, 19, 2), 'M10.5 18.5h3', dot(9.5, 10), dot(12, 10), dot(14.5, 10)],
  // An envelope: e-mail.
  envelope: [false, box(3, 5, 18, 14, 1.5), 'M3.5 6.5l8.5 6.5 8.5-6.5'],
  // A point sending waves both ways: any other channel.
  broadcast: [false, circle(12, 12, 1.5), 'M8.5 8.5a5 5 0 0 0 0 7', 'M15.5 8.5a5 5 0 0 1 0 7', 'M5.6 5.6a9 9 0 0 0 0 12.8', 'M18.4 5.6a9 9 0 0 1 0 12.8'],
};

/** The names of the icons there are. */
export const ICON_NAMES = Object.freeze(Object.keys(ICONS));

/** An <svg class="icon icon-<name>" data-icon="<name>"> hidden from assistive technology; throws on an unknown name. */
export function icon(name, extraClass = '') {
  const spec = ICONS[name];
  if (!spec) throw new Error(`icons: no icon named ${name}`);
  const [directional, ...paths] = spec;
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', ['icon', `icon-${name}`, directional ? 'icon-directional' : '', extraClass].filter(Boolean).join(' '));
  svg.setAttribute('data-icon', name);
  for (const d of paths) {
    const path = document.createElementNS(NS, 'path');
    path.setAttribute('d', d);
    svg.append(path);
  }
  return svg;
}

// ---- channels ---------------------------------------------------------------------------------

// The channel vocabulary's codes (GET /api/v1/vocabularies "channels", src/messaging/vocabularies.cpp)
// and their drawings. A code not listed here is drawn as CHANNEL_FALLBACK.
const CHANNEL_ICONS = {
  website: 'globe',
  press: 'newspaper',
  x: 'post',
  instagram: 'camera',
  facebook: 'profile',
  linkedin: 'briefcase',
  youtube: 'video',
  tiktok: 'music',
  snapchat: 'smile',
  whatsapp: 'chat',
  intranet: 'building',
  tv: 'tv',
  radio: 'radio',
  print: 'book',
  outdoor: 'billboard',
  events: 'users',
  sms: 'mobile',
  email: 'envelope',
};

/** The drawing of a channel nobody has drawn yet. */
export const CHANNEL_FALLBACK = 'broadcast';

/** The icon name a channel code is drawn with (CHANNEL_FALLBACK for a code not known here). */
export function channelIconName(code) {
  return Object.hasOwn(CHANNEL_ICONS, code) ? CHANNEL_ICONS[code] : CHANNEL_FALLBACK;
}

/** A channel's icon (`icon-channel`, data-channel); never throws, whatever the code. */
export function channelIcon(code) {
  const name = channelIconName(code);
  const svg = icon(name, name === CHANNEL_FALLBACK && !Object.hasOwn(CHANNEL_ICONS, code) ? 'icon-channel icon-fallback' : 'icon-channel');
  svg.setAttribute('data-channel', String(code ?? ''));
  return svg;
}

/** A channel's label: `span.channel` (data-channel) holding the channel's icon, then `text`. */
export function channelLabel(code, text) {
  const span = document.createElement('span');
  span.className = 'channel';
  span.dataset.channel = String(code ?? '');
  span.append(channelIcon(code), document.createTextNode(String(text ?? '')));
  return span;
}

// ---- states -----------------------------------------------------------------------------------

// A status code's drawing, whichever vocabulary it comes from (content, publication, assessment,
// initiative, activity, task, calendar entry, statement, webhook delivery, token and KPI states and
// the findings' severities): the action that leads to a state and the state share a drawing.
const STATE_ICONS = {
  draft: 'edit',
  in_review: 'eye',
  in_approval: 'eye',
  submitted: 'eye',
  changes_requested: 'undo',
  returned: 'undo',
  approved: 'check',
  reviewed: 'check',
  scheduled: 'clock',
  published: 'publish',
  posted: 'publish',
  pending: 'hourglass',
  manual: 'user',
  delivered: 'check',
  failed: 'failed',
  paused: 'pause',
  cancelled: 'ban',
  withdrawn: 'ban',
  revoked: 'ban',
  retired: 'archive',
  archived: 'archive',
  closed: 'archive',
  expired: 'clock',
  not_started: 'open',
  open: 'open',
  planned: 'calendar',
  active: 'play',
  in_progress: 'play',
  blocked: 'warning',
  done: 'check',
  completed: 'check',
  tentative: 'question',
  confirmed: 'check',
  on_track: 'check',
  at_risk: 'warning',
  off_track: 'failed',
  no_target: 'open',
  no_data: 'question',
  error: 'error',
  warning: 'warning',
  info: 'info',
};

// Where one vocabulary's code means something else than the common one.
const STATE_OVERRIDES = {
  crisis: { active: 'pulse' },
  token: { active: 'key' },
};

/** The icon name a status is drawn with (`family` picks a vocabulary's own reading); 'open' when unknown. */
export function stateIconName(state, family = '') {
  const own = STATE_OVERRIDES[family];
  if (own && Object.hasOwn(own, state)) return own[state];
  return Object.hasOwn(STATE_ICONS, state) ? STATE_ICONS[state] : 'open';
}

/** A status's icon (`icon-state`, data-state) for a chip or badge; never throws, whatever the code. */
export function stateIcon(state, family = '') {
  const svg = icon(stateIconName(state, family), 'icon-state');
  svg.setAttribute('data-state', String(state ?? ''));
  return svg;
}
