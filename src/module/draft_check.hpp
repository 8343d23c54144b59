#pragma once

#include "auth/caller.hpp"
#include "core/json.hpp"
#include "core/result.hpp"
#include "http/messages.hpp"

namespace sawt::module {

/// The one-voice check of a draft against the approved library (facts, terms, key messages, entity
/// names), owned by messaging and registered on the registry (ModuleRegistry::draft_check): other
/// modules' drafts, such as crisis statements, are checked exactly as content items are.
/// Thread-safe; reads in a transaction of its own, so call it outside yours.
class DraftCheck {
 public:
  virtual ~DraftCheck() = default;
  /// `draft`: {"text_ar"?, "text_en"?, "themes"?, "entity_id"?} → {"findings": [...], "summary":
  /// {"error", "warning", "info"}, …}, the findings worded in `reader`'s language and digits.
  virtual core::Result<core::Json> Check(const auth::Caller& caller, const core::Json& draft,
                                         const http::Locale& reader) const = 0;
};

}  // namespace sawt::module
