#pragma once

#include <memory>

#include "crisis/alert_stream.hpp"
#include "crisis/public_alerts.hpp"
#include "crisis/statement_service.hpp"
#include "module/registry.hpp"

namespace sawt::crisis {

/// Crisis statements (drafting, submission, approval) and their public face: CAP alerts and their
/// Atom index, the newest statements as JSON and their live stream (SSE), without signing in.
void RegisterStatementRoutes(module::ModuleRegistry& reg, std::shared_ptr<StatementService> statements,
                             std::shared_ptr<PublicAlerts> alerts, std::shared_ptr<AlertFeed> feed);

}  // namespace sawt::crisis
