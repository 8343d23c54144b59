#pragma once

#include <string>
#include <string_view>

#include "core/error.hpp"
#include "http/router.hpp"

namespace sawt::http {

/// The HTTP status for an error class. THE one place in sawt where ErrorCode meets HTTP:
/// invalid_input 400, unauthenticated 401, forbidden 403, not_found 404, conflict 409,
/// precondition_failed 412, too_large 413, rate_limited 429, unavailable 503, internal 500.
int HttpStatus(core::ErrorCode code);

/// Stable problem type URI: "https://sawt.gov/problems/<name>", e.g. ".../not_found".
std::string ProblemTypeUri(std::string_view name);

/// An RFC 9457 application/problem+json response:
///   {type, title, status, detail, code, field?, instance, request_id}
/// `title` is translated from "problem.<type name>", `detail` from `error.key` with
/// `error.args`, both in request.Lang(); `code` is the message key; `instance` the request path.
/// Sets Content-Language; a 401 also gets `WWW-Authenticate: Bearer`. `error.detail` is never
/// sent: server-side errors (5xx) are logged with it and the request id instead.
Response MakeProblem(const core::Error& error, const Request& request);

/// A problem for protocol-level statuses that have no ErrorCode (405, 408, 415, 431 ...):
/// `type_name` names the type URI and the title key ("problem.<type_name>"), `key` and `args`
/// the detail message.
Response MakeProtocolProblem(int status, std::string_view type_name, std::string key, const Request& request,
                             std::vector<std::string> args = {});

}  // namespace sawt::http
