#include "messaging/review_settings.hpp"

#include <set>

#include "auth/policy.hpp"
#include "core/clock.hpp"
#include "messaging/resources.hpp"
#include "module/service_names.hpp"
#include "module/write_helpers.hpp"

namespace sawt::messaging {
namespace {

using namespace module::service_names;  // NOLINT: the service files' shared vocabulary

// The defaults (no row yet) are version 1, so If-Match works from the first read; the first
// save stores version 2.
constexpr int64_t kDefaultsVersion = 1;

Result<std::optional<Row>> LoadSettings(Tx& tx, int64_t entity_id) {
  auto rows = tx.Query(
      "SELECT " + ReviewSettingsResource().Columns() + " FROM messaging_review_settings WHERE entity_id = $1",
      {entity_id});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::optional<Row>();
  return std::optional<Row>((*rows)[0]);
}

Json SettingsJson(int64_t entity_id, const std::optional<Row>& row) {
  if (row) return ReviewSettingsResource().ToJson(*row);
  return {{"entity_id", entity_id},
          {"maker_checker", false},
          {"forbid_error_override", false},
          {"version", kDefaultsVersion}};
}

Status EntityMustExist(const module::EntityDirectory& entities, Tx& tx, int64_t entity_id) {
  Status exists = module::EntityMustExist(entities, tx, entity_id, "entity_id", "messaging.entity_not_found");
  if (!exists && exists.error().code == core::ErrorCode::kInvalidInput) {
    return Error::NotFound("messaging.entity_not_found", {std::to_string(entity_id)});  // a path id: 404
  }
  return exists;
}

}  // namespace

std::vector<store::Migration> ReviewSettingsService::Migrations() {
  return {{"messaging", 4, "0004_create_review_settings", R"SQL(
CREATE TABLE messaging_review_settings (
  entity_id BIGINT PRIMARY KEY,
  maker_checker INTEGER NOT NULL CHECK (maker_checker IN (0, 1)),
  version BIGINT NOT NULL DEFAULT 1,
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
)SQL"},
          // Whether a step may go ahead over open error findings with a written reason.
          {"messaging", 6, "0006_review_settings_error_override", R"SQL(
ALTER TABLE messaging_review_settings ADD COLUMN forbid_error_override INTEGER NOT NULL DEFAULT 0
  CHECK (forbid_error_override IN (0, 1));
)SQL"}};
}

Result<Json> ReviewSettingsService::Get(const auth::Caller& caller, int64_t entity_id) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.content.read", std::nullopt));
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_TRY_STATUS(EntityMustExist(entities_(), tx, entity_id));
    SAWT_ASSIGN_OR_RETURN(auto row, LoadSettings(tx, entity_id));
    return SettingsJson(entity_id, row);
  });
}

Result<Json> ReviewSettingsService::Save(const auth::Caller& caller, int64_t entity_id, std::optional<int64_t> if_match,
                                         const Json& body) {
  core::JsonReader in(body);
  auto maker_checker = in.Bool("maker_checker", true);
  auto forbid_override = in.Bool("forbid_error_override", false);
  SAWT_TRY_STATUS(in.Finish());
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_TRY_STATUS(EntityMustExist(entities_(), tx, entity_id));
    SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.review_settings.write", entity_id));
    SAWT_ASSIGN_OR_RETURN(auto row, LoadSettings(tx, entity_id));
    const int64_t current = row ? row->Int("version") : kDefaultsVersion;
    if (if_match && *if_match != current) return Error::PreconditionFailed();
    const std::string now = store_.clock().NowIsoUtc();
    const int64_t flag = *maker_checker ? 1 : 0;
    // Left out of the body, the override rule keeps its stored value.
    const int64_t forbid =
        forbid_override ? (*forbid_override ? 1 : 0) : (row ? row->Int("forbid_error_override") : 0);
    if (row) {
      auto n = tx.Exec(
          "UPDATE messaging_review_settings SET maker_checker = $1, forbid_error_override = $2, version = version + 1, "
          "updated_by = $3, updated_at = $4 WHERE entity_id = $5 AND version = $6",
          {flag, forbid, caller.login, now, entity_id, current});
      if (!n) return std::move(n).error();
      if (*n != 1) return Error::PreconditionFailed();
    } else {
      auto n = tx.Exec(
          "INSERT INTO messaging_review_settings (entity_id, maker_checker, forbid_error_override, version, "
          "updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6)",
          {entity_id, flag, forbid, kDefaultsVersion + 1, caller.login, now});
      if (!n) return std::move(n).error();
    }
    SAWT_ASSIGN_OR_RETURN(auto saved, LoadSettings(tx, entity_id));
    Json out = SettingsJson(entity_id, saved);
    SAWT_TRY_STATUS(module::AppendEvent(tx, caller, "messaging.review_settings_saved", entity_id, "review_settings",
                                        entity_id, out));
    return out;
  });
}

Status ReviewSettingsService::CheckErrorOverride(Tx& tx, int64_t owner_entity_id) {
  SAWT_ASSIGN_OR_RETURN(auto settings, LoadSettings(tx, owner_entity_id));
  if (settings && settings->Int("forbid_error_override") != 0) {
    return Error::Conflict("messaging.override_forbidden", {}, "override_reason");
  }
  return core::Ok();
}

Status ReviewSettingsService::CheckApprover(Tx& tx, int64_t owner_entity_id, int64_t item_id, const std::string& login) {
  SAWT_ASSIGN_OR_RETURN(auto settings, LoadSettings(tx, owner_entity_id));
  if (!settings || settings->Int("maker_checker") == 0) return core::Ok();
  // Who wrote the item: its creator, whoever saved a version whose content differs from the
  // version before (a transition saves a version too, with the same content), and whoever
  // stored a channel variant.
  std::set<std::string> authors;
  auto created = tx.Query("SELECT created_by FROM content_items WHERE id = $1", {item_id});
  if (!created) return std::move(created).error();
  for (const auto& r : *created) authors.insert(r.Text("created_by"));
  auto versions = tx.Query(
      "SELECT saved_by, kind, title_ar, title_en, body_ar, body_en, themes, channels, "
      "COALESCE(planned_at, '') AS planned_at "
      "FROM content_item_versions WHERE item_id = $1 ORDER BY version",
      {item_id});
  if (!versions) return std::move(versions).error();
  std::vector<std::string> previous;
  for (const auto& r : *versions) {
    std::vector<std::string> content;
    for (const char* column :
         {"kind", "title_ar", "title_en", "body_ar", "body_en", "themes", "channels", "planned_at"}) {
      content.push_back(r.Text(column));
    }
    if (content != previous) authors.insert(r.Text("saved_by"));
    previous = std::move(content);
  }
  auto variants = tx.Query("SELECT updated_by FROM content_item_variants WHERE item_id = $1", {item_id});
  if (!variants) return std::move(variants).error();
  for (const auto& r : *variants) authors.insert(r.Text("updated_by"));
  if (authors.count(login)) return Error::Forbidden("messaging.maker_checker");
  return core::Ok();
}

}  // namespace sawt::messaging
