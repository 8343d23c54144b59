#pragma once

#include <cstdint>
#include <string>

#include "core/result.hpp"
#include "module/registry.hpp"
#include "store/store.hpp"

namespace sawt::crisis {

/// What the public sees of crisis statements, without signing in: each published statement as an
/// OASIS CAP 1.2 alert (Alert, Update or Cancel; an info block in Arabic and one in English; the
/// crisis's areas; a drill's statements as Exercise), and an Atom index of them (the CAP Atom
/// profile publishers use: one entry per alert, linked as application/cap+xml). Thread-safe.
class PublicAlerts {
 public:
  /// `public_url`: the deployment's address (--public-url, may be empty); its host is the CAP sender.
  PublicAlerts(store::Store& store, const module::ModuleRegistry& registry, std::string public_url);

  /// The CAP document of the published statement `id` (404 crisis.alert_not_found otherwise).
  core::Result<std::string> Cap(int64_t id) const;
  /// The Atom index of the newest 100 published statements.
  core::Result<std::string> AtomIndex() const;
  /// The CAP sender: the public address's host, or "sawt.localhost" without one.
  const std::string& sender() const { return sender_; }

 private:
  store::Store& store_;
  const module::ModuleRegistry& registry_;
  std::string public_url_;
  std::string sender_;
};

}  // namespace sawt::crisis
