#pragma once

#include <cstdint>
#include <optional>

#include "auth/caller.hpp"
#include "auth/policy.hpp"
#include "core/json.hpp"
#include "core/result.hpp"
#include "store/store.hpp"

namespace sawt::module {

/// The first steps a service's create or update takes before it changes anything.

/// A request body read strictly into `Fields` (its `Read(in, create)`, then `Check()`), after
/// whatever the caller read from `in` first (e.g. entity_id on create).
template <typename Fields>
core::Result<Fields> ReadFields(core::JsonReader& in, bool create) {
  Fields fields;
  fields.Read(in, create);
  SAWT_TRY_STATUS(in.Finish());
  SAWT_TRY_STATUS(fields.Check());
  return fields;
}

/// The row an update changes: `loaded`, once `caller` holds `permission` in the row's entity
/// (column entity_id) and the request named the version it read (412 `if_match_required_key`
/// without If-Match). Comparing that version is the update's own (a guarded UPDATE, or earlier).
inline core::Result<store::Row> RowToChange(core::Result<store::Row> loaded, const auth::Caller& caller,
                                            const char* permission, std::optional<int64_t> if_match,
                                            const char* if_match_required_key) {
  if (!loaded) return loaded;
  SAWT_TRY_STATUS(auth::Authorize(caller, permission, loaded->Int("entity_id")));
  if (!if_match) return core::Error::PreconditionFailed(if_match_required_key);
  return loaded;
}

}  // namespace sawt::module
