#include "messaging/fact_service.hpp"

#include "messaging/resources.hpp"

#include <cmath>

#include "auth/policy.hpp"
#include "core/clock.hpp"
#include "messaging/detail/fields.hpp"
#include "module/service_names.hpp"
#include "module/write_helpers.hpp"
#include "text/numbers.hpp"

namespace sawt::messaging {
namespace {

using namespace module::service_names;  // NOLINT: the service files' shared vocabulary
using detail::CheckDate;
using detail::DateField;
using detail::EntityExists;
using detail::IsSlug;
using detail::ReadDate;

const std::string& FactColumns() {
  static const std::string* columns = new std::string(FactResource().Columns());
  return *columns;
}

Json FactJson(const Row& r) { return FactResource().ToJson(r); }

Result<Row> LoadFact(Tx& tx, int64_t id) {
  return LoadOne(tx, std::string("SELECT ") + FactColumns() + " FROM facts WHERE id = $1", id, "messaging.fact_not_found");
}

/// An optional finite JSON number.
Result<std::optional<double>> ReadNumber(const Json* raw, const char* name) {
  if (!raw || raw->is_null()) return std::optional<double>();
  if (!raw->is_number() || !std::isfinite(raw->get<double>())) {
    return Error::InvalidInput("messaging.bad_number", name, {name});
  }
  return std::optional<double>(raw->get<double>());
}

std::optional<double> NumberIn(const std::string& s) {
  auto found = text::ExtractNumbers(s);
  if (found.empty()) return std::nullopt;
  return found.front().value;
}
std::optional<std::string> DateIn(const std::string& s) {
  auto found = text::ExtractDates(s);
  if (found.empty()) return std::nullopt;
  return found.front().Iso();
}

}  // namespace

Result<Json> FactService::ListFacts(const auth::Caller& caller, std::optional<std::string> state,
                                    const module::Page& page) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.library.read", std::nullopt));
  if (state && *state != "draft" && *state != "approved" && *state != "retired") {
    return Error::InvalidInput("messaging.bad_state", "state", {*state});
  }
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    store::Sql sql(std::string("SELECT ") + FactColumns() + " FROM facts WHERE id > ", page.after_id);
    if (state) sql.Bind(" AND state = ", *state);
    return module::QueryPage(tx, std::move(sql), "id", page, FactJson);
  });
}

Result<Json> FactService::GetFact(const auth::Caller& caller, int64_t id) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.library.read", std::nullopt));
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Row row, LoadFact(tx, id));
    return FactJson(row);
  });
}

Result<Json> FactService::CreateFact(const auth::Caller& caller, const Json& body) {
  JsonReader in(body);
  auto key = in.String("key", true, 64);
  auto kind = in.String("kind", false, 10);
  auto label_ar = in.String("label_ar", true, 300);
  auto label_en = in.String("label_en", true, 300);
  auto value_ar = in.String("value_ar", true, 300);
  auto value_en = in.String("value_en", true, 300);
  const Json* numeric_raw = in.Raw("numeric_value");
  DateField date_value = ReadDate(in, "date_value");
  DateField as_of = ReadDate(in, "as_of", true);
  auto source = in.String("source", true, 1000);
  auto owner = in.Int("owner_entity_id", true);
  DateField until = ReadDate(in, "valid_until");
  SAWT_TRY_STATUS(in.Finish());
  const std::string k = kind.value_or("number");
  if (!IsSlug(*key)) return Error::InvalidInput("messaging.bad_fact_key", "key");
  if (k != "number" && k != "date" && k != "text") return Error::InvalidInput("messaging.bad_fact_kind", "kind", {k});
  SAWT_ASSIGN_OR_RETURN(auto numeric, ReadNumber(numeric_raw, "numeric_value"));
  SAWT_TRY_STATUS(CheckDate(date_value, "date_value"));
  SAWT_TRY_STATUS(CheckDate(as_of, "as_of"));
  if (!as_of.value) return Error::InvalidInput("common.field_required", "as_of", {"as_of"});
  SAWT_TRY_STATUS(CheckDate(until, "valid_until"));
  if (k == "number" && !numeric) numeric = NumberIn(*value_en) ? NumberIn(*value_en) : NumberIn(*value_ar);
  if (k == "number" && !numeric) return Error::InvalidInput("messaging.fact_needs_number", "numeric_value");
  if (k == "date" && !date_value.value) date_value.value = DateIn(*value_en) ? DateIn(*value_en) : DateIn(*value_ar);
  if (k == "date" && !date_value.value) return Error::InvalidInput("messaging.fact_needs_date", "date_value");
  SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.facts.write", *owner));
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_TRY_STATUS(EntityExists(entities_(), tx, *owner, "owner_entity_id"));
    const std::string now = store_.clock().NowIsoUtc();
    auto rows = tx.Query(
        std::string("INSERT INTO facts (fact_key, kind, label_ar, label_en, value_ar, value_en, numeric_value, date_value, "
                    "as_of, source, owner_entity_id, state, valid_until, created_at, updated_at) VALUES ($1, $2, $3, $4, "
                    "$5, $6, $7, $8, $9, $10, $11, 'draft', $12, $13, $13) RETURNING ") +
            FactColumns(),
        {*key, k, *label_ar, *label_en, *value_ar, *value_en, numeric ? Value(*numeric) : store::Null(),
         store::OrNull(k == "date" ? date_value.value : std::nullopt), *as_of.value, *source, *owner,
         store::OrNull(until.value), now});
    if (!rows) {
      if (rows.error().code == core::ErrorCode::kConflict) return Error::Conflict("messaging.fact_key_taken", {*key}, "key");
      return std::move(rows).error();
    }
    Json fact = FactJson((*rows)[0]);
    SAWT_TRY_STATUS(AppendEvent(tx, caller, "messaging.fact_created", *owner, "fact", fact["id"].get<int64_t>(), fact));
    return fact;
  });
}

