#include "tests/support/json_schema.hpp"

#include <cmath>
#include <regex>
#include <set>

namespace sawt::testing {
namespace {

using core::Json;

/// Keywords that describe rather than constrain: they never fail a value.
const std::set<std::string> kAnnotations = {"description", "title",    "format",   "examples",     "example",
                                            "default",     "readOnly", "writeOnly", "deprecated",  "$comment",
                                            "$schema",     "$id",      "contentMediaType", "contentEncoding"};

/// Keywords Check() applies; anything else is reported as unsupported.
const std::set<std::string> kAssertions = {"type",      "enum",      "const",     "properties",       "required",
                                           "additionalProperties", "items", "minItems", "maxItems", "$ref",
                                           "minLength", "maxLength", "pattern",   "minimum",          "maximum",
                                           "exclusiveMinimum", "exclusiveMaximum", "allOf", "anyOf", "oneOf"};

constexpr int kMaxDepth = 64;

bool HasType(const Json& value, const std::string& type) {
  if (type == "null") return value.is_null();
  if (type == "boolean") return value.is_boolean();
  if (type == "object") return value.is_object();
  if (type == "array") return value.is_array();
  if (type == "string") return value.is_string();
  if (type == "number") return value.is_number();
  if (type == "integer") {
    if (value.is_number_integer()) return true;
    if (!value.is_number_float()) return false;
    const double d = value.get<double>();
    return std::isfinite(d) && std::floor(d) == d;
  }
  return false;
}

std::string TypeName(const Json& value) {
  if (value.is_number_integer()) return "integer";
  if (value.is_number()) return "number";
  return value.type_name();
}

size_t CodePoints(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string Escape(const std::string& key) {
  std::string out;
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

std::string Short(const Json& value) {
  std::string s = value.dump();
  return s.size() > 80 ? s.substr(0, 77) + "..." : s;
}

}  // namespace

SchemaValidator::SchemaValidator(Json root) : SchemaValidator(std::move(root), Options{}) {}
SchemaValidator::SchemaValidator(Json root, Options options) : root_(std::move(root)), options_(options) {}

std::vector<std::string> SchemaValidator::Validate(const Json& value, const Json& schema) const {
  std::vector<std::string> out;
  Check(value, schema, "", 0, out);
  return out;
}

const Json* SchemaValidator::Resolve(const std::string& ref) const {
  if (ref.rfind("#", 0) != 0) return nullptr;
  const Json* at = &root_;
  size_t pos = 1;
  while (pos < ref.size()) {
    if (ref[pos] != '/') return nullptr;
    const size_t next = ref.find('/', pos + 1);
    std::string token = ref.substr(pos + 1, next == std::string::npos ? std::string::npos : next - pos - 1);
    for (size_t i = 0; (i = token.find('~', i)) != std::string::npos; ++i) {
      if (i + 1 >= token.size() || (token[i + 1] != '0' && token[i + 1] != '1')) return nullptr;
      token.replace(i, 2, token[i + 1] == '0' ? "~" : "/");
    }
    if (!at->is_object() || !at->contains(token)) return nullptr;
    at = &(*at)[token];
    pos = next == std::string::npos ? ref.size() : next;
  }
  return at;
}

void SchemaValidator::Check(const Json& value, const Json& schema, const std::string& at, int depth,
                            std::vector<std::string>& out) const {
  const std::string where = at.empty() ? "/" : at;
  if (depth > kMaxDepth) {
    out.push_back(where + ": schema nesting deeper than " + std::to_string(kMaxDepth) + " (a $ref cycle?)");
    return;
  }
  if (schema.is_boolean()) {
    if (!schema.get<bool>()) out.push_back(where + ": no value is allowed here");
    return;
  }
  if (!schema.is_object()) {
    out.push_back(where + ": the schema is not an object: " + Short(schema));
    return;
  }
  for (const auto& [keyword, _] : schema.items()) {
    if (!kAssertions.count(keyword) && !kAnnotations.count(keyword)) {
      out.push_back(where + ": unsupported schema keyword \"" + keyword + "\"");
    }
  }
  if (schema.contains("$ref")) {
    const std::string ref = schema["$ref"].get<std::string>();
    const Json* target = Resolve(ref);
    if (!target) {
      out.push_back(where + ": unresolved $ref " + ref);
    } else {
      Check(value, *target, at, depth + 1, out);
    }
  }
  if (schema.contains("type")) {
    const Json& type = schema["type"];
    bool ok = false;
    if (type.is_string()) {
      ok = HasType(value, type.get<std::string>());
    } else {
      for (const auto& t : type) ok = ok || HasType(value, t.get<std::string>());
    }
    if (!ok) {
      out.push_back(where + ": expected type " + type.dump() + ", got " + TypeName(value) + " " + Short(value));
      return;  // the other keywords would only repeat the mismatch
    }
  }
  if (schema.contains("enum")) {
    bool found = false;
    for (const auto& option : schema["enum"]) found = found || option == value;
    if (!found) out.push_back(where + ": " + Short(value) + " is not one of " + Short(schema["enum"]));
  }
  if (schema.contains("const") && schema["const"] != value) {
    out.push_back(where + ": expected " + Short(schema["const"]) + ", got " + Short(value));
  }
  if (value.is_string()) {
    const std::string& s = value.get_ref<const std::string&>();
    const size_t length = CodePoints(s);
    if (schema.contains("minLength") && length < schema["minLength"].get<size_t>()) {
      out.push_back(where + ": shorter than minLength " + schema["minLength"].dump());
    }
    if (schema.contains("maxLength") && length > schema["maxLength"].get<size_t>()) {
      out.push_back(where + ": longer than maxLength " + schema["maxLength"].dump());
    }
    if (schema.contains("pattern")) {
      const std::string pattern = schema["pattern"];
      try {
        if (!std::regex_search(s, std::regex(pattern, std::regex::ECMAScript))) {
          out.push_back(where + ": " + Short(value) + " does not match pattern " + pattern);
        }
      } catch (const std::regex_error& e) {
        out.push_back(where + ": bad pattern " + pattern + ": " + e.what());
      }
    }
  }
  if (value.is_number()) {
    const double d = value.get<double>();
    auto bound = [&](const char* keyword, auto fails) {
      if (schema.contains(keyword) && fails(schema[keyword].template get<double>())) {
        out.push_back(where + ": " + Short(value) + " breaks " + keyword + " " + schema[keyword].dump());
      }
    };
    bound("minimum", [d](double b) { return d < b; });
    bound("maximum", [d](double b) { return d > b; });
    bound("exclusiveMinimum", [d](double b) { return d <= b; });
    bound("exclusiveMaximum", [d](double b) { return d >= b; });
  }
  if (value.is_array()) {
    if (schema.contains("minItems") && value.size() < schema["minItems"].get<size_t>()) {
      out.push_back(where + ": fewer than minItems " + schema["minItems"].dump());
    }
    if (schema.contains("maxItems") && value.size() > schema["maxItems"].get<size_t>()) {
      out.push_back(where + ": more than maxItems " + schema["maxItems"].dump());
    }
    if (schema.contains("items")) {
      for (size_t i = 0; i < value.size(); ++i) Check(value[i], schema["items"], at + "/" + std::to_string(i), depth + 1, out);
    }
  }
  if (value.is_object()) {
    if (schema.contains("required")) {
      for (const auto& name : schema["required"]) {
        if (!value.contains(name.get<std::string>())) out.push_back(where + ": missing required member " + name.dump());
      }
    }
    const Json no_properties = Json::object();
    const Json& properties = schema.contains("properties") ? schema["properties"] : no_properties;
    for (const auto& [name, member] : value.items()) {
      const std::string member_at = at + "/" + Escape(name);
      if (properties.contains(name)) {
        Check(member, properties[name], member_at, depth + 1, out);
      } else if (schema.contains("additionalProperties")) {
        Check(member, schema["additionalProperties"], member_at, depth + 1, out);
      } else if (options_.closed_objects && schema.contains("properties")) {
        out.push_back(member_at + ": member not described by the schema");
      }
    }
  }
  auto alternatives = [&](const char* keyword) {
    int matched = 0;
    std::vector<std::string> reasons;
    for (const auto& option : schema[keyword]) {
      std::vector<std::string> sub;
      Check(value, option, at, depth + 1, sub);
      if (sub.empty()) ++matched;
      else reasons.push_back(sub.front());
    }
    return std::make_pair(matched, reasons);
  };
  if (schema.contains("allOf")) {
    for (const auto& option : schema["allOf"]) Check(value, option, at, depth + 1, out);
  }
  if (schema.contains("anyOf")) {
    auto [matched, reasons] = alternatives("anyOf");
    if (matched == 0) {
      out.push_back(where + ": matches none of anyOf" + (reasons.empty() ? "" : " (first miss: " + reasons.front() + ")"));
    }
  }
  if (schema.contains("oneOf")) {
    auto [matched, reasons] = alternatives("oneOf");
    if (matched != 1) {
      out.push_back(where + ": matches " + std::to_string(matched) + " of oneOf, not exactly one" +
                    (reasons.empty() ? "" : " (first miss: " + reasons.front() + ")"));
    }
  }
}

}  // namespace sawt::testing
