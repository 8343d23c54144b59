#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace sawt::core {

/// Microseconds since the Unix epoch, UTC.
int64_t NowMicros();

/// ISO 8601 UTC with microseconds, e.g. "2026-11-23T11:36:47.123456Z". Sorts lexicographically.
std::string FormatIsoUtc(int64_t micros);
inline std::string NowIsoUtc() { return FormatIsoUtc(NowMicros()); }

/// Parses "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SS[.ffffff]Z"; false on anything else.
bool ParseIsoUtc(const std::string& text, int64_t* micros);

}  // namespace sawt::core
