#pragma once

#include <map>
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

/// The translated messages of one application: the common ones every layer uses (JSON reading,
/// the error factories, the HTTP edge, problem titles) plus those its modules add while they
/// register (module::ModuleRegistry::AddMessages). Filled single-threaded before the server
/// starts and only read afterwards, so reads take no lock.
class MessageCatalog {
 public:
  /// A catalogue holding the common messages.
  MessageCatalog();

  /// Adds messages; a later message with the same key replaces the earlier one.
  void Add(const std::vector<Message>& messages);

  /// The text for `key` in `lang` ("ar", or "en"; anything else reads Arabic) with its slots
  /// filled from `args`; the key itself if unknown.
  std::string Translate(std::string_view key, std::string_view lang, const std::vector<std::string>& args = {}) const;

  /// Every message, by key (for the completeness tests).
  std::vector<Message> All() const;

  /// The common messages alone, for code that runs without an application (an HTTP server
  /// without modules, the command line before the app opens). Immutable.
  static const MessageCatalog& Common();

 private:
  std::map<std::string, Message, std::less<>> by_key_;
};

}  // namespace sawt::http
