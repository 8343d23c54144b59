// The capabilities the web UI is made of, in navigation order: one line each. Each folder's
// capability.js exports its pages, its navigation group and its catalogues (see
// js/home/capability.js); app.js composes the routes and the navigation from this list.
// Adding a capability = its folder (capability.js, its pages, web/i18n/{ar,en}/<id>.json) + one line here.

import home from './home/capability.js';
import network from './network/capability.js';
import messaging from './messaging/capability.js';
import calendar from './calendar/capability.js';
import initiatives from './initiatives/capability.js';
import strategy from './strategy/capability.js';
import crisis from './crisis/capability.js';
import account from './account/capability.js';

export const CAPABILITIES = [
  home,
  network,
  messaging,
  calendar,
  initiatives,
  strategy,
  crisis,
  account,
];
