#pragma once

#include <string>

#include "core/json.hpp"
#include "module/vocabulary.hpp"

/// JSON Schema fragments for the OpenAPI document, shared by every module so that one kind of
/// field is described one way (a text's maximum length is always stated, dates and timestamps
/// carry their format, a closed list comes from its vocabulary).
namespace sawt::module::schema {

/// Text of at most `max_length` bytes (300 unless the field says otherwise).
core::Json Str(int max_length = 300);
core::Json NullableStr(int max_length = 300);
core::Json Int();
core::Json NullableInt();
core::Json Bool();
core::Json Number();
/// "YYYY-MM-DD".
core::Json Date();
core::Json NullableDate();
/// An RFC 3339 instant in UTC, as the store writes it ("2026-12-04T18:22:14.123456Z").
core::Json Timestamp();
core::Json NullableTimestamp();
/// The codes of `vocabulary` (an "enum"); `nullable` adds null.
core::Json Enum(const Vocabulary& vocabulary, bool nullable = false);
/// A list of at most `max_items` codes: of `vocabulary` when given, else slugs of up to 64 bytes.
core::Json Codes(int max_items, const Vocabulary* vocabulary = nullptr);
/// A request body: exactly these members (additionalProperties false), `required` among them.
core::Json Obj(core::Json properties, core::Json required = core::Json::array());
/// {"$ref": "#/components/schemas/<name>"}.
core::Json Ref(const std::string& name);
/// {"items": [<name>…]}, the shape of an unpaged list.
core::Json ListOf(const std::string& name);

}  // namespace sawt::module::schema
