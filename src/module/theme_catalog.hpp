#pragma once

#include <string>

#include "core/result.hpp"
#include "store/store.hpp"

namespace sawt::module {

/// The messaging module's themes (its library's strategic and entity themes), as other modules may
/// see them: registered by messaging (ModuleRegistry::theme_catalog), used by modules that tag their
/// things with themes (the calendar, the initiative registry). Thread-safe.
class ThemeCatalog {
 public:
  virtual ~ThemeCatalog() = default;
  /// Whether a theme with `code` exists as `tx` sees it.
  virtual core::Result<bool> Exists(store::Tx& tx, const std::string& code) const = 0;
};

}  // namespace sawt::module
