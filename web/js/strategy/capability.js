// The strategy capability: the network's communication strategy at a glance (#/strategy): the
// umbrella strategy traced to the entities' strategies, overdue activities and KPIs; compliance
// with the general communication guide: the heat map of every entity × the seven axes
// (#/compliance), an entity's scorecard (#/scorecard[/<entity id>]) and an assessment's form
// (#/assessment/<id>, shown in the navigation as the heat map). See js/home/capability.js for the shape.

export default {
  id: 'strategy',
  navKey: 'strategy.nav.group',
  modules: ['strategy'],
  pages: {
    strategy: { load: () => import('./strategy.js'), navKey: 'strategy.nav.strategy', permission: 'strategy.read' },
    compliance: { load: () => import('./compliance.js'), navKey: 'strategy.nav.compliance', permission: 'strategy.read' },
    scorecard: { load: () => import('./scorecard.js'), navKey: 'strategy.nav.scorecard', permission: 'strategy.read' },
    activities: { load: () => import('./activities.js'), navKey: 'strategy.nav.activities', permission: 'strategy.read' },
    assessment: { load: () => import('./assessment.js'), navAs: 'compliance' }, // no entry of its own
    kpi: { load: () => import('./kpi.js'), navAs: 'strategy' }, // #/kpi/<id>, no entry of its own
  },
};
