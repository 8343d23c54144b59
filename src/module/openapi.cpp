#include "module/openapi.hpp"

namespace sawt::module {
namespace {

core::Json Ref(const std::string& schema) {
  const std::string kPagePrefix = "Page:";
  if (schema.rfind(kPagePrefix, 0) == 0) {
    return {{"type", "object"},
            {"required", {"items", "next_cursor"}},
            {"properties",
             {{"items", {{"type", "array"}, {"items", {{"$ref", "#/components/schemas/" + schema.substr(kPagePrefix.size())}}}}},
              {"next_cursor", {{"type", {"string", "null"}}}}}}};
  }
  return {{"$ref", "#/components/schemas/" + schema}};
}

core::Json ProblemResponse(const char* description) {
  return {{"description", description},
          {"content", {{"application/problem+json", {{"schema", {{"$ref", "#/components/schemas/Problem"}}}}}}}};
}

}  // namespace

core::Json Operation(const OperationSpec& spec) {
  core::Json op = {{"summary", spec.summary}};
  core::Json params = core::Json::array();
  for (const auto& p : spec.path_params) {
    const bool is_id = p == "id" || (p.size() > 3 && p.compare(p.size() - 3, 3, "_id") == 0);
    params.push_back({{"name", p}, {"in", "path"}, {"required", true}, {"schema", {{"type", is_id ? "integer" : "string"}}}});
  }
  for (const auto& q : spec.query_params) {
    params.push_back({{"name", q}, {"in", "query"}, {"required", false}, {"schema", {{"type", "string"}}}});
  }
  if (spec.etag) {
    params.push_back({{"name", "If-Match"}, {"in", "header"}, {"required", false}, {"schema", {{"type", "string"}}}});
  }
  if (!params.empty()) op["parameters"] = params;
  if (!spec.request_schema.empty()) {
    op["requestBody"] = {{"required", true},
                         {"content", {{"application/json", {{"schema", Ref(spec.request_schema)}}}}}};
  }
  core::Json responses = core::Json::object();
  const std::string ok = std::to_string(spec.success_status);
  if (spec.response_schema.empty()) {
    responses[ok] = {{"description", "Success"}};
  } else {
    responses[ok] = {{"description", "Success"},
                     {"content", {{"application/json", {{"schema", Ref(spec.response_schema)}}}}}};
  }
  responses["400"] = ProblemResponse("Invalid input");
  responses["401"] = ProblemResponse("Not authenticated");
  responses["403"] = ProblemResponse("Not allowed");
  if (!spec.path_params.empty()) responses["404"] = ProblemResponse("Not found");
  if (spec.etag) responses["412"] = ProblemResponse("If-Match does not match the current version");
  op["responses"] = responses;
  return op;
}

http::Route MakeRoute(std::string method, std::string pattern, const OperationSpec& spec) {
  http::Route r;
  r.method = std::move(method);
  r.pattern = std::move(pattern);
  r.summary = spec.summary;
  r.openapi = Operation(spec);
  return r;
}

}  // namespace sawt::module
