// A capability built as docs/modules.md says plugs in without touching any other module: the
// example (tests/contract/example) is added through AppOptions::extra_modules, and its things show
// up where the contract says: its vocabulary at /api/v1/vocabularies, its dated items on the shared
// calendar with their owner's names from the entity directory, its table in the entity-in-use check.
#include <gtest/gtest.h>

#include "tests/contract/example/briefings.hpp"
#include "tests/support/test_app.hpp"

namespace sawt::testing {
namespace {

using core::Json;

class ExampleModuleTest : public ::testing::TestWithParam<BackendKind> {};

TEST_P(ExampleModuleTest, ANewCapabilityPlugsInThroughTheRegistry) {
  TestDatabase db(GetParam());
  if (db.url().empty()) GTEST_SKIP() << db.skip_reason();
  TestAppOptions options;
  options.extra_modules.push_back(&example::Register);
  TestApp app(db.url(), /*demo=*/true, options);
  ASSERT_TRUE(app.ok()) << app.error();
  Credentials admin = app.Login("admin", "admin-demo");
  const int64_t police = app.demo().entities.at("police");

  // Its vocabulary is served with the others.
  const Json vocabularies = app.Call("GET", "/api/v1/vocabularies", admin).json();
  bool served = false;
  for (const auto& v : vocabularies["items"]) served = served || (v["name"] == "briefing_formats" && v["module"] == "briefings");
  EXPECT_TRUE(served);

  // Input is checked against the vocabularies: its own and the network's channels.
  Json body = {{"entity_id", police}, {"format", "in_person"}, {"title_ar", "إحاطة إعلامية"},
               {"title_en", "Media briefing"}, {"on_date", "2031-05-12"}, {"channels", {"tv", "x"}}};
  Reply made = app.Call("POST", "/api/v1/example-briefings", admin, body);
  ASSERT_EQ(made.status, 201) << made.body;
  body["format"] = "telepathy";
  EXPECT_EQ(app.Call("POST", "/api/v1/example-briefings", admin, body).json().value("code", ""), "example.bad_format");

  // Its items are on the shared calendar, named through the entity directory, and filterable by kind.
  const Json view = app.Call("GET", "/api/v1/calendar?from=2031-05-01&to=2031-05-31&kind=briefing", admin).json();
  ASSERT_EQ(view["items"].size(), 1u) << view.dump();
  EXPECT_EQ(view["items"][0]["source"], "briefing");
  EXPECT_EQ(view["items"][0]["entity_code"], "police");
  EXPECT_EQ(view["items"][0]["audience"], "media");

  // An entity its rows name is in use.
  Json dept = {{"kind", "department"}, {"parent_id", police}, {"code", "briefing-desk"},
               {"name_ar", "مكتب الإحاطات"}, {"name_en", "Briefing desk"}};
  const int64_t desk = app.Call("POST", "/api/v1/entities", admin, dept).json()["id"];
  body["entity_id"] = desk;
  body["format"] = "online";
  ASSERT_EQ(app.Call("POST", "/api/v1/example-briefings", admin, body).status, 201);
  Reply removed = app.Call("DELETE", "/api/v1/entities/" + std::to_string(desk), admin);
  EXPECT_EQ(removed.status, 409) << removed.body;
  EXPECT_EQ(removed.json().value("code", ""), "network.entity_not_empty");
}

INSTANTIATE_TEST_SUITE_P(Stores, ExampleModuleTest,
                         ::testing::Values(BackendKind::kSqlite, BackendKind::kPostgres),
                         [](const ::testing::TestParamInfo<BackendKind>& info) { return BackendName(info.param); });

}  // namespace
}  // namespace sawt::testing
