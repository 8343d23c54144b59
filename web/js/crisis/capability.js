// The crisis capability: crises and drills (#/crises), the declaration form (#/crises/new),
// each crisis's room (#/crises/<id>, where crisis notifications lead) and, for network admins, the
// webhook subscribers of its statements (#/crisis-webhooks[/<id>], linked from the crises page; no
// navigation entry of its own). See js/home/capability.js for the shape.

export default {
  id: 'crisis',
  navKey: 'crisis.nav.group',
  modules: ['crisis'],
  pages: {
    crises: {
      load: () => import('./crises.js'), navKey: 'crisis.nav.crises', permission: 'crisis.read',
      // Crises and drills under way that the caller can see.
      count: { key: 'crisis.nav.active_count', read: async ({ listAll }) => (await listAll('/api/v1/crises', { status: 'active' })).length },
    },
    'crisis-webhooks': { load: () => import('./webhooks.js'), navAs: 'crises', permission: 'crisis.webhooks' },
  },
};
