#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sawt::http {

/// One translated message. Texts may hold {0}, {1}, ... slots filled from Error::args.
struct Message {
  std::string key;  ///< "<module>.<reason>"
  std::string ar;
  std::string en;
};

/// Adds messages to the process-wide catalogue (modules call this from their Register()).
/// Thread-safe. A later registration of the same key replaces the earlier one.
void AddMessages(const std::vector<Message>& messages);

/// The text for `key` in `lang` ("ar" or "en") with slots filled; the key itself if unknown.
std::string Translate(std::string_view key, std::string_view lang, const std::vector<std::string>& args = {});

/// Every registered key (for the i18n completeness test).
std::vector<Message> AllMessages();

}  // namespace sawt::http
