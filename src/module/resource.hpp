#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/json.hpp"
#include "store/store.hpp"

namespace sawt::module {

/// One member of a resource: its JSON name, its JSON Schema (module::schema), and the column it
/// is stored in. The schema's type says how the column is read: "integer" → Int, "number" →
/// Double, "boolean" → Int ≠ 0, "array" → JSON text parsed, "string" or an enum → Text; a type
/// that admits null reads a NULL column as null.
struct Field {
  std::string name;
  core::Json schema;
  std::string column = {};  ///< empty: the same as `name`
  /// An update may send null to clear it (its input schema keeps "null"); otherwise input schemas
  /// drop "null" from the type (null is what the server answers, not what a client sends).
  bool null_clears = false;
};

/// The one description of a resource: the columns a SELECT names, the wire JSON of a row, the
/// OpenAPI response schema and the request schemas, all from one list of fields, so they cannot
/// drift apart. Immutable once built.
class Resource {
 public:
  /// `fields` are read from the row. `added` are members the service sets on ToJson's object
  /// itself (another module's data, a value worked out): Schema() and Input() describe them like
  /// the others, Columns() and ToJson() leave them out.
  explicit Resource(std::vector<Field> fields, std::vector<Field> added = {});

  /// "id, fact_key, …" for a SELECT (each column once, in field order), prefixed with
  /// `table_alias` + "." when given.
  std::string Columns(std::string_view table_alias = {}) const;
  /// The row's wire JSON: every field read from the row, by its column (not the added ones).
  /// REQUIRES: the SELECT named Columns().
  core::Json ToJson(const store::Row& row) const;
  /// The response schema: an object with every field, all required.
  core::Json Schema() const;
  /// A request body's schema: exactly `names` and the members of `request_only` (name → schema:
  /// what only requests carry, such as a password), additionalProperties false, `required` among
  /// them. REQUIRES (asserted): every name is a field.
  core::Json Input(const std::vector<std::string>& names, const std::vector<std::string>& required = {},
                   core::Json request_only = core::Json::object()) const;
  /// The field named `name`. REQUIRES (asserted): it exists.
  const Field& field(std::string_view name) const;
  /// Every field: those read from the row, then the added ones.
  const std::vector<Field>& fields() const { return fields_; }

 private:
  std::vector<Field> fields_;
  size_t stored_;  ///< the first `stored_` fields are read from the row
};

}  // namespace sawt::module
