#include "initiatives/resources.hpp"

#include "initiatives/vocabularies.hpp"
#include "module/schema.hpp"

namespace sawt::initiatives {

using namespace module::schema;  // NOLINT: the schema vocabulary reads best unqualified
using core::Json;
using module::Resource;

namespace {

// A list of at most 20 `item`s.
Json UpTo20(Json item) { return {{"type", "array"}, {"maxItems", 20}, {"items", std::move(item)}}; }

// Measured results: {label_ar, label_en, value, unit} (unit "" when none was given).
Json Results() {
  return UpTo20(Obj({{"label_ar", Str()}, {"label_en", Str()}, {"value", Number()}, {"unit", Str(32)}},
                    {"label_ar", "label_en", "value"}));
}

}  // namespace

// Immutable descriptions, built once and never destroyed (usable from any thread).

const Resource& InitiativeResource() {
  static const Resource* r = new Resource({
      {"id", Int()}, {"owner_entity_id", Int()}, {"partner_entity_ids", UpTo20(Int()), "partners"},
      {"title_ar", Str()}, {"title_en", Str()},
      {"summary_ar", Str(4000)}, {"summary_en", Str(4000)},
      {"objectives_ar", Str(4000)}, {"objectives_en", Str(4000)},
      {"audience_ar", Str(4000)}, {"audience_en", Str(4000)},
      {"themes", UpTo20(Str(64))}, {"channels", UpTo20(Str(64))},
      {"start_date", Date()}, {"end_date", Date()}, {"status", Enum(Statuses())},
      {"budget_band", Enum(BudgetBands(), true), "", true},
      {"outcomes_ar", Str(4000)}, {"outcomes_en", Str(4000)}, {"results", Results()},
      {"showcased", Bool()}, {"showcase_note", NullableStr(2000)}, {"showcased_by", NullableStr()},
      {"showcased_at", NullableTimestamp()},
      {"version", Int()}, {"created_by", Str()}, {"created_at", Timestamp()}, {"updated_by", Str()},
      {"updated_at", Timestamp()},
  });
  return *r;
}

}  // namespace sawt::initiatives
