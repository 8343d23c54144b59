#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/json.hpp"
#include "http/router.hpp"

namespace sawt::module {

/// Builds an OpenAPI 3.1 operation object for Route::openapi, so every module describes its
/// endpoints the same way. `request_schema` / `response_schema` name components/schemas entries
/// ("" = none; "Page:Entity" = a paginated list of Entity). Path parameters named `id` or
/// `*_id` are integers, others (e.g. `channel`) strings.
struct OperationSpec {
  std::string summary;
  std::vector<std::string> path_params;
  std::vector<std::string> query_params;
  std::string request_schema;
  std::string response_schema;
  int success_status = 200;
  bool etag = false;  ///< answers carry ETag, updates take If-Match
};

core::Json Operation(const OperationSpec& spec);

/// A route (handler still unset) described by `spec`: the one way modules declare endpoints.
http::Route MakeRoute(std::string method, std::string pattern, const OperationSpec& spec);

}  // namespace sawt::module
