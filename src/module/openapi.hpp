#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/json.hpp"
#include "http/router.hpp"

namespace sawt::module {

/// Builds an OpenAPI 3.1 operation object for Route::openapi, so every module describes its
/// endpoints the same way. `request_schema` / `response_schema` name components/schemas entries
/// ("" = none; "Page:Entity" = a paginated list of Entity; "Empty" = the empty object `{}`). Path parameters named `id` or
/// `*_id` are integers, others (e.g. `channel`) strings.
struct OperationSpec {
  std::string summary;
  std::vector<std::string> path_params;
  std::vector<std::string> query_params;
  std::string request_schema;
  std::string response_schema;
  int success_status = 200;
  bool etag = false;  ///< answers carry ETag, updates take If-Match (and may answer 412)
  /// Problem statuses the handler answers besides those every operation shares (see
  /// AddCommonResponses): 409 (the resource's state or a unique name forbids it), 422 (well-formed
  /// but breaks a content rule), 429 (throttled), 401 on a public route that checks credentials.
  std::vector<int> other_statuses = {};
};

/// The operation object for `method` (GET and creating routes answer an ETag but take no If-Match).
core::Json Operation(const std::string& method, const OperationSpec& spec);

/// A route (handler still unset) described by `spec`: the one way modules declare endpoints.
http::Route MakeRoute(std::string method, std::string pattern, const OperationSpec& spec);

/// Like MakeRoute, for a route whose success answer is a text document of `media_type` (an Atom
/// feed, an iCalendar file) instead of JSON.
http::Route MakeTextRoute(std::string method, std::string pattern, const OperationSpec& spec, const std::string& media_type);

/// The shared problem answers for components/responses, named by ProblemResponseRef.
core::Json ProblemResponseComponents();
/// {"$ref": "#/components/responses/<name>"} for a problem status the components define.
core::Json ProblemResponseRef(int status);

/// Adds the problem answers any operation can give, whatever its handler does, unless it already
/// lists them: 400 (a malformed request), 431 (headers too large), 500 and 503 (the store is
/// unreachable or busy); 401 and 403 unless `is_public` (no or bad credentials, CSRF, a role the
/// caller lacks); 413 and 415 when it takes a request body; 404 when its path has parameters.
void AddCommonResponses(core::Json& operation, bool is_public);

/// A plain identifier for OpenAPI's operationId: the method and the path's segments in camel
/// case, without /api/v1 ("GET /api/v1/content-items/{id}/variants" → "getContentItemsByIdVariants").
std::string OperationId(const std::string& method, const std::string& pattern);

}  // namespace sawt::module
