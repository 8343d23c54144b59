#pragma once

#include <string>
#include <vector>

#include "core/json.hpp"

namespace sawt::testing {

/// Checks JSON values against JSON Schema 2020-12 as OpenAPI 3.1 uses it, for the keywords sawt's
/// OpenAPI document uses: type (a name or a list of names, "integer" for integral numbers, "null"),
/// enum, const, properties, required, additionalProperties, items, minItems/maxItems, $ref (a JSON
/// pointer into the root document), minLength/maxLength (in code points), pattern (ECMAScript),
/// minimum/maximum, exclusiveMinimum/exclusiveMaximum, allOf/anyOf/oneOf. Annotations (description,
/// format, examples, ...) are ignored. Any other keyword is reported as unsupported, so a schema
/// the validator does not understand never passes silently. Thread-safe after construction.
class SchemaValidator {
 public:
  struct Options {
    /// An object schema that lists `properties` and says nothing about additionalProperties
    /// refuses other members (responses must not carry fields their schema does not describe).
    bool closed_objects = false;
  };

  /// `root` is the document `$ref`s resolve in ("#/components/schemas/Entity").
  explicit SchemaValidator(core::Json root);
  SchemaValidator(core::Json root, Options options);

  /// What is wrong with `value` under `schema`, one "<JSON pointer>: <problem>" per finding; empty
  /// when it conforms.
  std::vector<std::string> Validate(const core::Json& value, const core::Json& schema) const;

  /// The value at a local reference ("#/a/b", with ~0 and ~1 escapes), or null when it names nothing.
  const core::Json* Resolve(const std::string& ref) const;

 private:
  void Check(const core::Json& value, const core::Json& schema, const std::string& at, int depth,
             std::vector<std::string>& out) const;

  core::Json root_;
  Options options_;
};

}  // namespace sawt::testing
