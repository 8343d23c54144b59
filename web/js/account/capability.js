// The account capability: one's password, API tokens and invitations (#/account; the only page
// while a temporary password must be changed) and notification settings (#/notifications, opened
// from the bell's panel). See js/home/capability.js for the shape.

export default {
  id: 'account',
  navKey: 'common.nav.account',
  modules: [], // the label is the shell's own (common.json)
  pages: {
    account: { load: () => import('./account.js'), navKey: 'common.nav.account', passwordChange: true },
    notifications: { load: () => import('./notifications.js'), navAs: 'account' },
  },
};
