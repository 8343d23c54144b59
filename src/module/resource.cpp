#include "module/resource.hpp"

#include <algorithm>
#include <iterator>

#include "core/assert.hpp"
#include "module/schema.hpp"

namespace sawt::module {
namespace {

using core::Json;

const std::string& ColumnOf(const Field& f) { return f.column.empty() ? f.name : f.column; }

// The schema's "type" as a list ({"integer"}, {"string", "null"}); an enum without a type reads
// as strings (vocabulary codes), plus null when the enum lists null.
std::vector<std::string> Types(const Json& schema) {
  std::vector<std::string> types;
  if (auto it = schema.find("type"); it != schema.end()) {
    if (it->is_string()) types.push_back(it->get<std::string>());
    if (it->is_array()) {
      for (const auto& t : *it) types.push_back(t.get<std::string>());
    }
  } else if (auto e = schema.find("enum"); e != schema.end()) {
    types.push_back("string");
    if (std::any_of(e->begin(), e->end(), [](const Json& v) { return v.is_null(); })) types.push_back("null");
  }
  return types;
}

bool Has(const std::vector<std::string>& types, std::string_view type) {
  return std::find(types.begin(), types.end(), type) != types.end();
}

// `schema` without null among its types or enum values.
Json WithoutNull(Json schema) {
  if (auto it = schema.find("type"); it != schema.end() && it->is_array()) {
    Json kept = Json::array();
    for (const auto& t : *it) {
      if (t != "null") kept.push_back(t);
    }
    *it = kept.size() == 1 ? kept[0] : kept;
  }
  if (auto e = schema.find("enum"); e != schema.end()) {
    Json kept = Json::array();
    for (const auto& v : *e) {
      if (!v.is_null()) kept.push_back(v);
    }
    *e = kept;
  }
  return schema;
}

}  // namespace

Resource::Resource(std::vector<Field> fields, std::vector<Field> added)
    : fields_(std::move(fields)), stored_(fields_.size()) {
  for (const Field& f : fields_) {
    const auto types = Types(f.schema);
    SAWT_ASSERT(!types.empty(), "a field's schema names its type (or is an enum)");
  }
  fields_.insert(fields_.end(), std::make_move_iterator(added.begin()), std::make_move_iterator(added.end()));
}

std::string Resource::Columns(std::string_view table_alias) const {
  std::string out;
  std::vector<std::string_view> seen;
  for (size_t i = 0; i < stored_; ++i) {
    const Field& f = fields_[i];
    const std::string& column = ColumnOf(f);
    if (std::find(seen.begin(), seen.end(), column) != seen.end()) continue;
    seen.push_back(column);
    if (!out.empty()) out += ", ";
    if (!table_alias.empty()) out.append(table_alias).append(".");
    out += column;
  }
  return out;
}

Json Resource::ToJson(const store::Row& row) const {
  Json out = Json::object();
  for (size_t i = 0; i < stored_; ++i) {
    const Field& f = fields_[i];
    const std::string& column = ColumnOf(f);
    const auto types = Types(f.schema);
    if (Has(types, "null") && row.IsNull(column)) {
      out[f.name] = nullptr;
    } else if (Has(types, "integer")) {
      out[f.name] = row.Int(column);
    } else if (Has(types, "number")) {
      out[f.name] = row.Double(column);
    } else if (Has(types, "boolean")) {
      out[f.name] = row.Int(column) != 0;
    } else if (Has(types, "array") || Has(types, "object")) {
      out[f.name] = Json::parse(row.Text(column));
    } else {
      out[f.name] = row.Text(column);
    }
  }
  return out;
}

Json Resource::Schema() const {
  Json properties = Json::object();
  Json required = Json::array();
  for (const Field& f : fields_) {
    properties[f.name] = f.schema;
    required.push_back(f.name);
  }
  return {{"type", "object"}, {"properties", std::move(properties)}, {"required", std::move(required)}};
}

Json Resource::Input(const std::vector<std::string>& names, const std::vector<std::string>& required,
                     Json request_only) const {
  Json properties = std::move(request_only);
  for (const std::string& name : names) {
    const Field& f = field(name);
    properties[name] = f.null_clears ? f.schema : WithoutNull(f.schema);
  }
  for (const std::string& name : required) {
    SAWT_ASSERT(properties.contains(name), "a required member is one of the body's members");
  }
  return schema::Obj(std::move(properties), Json(required));
}

const Field& Resource::field(std::string_view name) const {
  auto it = std::find_if(fields_.begin(), fields_.end(), [&](const Field& f) { return f.name == name; });
  SAWT_ASSERT(it != fields_.end(), "the resource has the field");
  return *it;
}

}  // namespace sawt::module
