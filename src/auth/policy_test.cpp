#include "auth/policy.hpp"

#include <gtest/gtest.h>

namespace sawt::auth {
namespace {

Caller WithRole(int64_t entity, Role role) {
  Caller c;
  c.account_id = 7;
  c.login = "someone";
  c.roles[entity].insert(role);
  return c;
}

TEST(PolicyTest, NetworkAdminPassesEverything) {
  Caller admin;
  admin.network_admin = true;
  for (const auto& rule : PermissionRules()) EXPECT_TRUE(Authorize(admin, rule.permission, 5)) << rule.permission;
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
  EXPECT_FALSE(Authorize(c, "network.responsibilities.read", 4));
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
  EXPECT_FALSE(Authorize(admin, "no.such.permission", 1));
}

TEST(PolicyTest, EntityAdminCannotGrantNetworkAdmin) {
  Caller c = WithRole(3, Role::kEntityAdmin);
  EXPECT_TRUE(AuthorizeGrant(c, Role::kEditor, 3));
  EXPECT_FALSE(AuthorizeGrant(c, Role::kNetworkAdmin, 3));
  EXPECT_FALSE(AuthorizeGrant(c, Role::kEditor, 4));
}

}  // namespace
}  // namespace sawt::auth
