// The strategy capability: the network's communication strategy at a glance (#/strategy):
// the umbrella strategy traced to the entities' strategies, overdue activities and KPIs.
// See js/home/capability.js for the shape.

export default {
  id: 'strategy',
  navKey: 'strategy.nav.strategy',
  modules: ['strategy'],
  pages: {
    strategy: { load: () => import('./strategy.js'), navKey: 'strategy.nav.strategy', permission: 'strategy.read' },
  },
};
