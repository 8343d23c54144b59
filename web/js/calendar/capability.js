// The calendar capability: the shared calendar (#/calendar[/<view>/<date>][?filters]).
// See js/home/capability.js for the shape of a capability.

export default {
  id: 'calendar',
  navKey: 'calendar.nav.group',
  modules: ['calendar'],
  pages: {
    calendar: { load: () => import('./calendar.js'), navKey: 'calendar.nav.calendar', permission: 'calendar.read' },
  },
};
