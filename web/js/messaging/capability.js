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
    content: {
      load: () => import('./content.js'), navKey: 'messaging.nav.content', permission: 'messaging.content.read',
      // The caller's own items sent back with changes requested.
      count: {
        key: 'messaging.nav.content_count',
        read: async ({ listAll, me }) => (await listAll('/api/v1/content-items', { state: 'changes_requested' }))
          .filter((i) => i.created_by === me).length,
      },
    },
    editor: { load: () => import('./editor.js'), navAs: 'content' }, // no entry of its own
    review: {
      load: () => import('./review.js'), navKey: 'messaging.nav.review', permission: 'messaging.content.review',
      // Items in review that the caller may review (others' entities' items are readable, not theirs).
      count: {
        key: 'messaging.nav.review_count',
        read: async ({ listAll, can }) => (await listAll('/api/v1/content-items', { state: 'in_review' }))
          .filter((i) => can('messaging.content.review', i.owner_entity_id)).length,
      },
    },
  },
};
