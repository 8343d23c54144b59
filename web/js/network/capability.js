// The network capability: the entity directory (#/entities[/<id>]) and the members (#/members).
// See js/home/capability.js for the shape of a capability.

export default {
  id: 'network',
  navKey: 'network.nav.group',
  modules: ['network'],
  pages: {
    entities: { load: () => import('./entities.js'), navKey: 'network.nav.entities', permission: 'network.entities.read' },
    members: { load: () => import('./members.js'), navKey: 'network.nav.members', permission: 'network.members.read' },
  },
};
