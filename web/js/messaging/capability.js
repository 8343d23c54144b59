// The messaging capability ("one voice"): key messages (#/library), the fact sheet (#/facts),
// content items (#/content) and their editor (#/editor/new|<id>, shown in the navigation as
// #/content), the review queue (#/review[/<id>]). See js/home/capability.js for the shape.

export default {
  id: 'messaging',
  navKey: 'messaging.nav.group',
  modules: ['messaging'],
  pages: {
    library: { load: () => import('./library.js'), navKey: 'messaging.nav.library', permission: 'messaging.library.read' },
    facts: { load: () => import('./facts.js'), navKey: 'messaging.nav.facts', permission: 'messaging.library.read' },
    content: { load: () => import('./content.js'), navKey: 'messaging.nav.content', permission: 'messaging.content.read' },
    editor: { load: () => import('./editor.js'), navAs: 'content' }, // no entry of its own
    review: { load: () => import('./review.js'), navKey: 'messaging.nav.review', permission: 'messaging.content.review' },
  },
};
