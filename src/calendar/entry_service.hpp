#pragma once

#include <cstdint>
#include <optional>

#include "auth/caller.hpp"
#include "calendar/calendar_service.hpp"
#include "core/json.hpp"
#include "core/result.hpp"
#include "module/registry.hpp"
#include "store/store.hpp"

namespace sawt::calendar {

/// The calendar's own dated things, planned by the entities: entries (announcements, events,
/// campaigns, national days) and blackout dates. Each answer about an entry carries the conflicts
/// it takes part in (warnings: planning is never blocked), worked out by the view's rule
/// (CalendarService::ConflictsOfEntry). Every change is one transaction with its event.
/// Thread-safe; answers wire JSON.
class EntryService {
 public:
  /// `registry`: the entity directory, the theme catalog and the channel vocabulary; `calendar`:
  /// the conflicts. Both outlive the service.
  EntryService(store::Store& store, const module::ModuleRegistry& registry, const CalendarService& calendar)
      : store_(store), registry_(registry), calendar_(calendar) {}

  core::Result<core::Json> GetEntry(const auth::Caller& caller, int64_t id);
  /// The created entry with the conflicts it causes.
  core::Result<core::Json> CreateEntry(const auth::Caller& caller, const core::Json& body);
  core::Result<core::Json> UpdateEntry(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                       const core::Json& body);
  core::Status DeleteEntry(const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match);

  core::Result<core::Json> ListBlackouts(const auth::Caller& caller);
  core::Result<core::Json> CreateBlackout(const auth::Caller& caller, const core::Json& body);
  core::Status DeleteBlackout(const auth::Caller& caller, int64_t id);

 private:
  store::Store& store_;
  const module::ModuleRegistry& registry_;
  const CalendarService& calendar_;
};

}  // namespace sawt::calendar
