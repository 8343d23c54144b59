#pragma once

#include <optional>
#include <type_traits>
#include <utility>
#include <variant>

#include "core/assert.hpp"
#include "core/error.hpp"

namespace sawt::core {

/// Either a value or an Error; the surface of C++23 std::expected<T, Error> so that a later
/// move to the standard type is a rename. Not thread-safe (a plain value type).
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : v_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  bool has_value() const { return v_.index() == 0; }
  explicit operator bool() const { return has_value(); }

  /// REQUIRES: has_value().
  T& value() & {
    SAWT_ASSERT(has_value(), "value() on an error Result");
    return std::get<0>(v_);
  }
  const T& value() const& {
    SAWT_ASSERT(has_value(), "value() on an error Result");
    return std::get<0>(v_);
  }
  T&& value() && {
    SAWT_ASSERT(has_value(), "value() on an error Result");
    return std::get<0>(std::move(v_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  /// REQUIRES: !has_value().
  const Error& error() const& {
    SAWT_ASSERT(!has_value(), "error() on a value Result");
    return std::get<1>(v_);
  }
  Error&& error() && {
    SAWT_ASSERT(!has_value(), "error() on a value Result");
    return std::get<1>(std::move(v_));
  }

 private:
  std::variant<T, Error> v_;
};

/// Success without a value, or an Error.
template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)) {}  // NOLINT: implicit by design

  bool has_value() const { return !error_.has_value(); }
  explicit operator bool() const { return has_value(); }
  const Error& error() const& {
    SAWT_ASSERT(error_.has_value(), "error() on a value Result");
    return *error_;
  }
  Error&& error() && {
    SAWT_ASSERT(error_.has_value(), "error() on a value Result");
    return std::move(*error_);
  }

 private:
  std::optional<Error> error_;
};

using Status = Result<void>;

inline Status Ok() { return {}; }

}  // namespace sawt::core

/// Returns the error of `expr` (a Result) from the enclosing function, if it has one.
#define SAWT_TRY_STATUS(expr)                              \
  do {                                                     \
    auto sawt_try_result_ = (expr);                        \
    if (!sawt_try_result_) return std::move(sawt_try_result_).error(); \
  } while (0)

#define SAWT_CONCAT_INNER_(a, b) a##b
#define SAWT_CONCAT_(a, b) SAWT_CONCAT_INNER_(a, b)
/// `SAWT_ASSIGN_OR_RETURN(auto x, Foo());` binds the value or returns the error.
#define SAWT_ASSIGN_OR_RETURN(lhs, expr) SAWT_ASSIGN_OR_RETURN_IMPL_(SAWT_CONCAT_(sawt_r_, __LINE__), lhs, expr)
#define SAWT_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                                \
  if (!tmp) return std::move(tmp).error();          \
  lhs = std::move(tmp).value()
