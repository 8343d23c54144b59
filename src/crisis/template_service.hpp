#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "auth/caller.hpp"
#include "core/json.hpp"
#include "core/result.hpp"
#include "store/store.hpp"

namespace sawt::crisis {

/// The names of a template text's placeholders, "{{name}}" (name: a lower-case letter, then up to
/// 31 letters, digits or "_"), each once, in order of first use.
std::vector<std::string> PlaceholdersOf(const std::string& text);
/// `text` with each "{{name}}" that `values` names replaced by its value; the others are kept.
std::string FillPlaceholders(const std::string& text, const std::map<std::string, std::string>& values);

/// Holding-statement templates per crisis type, bilingual, with placeholders ("{{area}}",
/// "{{time}}"): written by the network admins ahead of time, so that a first statement can be
/// drafted in seconds when a crisis starts. Thread-safe; answers wire JSON.
class TemplateService {
 public:
  explicit TemplateService(store::Store& store) : store_(store) {}

  static std::vector<store::Migration> Migrations();

  /// {"items"}: active templates (all with `include_retired`), for one crisis type when given.
  core::Result<core::Json> List(const auth::Caller& caller, const std::optional<std::string>& crisis_type,
                                bool include_retired);
  core::Result<core::Json> Get(const auth::Caller& caller, int64_t id);
  core::Result<core::Json> Create(const auth::Caller& caller, const core::Json& body);
  /// Edits the texts, the type or the status (active, retired).
  core::Result<core::Json> Update(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                  const core::Json& body);
  /// {"values": {name: text}} → {"title_ar", "title_en", "body_ar", "body_en", "missing": [names]}:
  /// the template filled in (names it lacks are 400 crisis.unknown_placeholder).
  core::Result<core::Json> Render(const auth::Caller& caller, int64_t id, const core::Json& body);

 private:
  store::Store& store_;
};

}  // namespace sawt::crisis
