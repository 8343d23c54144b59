// docs/permissions.md is generated from the rules every module contributes to the one policy
// (ModuleRegistry::AddPermissions): this test renders the table from a fully registered app and
// fails when the committed file differs. Regenerate it with
//   SAWT_UPDATE_DOCS=1 build/tests/contract/contract_tests --gtest_filter='PermissionsDoc*'
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "app/app.hpp"
#include "auth/policy.hpp"

namespace sawt {
namespace {

namespace fs = std::filesystem;

std::string RoleNames(const std::vector<auth::Role>& roles) {
  std::string out;
  for (auth::Role role : roles) {
    std::string name = auth::RoleName(role);
    for (char& c : name) c = c == '_' ? ' ' : c;
    out += (out.empty() ? "" : ", ") + name;
  }
  return out;
}

std::string Who(const auth::PermissionRule& rule) {
  if (rule.any_member) return "every member";
  if (rule.roles.empty()) return "network admins";
  return RoleNames(rule.roles) + " of the entity";
}

std::string Render(const auth::Policy& policy) {
  std::ostringstream md;
  md << "# Permissions\n\n"
        "Generated from the rules each module contributes (`reg.AddPermissions` in its `Register`) by\n"
        "`tests/contract/permissions_doc_test.cpp`; do not edit by hand: run\n"
        "`SAWT_UPDATE_DOCS=1 build/tests/contract/contract_tests --gtest_filter='PermissionsDoc*'`.\n\n"
        "One function decides them all (`auth::Authorize`, src/auth/policy.cpp). Network admins pass every\n"
        "rule. A rule for every member passes for any signed-in caller, whatever the entity. Other rules pass\n"
        "for the roles listed, held in the entity the action targets or in an entity above it. A write rule\n"
        "also needs the `write` scope when the caller uses an API token. Which rows of a list a caller sees\n"
        "is each module's rule (docs/security.md); the authorization matrix (tests/authz/) checks every\n"
        "route against this table.\n";
  std::string module;
  for (const auto& entry : policy.entries()) {
    if (entry.module != module) {
      module = entry.module;
      md << "\n## " << module << "\n\n| Permission | Allows | Who | Token scope |\n|---|---|---|---|\n";
    }
    const auto& r = entry.rule;
    md << "| `" << r.permission << "` | " << r.summary << " | " << Who(r) << " | " << (r.writes ? "write" : "read")
       << " |\n";
  }
  md << "\n## Approvals that need more than one person\n\n"
        "Declared with `reg.AddApprovals`; `auth::SignOffsOf` says which sign-offs a caller gives. A network\n"
        "admin gives only the sign-offs that name network admins or a role it holds in the entity.\n\n"
        "| Approval | Needed for | Sign-offs |\n|---|---|---|\n";
  for (const auto& [module, rule] : policy.approvals()) {
    std::string sign_offs;
    for (const auto& s : rule.sign_offs) {
      std::string who = RoleNames(s.roles);
      sign_offs += (sign_offs.empty() ? "" : "; ") + ("`" + s.name + "`: " + who);
    }
    md << "| `" << rule.approval << "` | " << rule.summary << " | " << sign_offs << " |\n";
  }
  return md.str();
}

TEST(PermissionsDocTest, DocsPermissionsMdIsTheRegisteredTable) {
  const fs::path dir = fs::temp_directory_path() / ("sawt_permissions_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::string rendered;
  {
    auto app = app::OpenApp("sqlite:" + (dir / "sawt.db").string());
    ASSERT_TRUE(app) << app.error().detail;
    const auth::Policy& policy = app->auth->policy();
    ASSERT_GT(policy.entries().size(), 30u);
    std::set<std::string> summaries_missing;
    for (const auto& e : policy.entries()) {
      if (e.rule.summary.empty()) summaries_missing.insert(e.rule.permission);
    }
    EXPECT_TRUE(summaries_missing.empty()) << "rules without a summary: " << *summaries_missing.begin();
    rendered = Render(policy);
  }
  fs::remove_all(dir);
  const fs::path doc = fs::path(SAWT_SOURCE_DIR) / "docs" / "permissions.md";
  if (const char* update = std::getenv("SAWT_UPDATE_DOCS"); update && std::string(update) == "1") {
    std::ofstream(doc) << rendered;
  }
  std::ifstream in(doc);
  std::stringstream committed;
  committed << in.rdbuf();
  EXPECT_EQ(committed.str(), rendered) << "docs/permissions.md is out of date: regenerate it (see the top of this file)";
}

}  // namespace
}  // namespace sawt
