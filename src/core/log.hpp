#pragma once

#include <string_view>

#include "core/json.hpp"

namespace sawt::core {

enum class LogLevel { kDebug, kInfo, kWarn, kError };

/// Writes one structured JSON line {"ts","level","msg",...fields} to stderr. Thread-safe.
void Log(LogLevel level, std::string_view msg, const Json& fields = Json::object());

/// Lines below this level are dropped (default kInfo; SAWT_LOG_LEVEL=debug|info|warn|error).
void SetLogLevel(LogLevel level);

}  // namespace sawt::core
