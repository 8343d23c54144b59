// The home capability: each role's work and the network's pulse (#/home, the page after signing in).
// A capability's folder exports one object: its pages (hash route name → how to load the module,
// its navigation label, the permission that makes it useful), its navigation group and the i18n
// catalogues its navigation labels live in. js/capabilities.js lists the capabilities.

export default {
  id: 'home',
  navKey: 'common.nav.home',
  modules: [], // the label is the shell's own (common.json)
  pages: {
    home: { load: () => import('./home.js'), navKey: 'common.nav.home', start: true },
  },
};
