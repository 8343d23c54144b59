#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.hpp"
#include "core/result.hpp"

namespace sawt::module {

/// One value of a vocabulary: a stable code, its labels in both languages, and attributes a client
/// may use (e.g. a channel's {"online": true}).
struct Term {
  std::string code;
  std::string label_ar;
  std::string label_en;
  core::Json attributes = core::Json::object();
};

/// A closed list of codes (channels, audiences, kinds, statuses…), declared once by the module that
/// owns it, validated on input through Check, and served with both languages' labels at
/// GET /api/v1/vocabularies so that clients and the web UI keep no copies. Immutable once registered.
class Vocabulary {
 public:
  /// REQUIRES: codes are unique and non-empty; both labels are non-empty.
  Vocabulary(std::string name, std::vector<Term> terms);

  const std::string& name() const { return name_; }
  const std::vector<Term>& terms() const { return terms_; }
  const Term* Find(std::string_view code) const;
  bool Has(std::string_view code) const { return Find(code) != nullptr; }
  /// Ok when `code` is a term; else kInvalidInput `key` naming `field`, with the code as argument
  /// (each module keeps its own, more specific message key).
  core::Status Check(const std::string& code, const char* key, const char* field) const;
  /// {"name", "terms": [{"code", "label_ar", "label_en", …attributes}]}.
  core::Json ToJson() const;

 private:
  std::string name_;
  std::vector<Term> terms_;
};

/// Reads a list of codes: a JSON array of at most `max` strings, each a term of `allowed`, or, with
/// no vocabulary, a slug ([a-z0-9_-], 1..64 bytes; e.g. theme codes checked against their catalog
/// afterwards). Duplicates are dropped, order kept. nullptr → nullopt. Errors: kInvalidInput
/// `shape_key` (argument: the field) for anything but such an array, `unknown_key` (argument: the
/// code) for a code the vocabulary lacks.
core::Result<std::optional<core::Json>> ReadCodes(const core::Json* raw, const char* field, const char* shape_key,
                                                  const char* unknown_key, const Vocabulary* allowed,
                                                  size_t max = 20);

/// Codes stored as a JSON array text (how modules keep ReadCodes' result); non-strings and
/// malformed text are skipped.
std::vector<std::string> StoredCodes(const std::string& json_text);

}  // namespace sawt::module
