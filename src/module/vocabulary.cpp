#include "module/vocabulary.hpp"

#include <algorithm>
#include <set>

#include "core/assert.hpp"

namespace sawt::module {

Vocabulary::Vocabulary(std::string name, std::vector<Term> terms) : name_(std::move(name)), terms_(std::move(terms)) {
  std::set<std::string_view> seen;
  for (const Term& t : terms_) {
    SAWT_ASSERT(!t.code.empty() && seen.insert(t.code).second, "vocabulary codes are unique and non-empty");
    SAWT_ASSERT(!t.label_ar.empty() && !t.label_en.empty(), "every term has both labels");
  }
}

const Term* Vocabulary::Find(std::string_view code) const {
  for (const Term& t : terms_) {
    if (t.code == code) return &t;
  }
  return nullptr;
}

core::Status Vocabulary::Check(const std::string& code, const char* key, const char* field) const {
  if (Has(code)) return core::Ok();
  return core::Error::InvalidInput(key, field, {code});
}

core::Json Vocabulary::ToJson() const {
  core::Json terms = core::Json::array();
  for (const Term& t : terms_) {
    core::Json j = t.attributes;
    j["code"] = t.code;
    j["label_ar"] = t.label_ar;
    j["label_en"] = t.label_en;
    terms.push_back(std::move(j));
  }
  return {{"name", name_}, {"terms", std::move(terms)}};
}

core::Result<std::optional<core::Json>> ReadCodes(const core::Json* raw, const char* field, const char* shape_key,
                                                  const char* unknown_key, const Vocabulary* allowed, size_t max) {
  if (raw == nullptr) return std::optional<core::Json>();
  const auto shape = [&] { return core::Error::InvalidInput(shape_key, field, {field}); };
  if (!raw->is_array() || raw->size() > max) return shape();
  core::Json out = core::Json::array();
  std::set<std::string> seen;
  for (const core::Json& v : *raw) {
    if (!v.is_string()) return shape();
    const std::string& code = v.get_ref<const std::string&>();
    if (allowed != nullptr) {
      if (!allowed->Has(code)) return core::Error::InvalidInput(unknown_key, field, {code});
    } else {
      const bool slug = !code.empty() && code.size() <= 64 && std::all_of(code.begin(), code.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
      });
      if (!slug) return shape();
    }
    if (seen.insert(code).second) out.push_back(code);
  }
  return std::optional<core::Json>(std::move(out));
}

std::vector<std::string> StoredCodes(const std::string& json_text) {
  std::vector<std::string> out;
  const core::Json j = core::Json::parse(json_text, nullptr, false);
  if (!j.is_array()) return out;
  for (const auto& c : j) {
    if (c.is_string()) out.push_back(c.get<std::string>());
  }
  return out;
}

}  // namespace sawt::module
