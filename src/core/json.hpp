#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/result.hpp"

namespace sawt::core {

using Json = nlohmann::json;

/// Deepest nesting of arrays and objects a request body may have. Request handling walks and
/// serialises values recursively (nlohmann's dump() recurses per level), so the depth is bounded
/// when parsing, before any tree exists.
inline constexpr int kMaxJsonDepth = 64;

/// Parses a request body that must be one JSON object. Rejects malformed JSON, invalid UTF-8
/// and other top-level types with kInvalidInput ("common.malformed_json" / "common.expected_object"),
/// and nesting deeper than kMaxJsonDepth with "common.json_too_deep" (the parser itself keeps its
/// own stack on the heap; deeper subtrees are never built).
Result<Json> ParseJsonObject(std::string_view body);

/// Serialises without throwing: invalid UTF-8 in strings (which validated input never has) is
/// replaced by U+FFFD.
std::string DumpJson(const Json& value);

/// The value of an integral JSON number that fits int64 (nlohmann keeps 2^63..2^64-1 as unsigned,
/// which a plain get<int64_t>() wraps to a negative number). Floats, even 5.0, are not integers.
std::optional<int64_t> JsonInt64(const Json& value);

/// Reads the fields of one JSON object with type checks, then `Finish()` rejects any field that
/// was never asked for (unknown fields are errors, not silently dropped). The first error wins;
/// later calls return defaults. Not thread-safe; lives for one request.
class JsonReader {
 public:
  /// REQUIRES: `object` outlives the reader (it is not copied).
  explicit JsonReader(const Json& object, std::string path_prefix = {});
  JsonReader(Json&&, std::string = {}) = delete;

  /// A string field. `required` missing → error; `max_bytes` over → error; empty allowed unless
  /// `non_empty`.
  std::optional<std::string> String(const std::string& name, bool required, size_t max_bytes = 4096,
                                    bool non_empty = true);
  /// An integer field in int64's range; 2^63 and above is "common.integer_out_of_range", a
  /// float (5.0 included) "common.expected_integer".
  std::optional<int64_t> Int(const std::string& name, bool required);
  std::optional<bool> Bool(const std::string& name, bool required);
  /// True when the field is present and JSON null (used to clear optional values on update).
  bool IsNull(const std::string& name) const;
  bool Has(const std::string& name) const;
  /// Marks a field as known without reading it (the caller handles it by hand).
  const Json* Raw(const std::string& name);

  /// The first error, or an unknown-field error, or Ok.
  Status Finish();

 private:
  void Fail(Error e);

  const Json& object_;
  std::string prefix_;
  std::set<std::string> seen_;
  std::optional<Error> error_;
};

}  // namespace sawt::core
