// The home capability: each role's work and the network's pulse (#/home, the page after signing in).
// A capability's folder exports one object: its pages (hash route name → how to load the module,
// its navigation label, the permission that makes it useful), its navigation group and the i18n
// catalogues its navigation labels live in. js/capabilities.js lists the capabilities.
// A page may also say how many things wait there for the caller: `count: { key, read }`, where
// read({ api, listAll, can, me }) resolves to a number (0: no badge) and `key` is the i18n text a
// screen reader hears after the link's name ("{count} awaiting your review"); app.js shows it as a
// badge on the link and on its closed group, asked again on every page.

export default {
  id: 'home',
  navKey: 'common.nav.home',
  modules: [], // the label is the shell's own (common.json)
  pages: {
    home: { load: () => import('./home.js'), navKey: 'common.nav.home', start: true },
  },
};
