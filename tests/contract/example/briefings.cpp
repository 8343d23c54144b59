#include "tests/contract/example/briefings.hpp"

#include "auth/policy.hpp"
#include "core/clock.hpp"
#include "module/openapi.hpp"
#include "module/respond.hpp"
#include "module/write_helpers.hpp"

namespace sawt::example {
namespace {

using core::Error;
using core::Json;
using core::Result;

const module::Vocabulary& Formats() {
  static const module::Vocabulary v("briefing_formats", {
      {"in_person", "حضوري", "In person"},
      {"online", "عن بُعد", "Online"},
  });
  return v;
}

class Briefings {
 public:
  Briefings(store::Store& store, const module::ModuleRegistry& registry) : store_(store), registry_(registry) {}

  static std::vector<store::Migration> Migrations() {
    return {{"briefings", 1, "0001_create_briefings", R"SQL(
CREATE TABLE example_briefings (
  id {{ID}},
  entity_id BIGINT NOT NULL,
  format TEXT NOT NULL,
  title_ar TEXT NOT NULL,
  title_en TEXT NOT NULL,
  on_date TEXT NOT NULL,
  channels TEXT NOT NULL,
  created_at TEXT NOT NULL
);
)SQL"}};
  }

  Result<Json> Create(const auth::Caller& caller, const Json& body) {
    core::JsonReader in(body);
    auto entity = in.Int("entity_id", true);
    auto format = in.String("format", true, 32);
    auto title_ar = in.String("title_ar", true, 300);
    auto title_en = in.String("title_en", true, 300);
    auto on_date = in.String("on_date", true, 10);
    const Json* channels_raw = in.Raw("channels");
    SAWT_TRY_STATUS(in.Finish());
    SAWT_TRY_STATUS(Formats().Check(*format, "example.bad_format", "format"));
    SAWT_ASSIGN_OR_RETURN(auto channels, module::ReadCodes(channels_raw, "channels", "example.bad_channels",
                                                           "example.bad_channels", &registry_.vocabulary("channels")));
    // Its own permission (declared in Register): the entity's admins write its briefings.
    SAWT_TRY_STATUS(auth::Authorize(caller, "briefings.write", *entity));
    return store::WriteValue<Json>(store_, [&](store::Tx& tx) -> Result<Json> {
      SAWT_TRY_STATUS(
          module::EntityMustExist(registry_.entity_directory(), tx, *entity, "entity_id", "example.entity_not_found"));
      auto rows = tx.Query(
          "INSERT INTO example_briefings (entity_id, format, title_ar, title_en, on_date, channels, created_at) "
          "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
          {*entity, *format, *title_ar, *title_en, *on_date, channels.value_or(Json::array()).dump(),
           tx.clock().NowIsoUtc()});
      if (!rows) return std::move(rows).error();
      const int64_t id = (*rows)[0].Int(0);
      Json out = {{"id", id},         {"entity_id", *entity}, {"format", *format},
                  {"title_ar", *title_ar}, {"title_en", *title_en}, {"on_date", *on_date}};
      SAWT_TRY_STATUS(module::AppendEvent(tx, caller, "example.briefing_created", *entity, "briefing", id, out));
      return out;
    });
  }

 private:
  store::Store& store_;
  const module::ModuleRegistry& registry_;
};

/// Briefings on the shared calendar.
class BriefingSource final : public module::CalendarSource {
 public:
  std::vector<std::string> Kinds() const override { return {"briefing"}; }
  Result<std::vector<module::CalendarItem>> Items(store::Tx& tx, const std::string& from_date,
                                                  const std::string& to_date) const override {
    auto rows = tx.Query(
        "SELECT id, entity_id, title_ar, title_en, on_date, channels FROM example_briefings "
        "WHERE on_date >= $1 AND on_date < $2 ORDER BY on_date, id",
        {from_date, to_date});
    if (!rows) return std::move(rows).error();
    std::vector<module::CalendarItem> out;
    for (const auto& r : *rows) {
      module::CalendarItem item;
      item.source = "briefing";
      item.id = r.Int(0);
      item.entity_id = r.Int(1);
      item.kind = "briefing";
      item.title_ar = r.Text(2);
      item.title_en = r.Text(3);
      item.starts_at = r.Text(4);
      item.audience = "media";
      item.channels = module::StoredCodes(r.Text(5));
      item.status = "confirmed";
      out.push_back(std::move(item));
    }
    return out;
  }
};

}  // namespace

void Register(module::ModuleRegistry& reg) {
  reg.BeginModule("briefings", {"network", "messaging"});
  // Its own permission, decided by the one policy like every other (docs/permissions.md).
  reg.AddPermissions({{"briefings.write", {auth::Role::kEntityAdmin}, false, true, "Write the entity's briefings"}});
  reg.AddVocabulary(Formats());
  auto service = std::make_shared<Briefings>(reg.services().store, reg);
  reg.Keep(service);
  reg.AddMigrations(Briefings::Migrations());
  reg.AddEntityReference("example_briefings", "entity_id");
  reg.AddCalendarSource(std::make_shared<BriefingSource>());
  reg.AddMessages({
      {"example.bad_format", "صيغة الإحاطة «{0}» غير معروفة.", "Unknown briefing format \"{0}\"."},
      {"example.bad_channels", "القنوات قائمة من قنوات الشبكة ({0}).", "Channels are a list of the network's channels ({0})."},
      {"example.entity_not_found", "الجهة رقم {0, digits} غير موجودة.", "Entity {0} does not exist."},
  });
  reg.AddSchema("Briefing", {{"type", "object"},
                             {"properties",
                              {{"id", {{"type", "integer"}}}, {"entity_id", {{"type", "integer"}}},
                               {"format", {{"type", "string"}}}, {"title_ar", {{"type", "string"}}},
                               {"title_en", {{"type", "string"}}}, {"on_date", {{"type", "string"}}}}}});
  reg.AddRoute(module::MakeRoute("POST", "/api/v1/example-briefings", {"Plan a media briefing", {}, {}, "", "Briefing", 201}),
               module::CreateWithBody([service](const auth::Caller& c, const Json& b) { return service->Create(c, b); }));
}

}  // namespace sawt::example
