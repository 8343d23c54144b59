// The public Atom feeds of published items (docs/api.md: /feeds/government.atom and
// /feeds/entities/{code}.atom). index.html announces the government feed to feed readers (they read
// the HTML, not the script); a page about one entity announces that entity's feed too, with a
// <link rel="alternate"> in the head while it shows (app.js drops it on every navigation), and pages
// link to a feed visibly with feedLink.

import { h } from './dom.js';
import { icon } from './icons.js';

export const GOVERNMENT_FEED = '/feeds/government.atom';
const ATOM = 'application/atom+xml';

/** The address of an entity's feed, by the entity's code. */
export function entityFeed(code) {
  return `/feeds/entities/${encodeURIComponent(code)}.atom`;
}

/** Announces the feed of what the page shows (href, a title in the page's language); null withdraws it. */
export function announceFeed(href, title = '') {
  let link = document.head.querySelector('link[data-page-feed]');
  if (!href) {
    link?.remove();
    return;
  }
  if (!link) {
    link = h('link', { rel: 'alternate', type: ATOM, 'data-page-feed': '' });
    document.head.append(link);
  }
  link.href = href;
  link.title = title;
}

/** A visible link to a feed: the feed icon and text, rel="alternate" with the Atom type. */
export function feedLink(href, text, testid) {
  return h('a', { class: 'feed-link', href, rel: 'alternate', type: ATOM, dataset: { testid } }, icon('feed'), h('span', {}, text));
}
