// The initiatives capability: the registry (#/initiatives[/new|/<id>[/edit]]) and the
// best-initiatives showcase (#/showcase). See js/home/capability.js for the shape.

export default {
  id: 'initiatives',
  navKey: 'initiatives.nav.group',
  modules: ['initiatives'],
  pages: {
    initiatives: { load: () => import('./initiatives.js'), navKey: 'initiatives.nav.initiatives', permission: 'initiatives.read' },
    showcase: { load: () => import('./showcase.js'), navKey: 'initiatives.nav.showcase', permission: 'initiatives.read' },
  },
};
