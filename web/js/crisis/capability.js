// The crisis capability: crises and drills (#/crises), the declaration form (#/crises/new) and
// each crisis's room (#/crises/<id>, where crisis notifications lead). See js/home/capability.js
// for the shape.

export default {
  id: 'crisis',
  navKey: 'crisis.nav.group',
  modules: ['crisis'],
  pages: {
    crises: { load: () => import('./crises.js'), navKey: 'crisis.nav.crises', permission: 'crisis.read' },
  },
};
