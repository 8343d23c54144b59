#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/json.hpp"
#include "core/result.hpp"
#include "module/entity_directory.hpp"
#include "store/store.hpp"

/// Input checks shared by the messaging services (library, key messages, facts, content items).
/// Internal to the module.
namespace sawt::messaging::detail {

/// 2 to 64 of a-z, 0-9 and '-' (theme codes, fact keys).
bool IsSlug(const std::string& s);

/// A real calendar date written "YYYY-MM-DD".
bool IsIsoDate(const std::string& s);

/// "ar" or "en".
bool IsLang(const std::string& s);

/// A date field: absent, JSON null (clear) or a string.
struct DateField {
  std::optional<std::string> value;
  bool clear = false;
};

/// Reads a date field (null clears it; a string of at most `max_bytes`); errors go to `in`.
DateField ReadDate(core::JsonReader& in, const std::string& name, bool required = false, size_t max_bytes = 10);

/// kInvalidInput "messaging.bad_date" when a given value is not "YYYY-MM-DD".
core::Status CheckDate(const DateField& f, const char* name);

/// The entity must exist: kInvalidInput "messaging.entity_not_found" naming `field`.
core::Status EntityExists(const module::EntityDirectory& entities, store::Tx& tx, int64_t id, const char* field);

}  // namespace sawt::messaging::detail
