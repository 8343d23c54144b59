#include "network/settings_service.hpp"

#include "auth/policy.hpp"
#include "module/service_names.hpp"
#include "module/write_helpers.hpp"
#include "network/resources.hpp"

namespace sawt::network {
namespace {

using namespace module::service_names;  // NOLINT: the service files' shared vocabulary

constexpr const char* kDefaultZone = "Asia/Dubai";

Result<store::Row> SettingsRow(store::Tx& tx) {
  auto rows = tx.Query("SELECT " + NetworkSettingsResource().Columns() + " FROM network_settings WHERE id = 1");
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return Error::Internal("network settings row missing");
  return (*rows)[0];
}

}  // namespace

std::vector<store::Migration> NetworkSettingsService::Migrations() {
  return {{"network", 3, "0003_create_network_settings", std::string(R"SQL(
CREATE TABLE network_settings (
  id BIGINT PRIMARY KEY CHECK (id = 1),
  time_zone TEXT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);
INSERT INTO network_settings (id, time_zone, version, updated_at) VALUES (1, ')SQL") + kDefaultZone +
                                                                      "', 1, '1970-01-01T00:00:00.000000Z');\n"}};
}

Result<core::TimeZone> NetworkSettingsService::Zone(store::Tx& tx) const {
  SAWT_ASSIGN_OR_RETURN(store::Row row, SettingsRow(tx));
  auto zone = core::TimeZone::Named(row.Text("time_zone"));
  // Only valid zones are stored; a zone this ICU no longer knows falls back to the default.
  if (!zone) zone = core::TimeZone::Named(kDefaultZone);
  return *zone;
}

Result<Json> NetworkSettingsService::Get(const auth::Caller& caller) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "network.entities.read", std::nullopt));
  return store::ReadValue<Json>(store_, [&](store::Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(store::Row row, SettingsRow(tx));
    return NetworkSettingsResource().ToJson(row);
  });
}

Result<Json> NetworkSettingsService::Update(const auth::Caller& caller, std::optional<int64_t> if_match,
                                            const Json& body) {
  core::JsonReader in(body);
  auto zone_id = in.String("time_zone", true, 64);
  SAWT_TRY_STATUS(in.Finish());
  if (!core::TimeZone::Named(*zone_id)) {
    return Error::InvalidInput("network.bad_time_zone", "time_zone", {*zone_id});
  }
  SAWT_TRY_STATUS(auth::Authorize(caller, "network.settings.write", std::nullopt));
  SAWT_TRY_STATUS(store_.Write([&](store::Tx& tx) -> Status {
    SAWT_ASSIGN_OR_RETURN(store::Row row, SettingsRow(tx));
    const int64_t version = row.Int("version");
    if (if_match && *if_match != version) return Error::PreconditionFailed();
    module::Assignments set;
    set.Set("time_zone", *zone_id, *zone_id);
    SAWT_ASSIGN_OR_RETURN(bool updated, module::GuardedUpdate(tx, "network_settings", set, 1, version));
    if (!updated) return Error::PreconditionFailed();
    return module::AppendEvent(tx, caller, "network.settings_updated", std::nullopt, "network_settings", 1,
                               {{"time_zone", {{"from", row.Text("time_zone")}, {"to", *zone_id}}}});
  }));
  return Get(caller);
}

}  // namespace sawt::network
