#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "store/store.hpp"

namespace sawt::module {

/// Something another module noticed that a crisis room should see on its timeline: an incoming
/// media inquiry, a spike in listening, a failed publication. The crisis module never reads
/// another module's tables; each module with such signals registers a CrisisSignalSource
/// (ModuleRegistry::AddCrisisSignalSource) and the room asks it.
struct CrisisSignal {
  std::string source;  ///< the kind of signal, e.g. "media_inquiry", "listening_spike"
  std::string at;      ///< when it happened, "YYYY-MM-DDTHH:MM:SS…Z"
  std::optional<int64_t> entity_id;
  std::string title_ar, title_en;
  std::string link;  ///< a web hash route to the thing itself, or ""
};

/// What a crisis room asks for: signals in [since, until) about any of its entities (the lead and
/// the affected ones, each with its departments) or any of its themes.
struct CrisisSignalQuery {
  std::vector<int64_t> entity_ids;
  std::vector<std::string> themes;
  std::string since, until;  ///< ISO 8601 UTC instants
};

/// Implemented by a module that has signals for crisis rooms. Thread-safe; Signals only reads,
/// inside the room's read transaction, and answers at most `limit` signals, newest first.
class CrisisSignalSource {
 public:
  virtual ~CrisisSignalSource() = default;
  virtual core::Result<std::vector<CrisisSignal>> Signals(store::Tx& tx, const CrisisSignalQuery& query,
                                                          size_t limit) const = 0;
};

}  // namespace sawt::module
