#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace sawt::core {

/// Protocol-agnostic failure classes. Client-caused codes come first; the HTTP edge
/// (http/problem.cpp) is the one place that maps them to status codes.
enum class ErrorCode {
  kInvalidInput,
  kUnauthenticated,
  kForbidden,
  kNotFound,
  kConflict,
  kPreconditionFailed,
  kUnprocessable,  ///< well-formed input a domain rule refuses (a text over a platform's limit)
  kTooLarge,
  kUnsupportedMediaType,  ///< a body in a media type the endpoint does not take
  kRateLimited,
  kUnavailable,
  kInternal,
};

/// Stable wire name of a code ("invalid_input", ...).
const char* ErrorCodeName(ErrorCode code);

/// A failure a user, the network or the store can cause. `key` names a translated message
/// (`<module>.<reason>`, e.g. "network.entity_not_found"); `args` fill its {0}, {1} ... slots;
/// `field` is the JSON path of the offending input, if any; `detail` is for logs only. `ids` and
/// `items` reach the problem body as they are, for clients that act on them rather than read the
/// message: the ids of the resources the problem is about (the assessment that already exists, the
/// activities still waited for) and the codes of the input items at fault.
struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string key;
  std::vector<std::string> args;
  std::string field;
  std::string detail;
  std::vector<int64_t> ids;
  std::vector<std::string> items;

  Error WithIds(std::vector<int64_t> values) && {
    ids = std::move(values);
    return std::move(*this);
  }
  Error WithItems(std::vector<std::string> values) && {
    items = std::move(values);
    return std::move(*this);
  }

  static Error InvalidInput(std::string key, std::string field = {}, std::vector<std::string> args = {}) {
    return {ErrorCode::kInvalidInput, std::move(key), std::move(args), std::move(field), {}, {}, {}};
  }
  static Error Unauthenticated(std::string key = "auth.unauthenticated") {
    return {ErrorCode::kUnauthenticated, std::move(key), {}, {}, {}, {}, {}};
  }
  static Error Forbidden(std::string key = "auth.forbidden") {
    return {ErrorCode::kForbidden, std::move(key), {}, {}, {}, {}, {}};
  }
  static Error NotFound(std::string key, std::vector<std::string> args = {}) {
    return {ErrorCode::kNotFound, std::move(key), std::move(args), {}, {}, {}, {}};
  }
  static Error Conflict(std::string key, std::vector<std::string> args = {}, std::string field = {}) {
    return {ErrorCode::kConflict, std::move(key), std::move(args), std::move(field), {}, {}, {}};
  }
  static Error PreconditionFailed(std::string key = "common.precondition_failed") {
    return {ErrorCode::kPreconditionFailed, std::move(key), {}, {}, {}, {}, {}};
  }
  static Error Unprocessable(std::string key, std::string field = {}, std::vector<std::string> args = {}) {
    return {ErrorCode::kUnprocessable, std::move(key), std::move(args), std::move(field), {}, {}, {}};
  }
  static Error TooLarge(std::string key = "common.too_large") {
    return {ErrorCode::kTooLarge, std::move(key), {}, {}, {}, {}, {}};
  }
  static Error UnsupportedMediaType(std::string key = "common.unsupported_media_type") {
    return {ErrorCode::kUnsupportedMediaType, std::move(key), {}, {}, {}, {}, {}};
  }
  static Error RateLimited(std::string key = "common.rate_limited") {
    return {ErrorCode::kRateLimited, std::move(key), {}, {}, {}, {}, {}};
  }
  static Error Unavailable(std::string detail) {
    return {ErrorCode::kUnavailable, "common.unavailable", {}, {}, std::move(detail), {}, {}};
  }
  static Error Internal(std::string detail) {
    return {ErrorCode::kInternal, "common.internal", {}, {}, std::move(detail), {}, {}};
  }
};

}  // namespace sawt::core
