#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "auth/caller.hpp"
#include "core/json.hpp"
#include "core/result.hpp"
#include "module/network_time.hpp"
#include "store/store.hpp"

namespace sawt::network {

/// The network-wide settings (today: its time zone, default Asia/Dubai), read by every member and
/// changed by network admins; other modules read the zone through module::NetworkTime.
class NetworkSettingsService : public module::NetworkTime {
 public:
  explicit NetworkSettingsService(store::Store& store) : store_(store) {}

  static std::vector<store::Migration> Migrations();

  core::Result<core::Json> Get(const auth::Caller& caller);
  /// {"time_zone": "<IANA id>"}; If-Match optional. An unknown zone is 400 network.bad_time_zone.
  core::Result<core::Json> Update(const auth::Caller& caller, std::optional<int64_t> if_match, const core::Json& body);

  core::Result<core::TimeZone> Zone(store::Tx& tx) const override;

 private:
  store::Store& store_;
};

}  // namespace sawt::network
