#include "auth/password_policy.hpp"

#include <string>
#include <unordered_set>

namespace sawt::auth {
namespace detail {
extern const std::string_view kCommonPasswordsText;  // common_passwords_data.cpp (generated)
}  // namespace detail
namespace {

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

const std::unordered_set<std::string>& CommonPasswords() {
  static const auto* set = [] {
    auto* out = new std::unordered_set<std::string>();
    std::string_view text = detail::kCommonPasswordsText;
    while (!text.empty()) {
      size_t end = text.find('\n');
      std::string_view line = text.substr(0, end);
      text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line.empty() || line.front() == '#') continue;
      out->insert(LowerAscii(line));
    }
    return out;
  }();
  return *set;
}

}  // namespace

bool IsCommonPassword(std::string_view password) { return CommonPasswords().count(LowerAscii(password)) > 0; }

core::Status CheckNewPassword(std::string_view password, std::string_view login, const std::string& field) {
  if (password.size() < 10 || password.size() > 256 || password.find_first_not_of(' ') == std::string_view::npos) {
    return core::Error::InvalidInput("auth.weak_password", field);
  }
  if (!login.empty() && LowerAscii(password).find(LowerAscii(login)) != std::string::npos) {
    return core::Error::InvalidInput("auth.password_contains_login", field);
  }
  if (IsCommonPassword(password)) return core::Error::InvalidInput("auth.common_password", field);
  return core::Ok();
}

}  // namespace sawt::auth
