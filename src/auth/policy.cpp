#include "auth/policy.hpp"

#include <algorithm>
#include <unordered_map>

namespace sawt::auth {
namespace {

using R = Role;

// The whole authorization table. Reads of another entity's internals (its members, their roles,
// its responsibilities) need a role in that entity; the entity directory itself is shared.
const std::vector<PermissionRule> kRules = {
    // network: the entity directory is visible to every member of the network.
    {"network.entities.read", {}, true, false},
    {"network.entities.create", {R::kEntityAdmin}, false, true},  // departments under own entity
    {"network.entities.update", {R::kEntityAdmin}, false, true},
    {"network.entities.delete", {}, false, true},  // network admins only
    {"network.members.read", {R::kEntityAdmin, R::kEditor, R::kReviewer, R::kSpokesperson, R::kAnalyst, R::kTrainer, R::kMember}, false, false},
    {"network.members.create", {R::kEntityAdmin}, false, true},
    {"network.members.update", {R::kEntityAdmin}, false, true},
    {"network.memberships.read", {R::kEntityAdmin, R::kEditor, R::kReviewer, R::kSpokesperson, R::kAnalyst, R::kTrainer, R::kMember}, false, false},
    {"network.memberships.write", {R::kEntityAdmin}, false, true},
    {"network.responsibilities.read", {R::kEntityAdmin, R::kEditor, R::kReviewer, R::kSpokesperson, R::kAnalyst, R::kTrainer, R::kMember}, false, false},
    {"network.responsibilities.write", {R::kEntityAdmin}, false, true},
    {"network.settings.write", {}, false, true},  // the network's time zone: network admins only
    // messaging: the library (themes, key messages, facts, terms, aliases) is read by every member;
    // editors draft in their entity; approval belongs to the entity admins of the theme's / fact's
    // owner entity; strategic themes and the network term list belong to the network admins.
    {"messaging.library.read", {}, true, false},
    {"messaging.themes.write", {R::kEntityAdmin}, false, true},
    {"messaging.themes.strategic", {}, false, true},
    {"messaging.key_messages.write", {R::kEntityAdmin, R::kEditor}, false, true},
    {"messaging.key_messages.approve", {R::kEntityAdmin}, false, true},
    {"messaging.facts.write", {R::kEntityAdmin, R::kEditor}, false, true},
    {"messaging.facts.approve", {R::kEntityAdmin}, false, true},
    {"messaging.terms.write", {}, false, true},
    {"messaging.aliases.write", {R::kEntityAdmin}, false, true},
    {"messaging.alignment.check", {}, true, false},
    // messaging content items: every member reads (and diffs) them; editors and entity admins of the
    // owner entity draft and submit; reviewers and entity admins of the owner entity approve, request
    // changes and withdraw (strategic themes also need a network admin); scheduling and publishing
    // by the owner entity's editors, reviewers and entity admins.
    {"messaging.content.read", {}, true, false},
    {"messaging.content.write", {R::kEntityAdmin, R::kEditor}, false, true},
    {"messaging.content.review", {R::kEntityAdmin, R::kReviewer}, false, true},
    {"messaging.content.publish", {R::kEntityAdmin, R::kEditor, R::kReviewer}, false, true},
    // the entity's review rules (maker-checker) by its admins.
    {"messaging.review_settings.write", {R::kEntityAdmin}, false, true},
    // channel checks (the editor's live counter) by any member; delivery endpoints (URL and
    // signing secret per channel) by network admins only.
    {"messaging.channels.check", {}, true, false},
    {"messaging.channels.admin", {}, false, true},
    // calendar: one calendar across the network, read by every member; entries belong to their entity's
    // editors and admins; network-wide entries (national days), network-wide blackouts and the
    // conflict window belong to the network admins; an entity's own blackouts to its admins.
    {"calendar.read", {}, true, false},
    {"calendar.entries.write", {R::kEntityAdmin, R::kEditor}, false, true},
    {"calendar.blackouts.write", {R::kEntityAdmin}, false, true},
    {"calendar.settings.write", {}, false, true},
    // initiatives: the central office sees every entity's initiatives, so every member reads them
    // all; editors and entity admins of the owner entity register, edit, move and record outcomes;
    // the best-initiatives showcase belongs to the network admins.
    {"initiatives.read", {}, true, false},
    {"initiatives.write", {R::kEntityAdmin, R::kEditor}, false, true},
    {"initiatives.showcase", {}, false, true},
    // events (SSE stream, audit views) of an entity.
    {"events.read", {R::kEntityAdmin, R::kEditor, R::kReviewer, R::kSpokesperson, R::kAnalyst, R::kTrainer, R::kMember}, false, false},
    {"audit.verify", {}, false, false},
    // search: anyone signed in may search; each hit is filtered by its type's own read permission.
    {"search.query", {}, true, false},
    // own account: tokens and password are always the caller's own.
    {"auth.self", {}, true, false},
    {"auth.self.write", {}, true, true},
};

const std::unordered_map<std::string_view, const PermissionRule*>& Index() {
  static const auto* index = [] {
    auto* m = new std::unordered_map<std::string_view, const PermissionRule*>();
    for (const auto& rule : kRules) (*m)[rule.permission] = &rule;
    return m;
  }();
  return *index;
}

}  // namespace

const std::vector<PermissionRule>& PermissionRules() { return kRules; }

core::Status Authorize(const Caller& caller, std::string_view permission, std::optional<int64_t> entity_id) {
  auto it = Index().find(permission);
  if (it == Index().end()) return core::Error::Forbidden("auth.forbidden");
  const PermissionRule& rule = *it->second;
  if (rule.writes && caller.credential == Credential::kApiToken && caller.scopes.count("write") == 0) {
    return core::Error::Forbidden("auth.token_scope");
  }
  if (caller.network_admin || rule.any_member) return core::Ok();
  if (!entity_id) return core::Error::Forbidden("auth.forbidden");
  auto roles = caller.roles.find(*entity_id);
  if (roles == caller.roles.end()) return core::Error::Forbidden("auth.forbidden");
  for (Role r : rule.roles) {
    if (roles->second.count(r)) return core::Ok();
  }
  return core::Error::Forbidden("auth.forbidden");
}

core::Status AuthorizeGrant(const Caller& caller, Role role, int64_t entity_id) {
  if (caller.network_admin) return core::Ok();
  if (role == Role::kNetworkAdmin) return core::Error::Forbidden("auth.forbidden");
  return Authorize(caller, "network.memberships.write", entity_id);
}

}  // namespace sawt::auth
