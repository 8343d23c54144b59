#include "auth/policy.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace sawt::auth {
namespace {

using R = Role;

// A small table in the shape modules contribute (the real one is assembled by the registry and
// generated into docs/permissions.md).
const Policy& TestPolicy() {
  static const Policy* policy = [] {
    auto* p = new Policy();
    p->Add("network", {{"network.entities.read", {}, true, false, "See the directory"},
                       {"network.entities.delete", {}, false, true, "Delete an entity"},
                       {"network.members.read", {R::kEntityAdmin, R::kEditor}, false, false, "See members"},
                       {"network.members.create", {R::kEntityAdmin}, false, true, "Add members"},
                       {"network.memberships.write", {R::kEntityAdmin}, false, true, "Grant roles"}});
    return p;
  }();
  return *policy;
}

Caller WithRole(int64_t entity, Role role) {
  Caller c;
  c.account_id = 7;
  c.login = "someone";
  c.roles[entity].insert(role);
  c.policy = &TestPolicy();
  return c;
}

TEST(PolicyTest, NetworkAdminPassesEveryDeclaredPermission) {
  Caller admin;
  admin.network_admin = true;
  admin.policy = &TestPolicy();
  for (const auto& entry : TestPolicy().entries()) {
    EXPECT_TRUE(Authorize(admin, entry.rule.permission, 5)) << entry.rule.permission;
  }
}

TEST(PolicyTest, EntityAdminActsOnlyInOwnEntity) {
  Caller c = WithRole(3, Role::kEntityAdmin);
  EXPECT_TRUE(Authorize(c, "network.members.create", 3));
  EXPECT_FALSE(Authorize(c, "network.members.create", 4));
  EXPECT_FALSE(Authorize(c, "network.members.create", std::nullopt));
  EXPECT_FALSE(Authorize(c, "network.entities.delete", 3));
}

TEST(PolicyTest, CrossEntityReadsAreDenied) {
  Caller c = WithRole(3, Role::kEditor);
  EXPECT_TRUE(Authorize(c, "network.members.read", 3));
  EXPECT_FALSE(Authorize(c, "network.members.read", 4));
  EXPECT_TRUE(Authorize(c, "network.entities.read", 4));
}

TEST(PolicyTest, ReadOnlyTokensCannotWrite) {
  Caller c = WithRole(3, Role::kEntityAdmin);
  c.credential = Credential::kApiToken;
  c.scopes = {"read"};
  EXPECT_EQ(Authorize(c, "network.members.create", 3).error().key, "auth.token_scope");
  EXPECT_TRUE(Authorize(c, "network.members.read", 3));
}

TEST(PolicyTest, UnknownPermissionIsDenied) {
  Caller admin;
  admin.network_admin = true;
  admin.policy = &TestPolicy();
  EXPECT_EQ(Authorize(admin, "no.such.permission", 1).error().key, "auth.forbidden");
}

TEST(PolicyTest, ACallerWithoutAPolicyPassesOnlyAsNetworkAdmin) {
  Caller system;
  system.network_admin = true;
  EXPECT_TRUE(Authorize(system, "network.entities.delete", std::nullopt));
  Caller someone;
  someone.roles[3].insert(Role::kEntityAdmin);
  EXPECT_FALSE(Authorize(someone, "network.members.create", 3));
}

TEST(PolicyTest, EntityAdminCannotGrantNetworkAdmin) {
  Caller c = WithRole(3, Role::kEntityAdmin);
  EXPECT_TRUE(AuthorizeGrant(c, Role::kEditor, 3));
  EXPECT_FALSE(AuthorizeGrant(c, Role::kNetworkAdmin, 3));
  EXPECT_FALSE(AuthorizeGrant(c, Role::kEditor, 4));
}

TEST(PolicyTest, PermissionsAreNamedByTheirModuleAndDeclaredOnce) {
  Policy p;
  p.Add("calendar", {{"calendar.read", {}, true, false, "Read"}});
  EXPECT_DEATH(p.Add("calendar", {{"calendar.read", {}, true, false, "Again"}}), "declared once");
  EXPECT_DEATH(p.Add("calendar", {{"network.entities.read", {}, true, false, "Not its own"}}), "start with its name");
}

// GrantsOf states exactly what Authorize decides, permission by permission and entity by entity,
// for every kind of caller (so a client that hides what it cannot use hides nothing allowed).
TEST(PolicyTest, GrantsAreWhatAuthorizeDecides) {
  Caller admin;
  admin.network_admin = true;
  admin.policy = &TestPolicy();
  Caller editor = WithRole(3, Role::kEditor);
  editor.roles[4].insert(Role::kEntityAdmin);
  Caller token = WithRole(3, Role::kEntityAdmin);
  token.credential = Credential::kApiToken;
  token.scopes = {"read"};
  for (const Caller* caller : {&admin, &editor, &token}) {
    const auto grants = GrantsOf(*caller);
    for (const auto& entry : TestPolicy().entries()) {
      const std::string& permission = entry.rule.permission;
      auto grant = std::find_if(grants.begin(), grants.end(), [&](const Grant& g) { return g.permission == permission; });
      for (int64_t entity : {2, 3, 4}) {
        const bool allowed = static_cast<bool>(Authorize(*caller, permission, entity));
        const bool granted = grant != grants.end() &&
                             (grant->everywhere || std::count(grant->entity_ids.begin(), grant->entity_ids.end(), entity) == 1);
        EXPECT_EQ(granted, allowed) << caller->login << " " << permission << " in " << entity;
      }
    }
  }
  EXPECT_EQ(GrantsOf(Caller{}).size(), 0u) << "a caller built in code without a policy holds nothing it could show";
}

// Dual control: each sign-off needs its own role; network admin rights do not stand in for the
// entity's reviewer, and a reviewer above the entity signs for it (roles are inherited).
TEST(PolicyTest, SignOffsNeedTheirOwnRoles) {
  static Policy* policy = [] {
    auto* p = new Policy();
    p->AddApprovals("messaging", {{"messaging.content.strategic",
                                   {{"reviewer", {R::kEntityAdmin, R::kReviewer}}, {"network", {R::kNetworkAdmin}}},
                                   "Strategic items"}});
    return p;
  }();
  Caller reviewer = WithRole(3, Role::kReviewer);
  reviewer.policy = policy;
  EXPECT_EQ(SignOffsOf(reviewer, "messaging.content.strategic", 3), std::vector<std::string>{"reviewer"});
  EXPECT_TRUE(SignOffsOf(reviewer, "messaging.content.strategic", 4).empty());
  Caller admin;
  admin.network_admin = true;
  admin.policy = policy;
  EXPECT_EQ(SignOffsOf(admin, "messaging.content.strategic", 3), std::vector<std::string>{"network"});
  admin.roles[3].insert(Role::kEntityAdmin);
  EXPECT_EQ(SignOffsOf(admin, "messaging.content.strategic", 3), (std::vector<std::string>{"reviewer", "network"}));
  EXPECT_TRUE(SignOffsOf(admin, "messaging.content.unknown", 3).empty());
  EXPECT_TRUE(SignOffsOf(Caller{}, "messaging.content.strategic", 3).empty());
}

}  // namespace
}  // namespace sawt::auth
