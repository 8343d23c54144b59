#include "core/json.hpp"

#include <cstdint>

namespace sawt::core {

Result<Json> ParseJsonObject(std::string_view body) {
  // The callback sees each value's depth as it starts; refusing one deeper than the limit makes
  // the parser skip it without building it, and the flag turns the whole body into an error.
  bool too_deep = false;
  auto limit_depth = [&too_deep](int depth, Json::parse_event_t event, Json&) {
    if ((event == Json::parse_event_t::object_start || event == Json::parse_event_t::array_start) &&
        depth >= kMaxJsonDepth) {
      too_deep = true;
      return false;
    }
    return !too_deep;
  };
  // nlohmann's lexer rejects ill-formed UTF-8 inside strings, so this also validates encoding.
  Json parsed = Json::parse(body.begin(), body.end(), limit_depth, /*allow_exceptions=*/false);
  if (too_deep) return Error::InvalidInput("common.json_too_deep", "", {std::to_string(kMaxJsonDepth)});
  if (parsed.is_discarded()) return Error::InvalidInput("common.malformed_json");
  if (!parsed.is_object()) return Error::InvalidInput("common.expected_object");
  return parsed;
}

std::string DumpJson(const Json& value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::optional<int64_t> JsonInt64(const Json& value) {
  if (value.is_number_unsigned()) {
    const auto u = value.get<uint64_t>();
    if (u > static_cast<uint64_t>(INT64_MAX)) return std::nullopt;
    return static_cast<int64_t>(u);
  }
  if (value.is_number_integer()) return value.get<int64_t>();
  return std::nullopt;
}

JsonReader::JsonReader(const Json& object, std::string path_prefix)
    : object_(object), prefix_(std::move(path_prefix)) {}

void JsonReader::Fail(Error e) {
  if (!error_) error_ = std::move(e);
}

bool JsonReader::Has(const std::string& name) const { return object_.contains(name); }

bool JsonReader::IsNull(const std::string& name) const {
  auto it = object_.find(name);
  return it != object_.end() && it->is_null();
}

const Json* JsonReader::Raw(const std::string& name) {
  seen_.insert(name);
  auto it = object_.find(name);
  return it == object_.end() ? nullptr : &*it;
}

std::optional<std::string> JsonReader::String(const std::string& name, bool required, size_t max_bytes,
                                              bool non_empty) {
  const Json* v = Raw(name);
  if (v == nullptr || v->is_null()) {
    if (required) Fail(Error::InvalidInput("common.field_required", prefix_ + name, {name}));
    return std::nullopt;
  }
  if (!v->is_string()) {
    Fail(Error::InvalidInput("common.expected_string", prefix_ + name, {name}));
    return std::nullopt;
  }
  const auto& s = v->get_ref<const std::string&>();
  if (s.size() > max_bytes) {
    Fail(Error::InvalidInput("common.field_too_long", prefix_ + name, {name, std::to_string(max_bytes)}));
    return std::nullopt;
  }
  if (non_empty && s.find_first_not_of(" \t\r\n") == std::string::npos) {
    Fail(Error::InvalidInput("common.field_empty", prefix_ + name, {name}));
    return std::nullopt;
  }
  return s;
}

std::optional<int64_t> JsonReader::Int(const std::string& name, bool required) {
  const Json* v = Raw(name);
  if (v == nullptr || v->is_null()) {
    if (required) Fail(Error::InvalidInput("common.field_required", prefix_ + name, {name}));
    return std::nullopt;
  }
  if (!v->is_number_integer()) {
    Fail(Error::InvalidInput("common.expected_integer", prefix_ + name, {name}));
    return std::nullopt;
  }
  auto value = JsonInt64(*v);
  if (!value) {
    // Quoting the number back would show the client a value it never sent (or a wrapped one).
    Fail(Error::InvalidInput("common.integer_out_of_range", prefix_ + name, {name}));
    return std::nullopt;
  }
  return value;
}

std::optional<bool> JsonReader::Bool(const std::string& name, bool required) {
  const Json* v = Raw(name);
  if (v == nullptr || v->is_null()) {
    if (required) Fail(Error::InvalidInput("common.field_required", prefix_ + name, {name}));
    return std::nullopt;
  }
  if (!v->is_boolean()) {
    Fail(Error::InvalidInput("common.expected_boolean", prefix_ + name, {name}));
    return std::nullopt;
  }
  return v->get<bool>();
}

Status JsonReader::Finish() {
  if (error_) return *error_;
  for (auto it = object_.begin(); it != object_.end(); ++it) {
    if (!seen_.count(it.key())) {
      return Error::InvalidInput("common.unknown_field", prefix_ + it.key(), {it.key()});
    }
  }
  return Ok();
}

}  // namespace sawt::core
