#include "module/openapi.hpp"

#include <cctype>
#include <map>

namespace sawt::module {
namespace {

core::Json Ref(const std::string& schema) {
  if (schema == "Empty") return {{"type", "object"}, {"additionalProperties", false}};
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

struct ProblemStatus {
  const char* name;         ///< components/responses key
  const char* description;
};

/// Every problem status sawt answers, with what it means for any operation.
const std::map<int, ProblemStatus>& ProblemStatuses() {
  static const std::map<int, ProblemStatus> statuses = {
      {400, {"BadRequest", "Invalid input: malformed JSON or request, a missing, unknown or ill-typed field, a broken rule"}},
      {401, {"Unauthenticated", "Not signed in, or the credentials are wrong, expired or revoked"}},
      {403, {"Forbidden", "Not allowed: a role the caller lacks, a missing CSRF token, a password to change first"}},
      {404, {"NotFound", "The addressed object does not exist or is not visible to the caller"}},
      {409, {"Conflict", "The object's state or a unique name forbids the change"}},
      {412, {"PreconditionFailed", "If-Match is malformed, missing where required, or names an older version"}},
      {413, {"TooLarge", "The request body is too large"}},
      {415, {"UnsupportedMediaType", "The body is not application/json in UTF-8"}},
      {422, {"Unprocessable", "Well-formed, but the content breaks a rule of the target (e.g. a channel's length)"}},
      {429, {"RateLimited", "Too many attempts or open streams; try again later"}},
      {431, {"HeadersTooLarge", "The request headers are too large"}},
      {500, {"Internal", "An unexpected server error (logged with the request id)"}},
      {503, {"Unavailable", "The store is unreachable or busy; try again"}},
  };
  return statuses;
}

void AddProblem(core::Json& responses, int status) {
  const std::string key = std::to_string(status);
  if (!responses.contains(key)) responses[key] = ProblemResponseRef(status);
}

std::string Camel(const std::string& word) {
  std::string out;
  bool upper = true;
  for (char c : word) {
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return out;
}

}  // namespace

core::Json ProblemResponseComponents() {
  core::Json out = core::Json::object();
  for (const auto& [status, problem] : ProblemStatuses()) {
    out[problem.name] = {
        {"description", problem.description},
        {"content", {{"application/problem+json", {{"schema", {{"$ref", "#/components/schemas/Problem"}}}}}}}};
  }
  return out;
}

core::Json ProblemResponseRef(int status) {
  return {{"$ref", std::string("#/components/responses/") + ProblemStatuses().at(status).name}};
}

void AddCommonResponses(core::Json& operation, bool is_public) {
  core::Json& responses = operation["responses"];
  AddProblem(responses, 400);
  if (!is_public) {
    AddProblem(responses, 401);
    AddProblem(responses, 403);
  }
  bool has_path_params = false;
  if (operation.contains("parameters")) {
    for (const auto& p : operation["parameters"]) has_path_params = has_path_params || p.value("in", "") == "path";
  }
  if (has_path_params) AddProblem(responses, 404);
  if (operation.contains("requestBody")) {
    AddProblem(responses, 413);
    AddProblem(responses, 415);
  }
  for (int status : {431, 500, 503}) AddProblem(responses, status);
}

core::Json Operation(const std::string& method, const OperationSpec& spec) {
  core::Json op = {{"summary", spec.summary}};
  core::Json params = core::Json::array();
  for (const auto& p : spec.path_params) {
    const bool is_id = p == "id" || (p.size() > 3 && p.compare(p.size() - 3, 3, "_id") == 0);
    params.push_back({{"name", p}, {"in", "path"}, {"required", true}, {"schema", {{"type", is_id ? "integer" : "string"}}}});
  }
  for (const auto& q : spec.query_params) {
    params.push_back({{"name", q}, {"in", "query"}, {"required", false}, {"schema", {{"type", "string"}}}});
  }
  // Reads and creations answer an ETag; changes take If-Match.
  const bool takes_if_match = spec.etag && method != "GET" && spec.success_status != 201;
  if (takes_if_match) {
    params.push_back({{"name", "If-Match"}, {"in", "header"}, {"required", false}, {"schema", {{"type", "string"}}}});
  }
  if (!params.empty()) op["parameters"] = params;
  if (!spec.request_schema.empty()) {
    op["requestBody"] = {{"required", true},
                         {"content", {{"application/json", {{"schema", Ref(spec.request_schema)}}}}}};
  }
  core::Json responses = core::Json::object();
  const std::string ok = std::to_string(spec.success_status);
  responses[ok] = {{"description", "Success"}};
  if (!spec.response_schema.empty()) {
    responses[ok]["content"] = {{"application/json", {{"schema", Ref(spec.response_schema)}}}};
  }
  if (spec.etag && spec.success_status != 204) {
    responses[ok]["headers"] = {
        {"ETag", {{"description", "The version, for If-Match"}, {"schema", {{"type", "string"}}}}}};
  }
  if (takes_if_match) AddProblem(responses, 412);
  for (int status : spec.other_statuses) AddProblem(responses, status);
  op["responses"] = responses;
  return op;
}

http::Route MakeRoute(std::string method, std::string pattern, const OperationSpec& spec) {
  http::Route r;
  r.method = std::move(method);
  r.pattern = std::move(pattern);
  r.summary = spec.summary;
  r.openapi = Operation(r.method, spec);
  return r;
}

http::Route MakeTextRoute(std::string method, std::string pattern, const OperationSpec& spec, const std::string& media_type) {
  http::Route r = MakeRoute(std::move(method), std::move(pattern), spec);
  r.openapi["responses"][std::to_string(spec.success_status)]["content"] = {
      {media_type, {{"schema", {{"type", "string"}}}}}};
  return r;
}

std::string OperationId(const std::string& method, const std::string& pattern) {
  std::string id;
  for (char c : method) id += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  size_t pos = 0;
  while (pos < pattern.size()) {
    const size_t next = pattern.find('/', pos + 1);
    const std::string segment = pattern.substr(pos + 1, next == std::string::npos ? std::string::npos : next - pos - 1);
    pos = next == std::string::npos ? pattern.size() : next;
    if (segment.empty() || (id.size() == method.size() && (segment == "api" || segment == "v1"))) continue;
    if (segment.front() == '{' && segment.back() == '}') {
      id += "By" + Camel(segment.substr(1, segment.size() - 2));
    } else {
      id += Camel(segment);
    }
  }
  return id;
}

}  // namespace sawt::module