Result<Json> FactService::UpdateFact(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                     const Json& body) {
  JsonReader in(body);
  auto label_ar = in.String("label_ar", false, 300);
  auto label_en = in.String("label_en", false, 300);
  auto value_ar = in.String("value_ar", false, 300);
  auto value_en = in.String("value_en", false, 300);
  const Json* numeric_raw = in.Raw("numeric_value");
  DateField date_value = ReadDate(in, "date_value");
  DateField as_of = ReadDate(in, "as_of");
  auto source = in.String("source", false, 1000);
  DateField until = ReadDate(in, "valid_until");
  SAWT_TRY_STATUS(in.Finish());
  SAWT_ASSIGN_OR_RETURN(auto numeric, ReadNumber(numeric_raw, "numeric_value"));
  SAWT_TRY_STATUS(CheckDate(date_value, "date_value"));
  SAWT_TRY_STATUS(CheckDate(as_of, "as_of"));
  SAWT_TRY_STATUS(CheckDate(until, "valid_until"));
  if (as_of.clear) return Error::InvalidInput("common.field_required", "as_of", {"as_of"});
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Row old, LoadFact(tx, id));
    const int64_t owner = old.Int("owner_entity_id");
    SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.facts.write", owner));
    if (if_match && *if_match != old.Int("version")) return Error::PreconditionFailed();
    const std::string kind = old.Text("kind");
    Assignments set;
    set.SetIf("label_ar", label_ar);
    set.SetIf("label_en", label_en);
    set.SetIf("value_ar", value_ar);
    set.SetIf("value_en", value_en);
    if (kind == "number" && !numeric && (value_ar || value_en)) {
      numeric = NumberIn(value_en.value_or(old.Text("value_en")));
      if (!numeric) numeric = NumberIn(value_ar.value_or(old.Text("value_ar")));
      if (!numeric) return Error::InvalidInput("messaging.fact_needs_number", "numeric_value");
    }
    set.SetIf("numeric_value", numeric);
    if (kind == "date" && date_value.value) set.Set("date_value", *date_value.value, *date_value.value);
    if (kind == "date" && date_value.clear) return Error::InvalidInput("messaging.fact_needs_date", "date_value");
    if (as_of.value) set.Set("as_of", *as_of.value, *as_of.value);
    set.SetIf("source", source);
    if (until.value) set.Set("valid_until", *until.value, *until.value);
    if (until.clear) set.Set("valid_until", store::Null(), nullptr);
    if (old.Text("state") == "approved" && !set.empty()) {
      set.Set("state", std::string("draft"), "draft");
      set.Set("approved_by", store::Null(), nullptr);
      set.Set("approved_at", store::Null(), nullptr);
    }
    SAWT_ASSIGN_OR_RETURN(bool updated, GuardedUpdate(tx, "facts", set, id, old.Int("version")));
    if (!updated) return MissOrStale(tx, "facts", id, "messaging.fact_not_found").error();
    SAWT_ASSIGN_OR_RETURN(Row row, LoadFact(tx, id));
    SAWT_TRY_STATUS(AppendEvent(tx, caller, "messaging.fact_updated", owner, "fact", id, set.changed));
    return FactJson(row);
  });
}

Result<Json> FactService::ApproveFact(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                      const Json& body) {
  JsonReader in(body);
  auto comment = in.String("comment", false, 2000);
  SAWT_TRY_STATUS(in.Finish());
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Row old, LoadFact(tx, id));
    const int64_t owner = old.Int("owner_entity_id");
    SAWT_TRY_STATUS(auth::Authorize(caller, "messaging.facts.approve", owner));
    if (old.Text("state") == "approved") {
      return Error::Conflict("messaging.fact_already_approved", {std::to_string(id)});
    }
    if (if_match && *if_match != old.Int("version")) return Error::PreconditionFailed();
    Assignments set;
    set.Set("state", std::string("approved"), "approved");
    set.Set("approved_by", caller.login, caller.login);
    const std::string approved_at = tx.clock().NowIsoUtc();
    set.Set("approved_at", approved_at, approved_at);
    SAWT_ASSIGN_OR_RETURN(bool updated, GuardedUpdate(tx, "facts", set, id, old.Int("version")));
    if (!updated) return MissOrStale(tx, "facts", id, "messaging.fact_not_found").error();
    SAWT_ASSIGN_OR_RETURN(Row row, LoadFact(tx, id));
    SAWT_TRY_STATUS(AppendEvent(tx, caller, "messaging.fact_approved", owner, "fact", id,
                           {{"comment", comment ? Json(*comment) : Json(nullptr)}}));
    return FactJson(row);
  });
}

}  // namespace sawt::messaging
