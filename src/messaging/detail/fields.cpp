#include "messaging/detail/fields.hpp"

#include <algorithm>

#include "core/clock.hpp"
#include "module/write_helpers.hpp"

namespace sawt::messaging::detail {

bool IsSlug(const std::string& s) {
  if (s.size() < 2 || s.size() > 64) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

bool IsIsoDate(const std::string& s) { return core::IsIsoDate(s); }

bool IsLang(const std::string& s) { return s == "ar" || s == "en"; }

DateField ReadDate(core::JsonReader& in, const std::string& name, bool required, size_t max_bytes) {
  DateField f;
  f.clear = in.IsNull(name);
  if (f.clear) {
    in.Raw(name);
    return f;
  }
  f.value = in.String(name, required, max_bytes);
  return f;
}

core::Status CheckDate(const DateField& f, const char* name) {
  if (f.value && !IsIsoDate(*f.value)) return core::Error::InvalidInput("messaging.bad_date", name, {name});
  return core::Ok();
}

core::Status EntityExists(const module::EntityDirectory& entities, store::Tx& tx, int64_t id, const char* field) {
  return module::EntityMustExist(entities, tx, id, field, "messaging.entity_not_found");
}

}  // namespace sawt::messaging::detail
