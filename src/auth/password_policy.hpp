#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace sawt::auth {

/// The rules for a new password of the account `login`: 10..256 bytes and not only spaces
/// ("auth.weak_password"), not containing the login, case-insensitively
/// ("auth.password_contains_login"), not a commonly used password ("auth.common_password").
/// kInvalidInput on `field`.
core::Status CheckNewPassword(std::string_view password, std::string_view login, const std::string& field);

/// True when `password`, compared case-insensitively (ASCII), is one of the commonly used
/// passwords listed in src/auth/data/common_passwords.txt (compiled in; see that file for its
/// source). Thread-safe.
bool IsCommonPassword(std::string_view password);

}  // namespace sawt::auth
