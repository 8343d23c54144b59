#include "http/problem.hpp"

#include "core/log.hpp"
#include "http/messages.hpp"

namespace sawt::http {
namespace {

Response Build(int status, std::string_view type_name, const core::Error& error, const Request& request) {
  const Locale locale = request.Locale();
  const std::string& lang = locale.lang;
  core::Json body = core::Json::object();
  body["type"] = ProblemTypeUri(type_name);
  const MessageCatalog& messages = request.Messages();
  body["title"] = messages.Translate("problem." + std::string(type_name), locale);
  body["status"] = status;
  body["detail"] = messages.Translate(error.key, locale, error.args);
  body["code"] = error.key;
  if (!error.field.empty()) body["field"] = error.field;
  if (!error.ids.empty()) body["ids"] = error.ids;
  if (!error.items.empty()) body["items"] = error.items;
  body["instance"] = request.path;
  body["request_id"] = request.request_id;
  Response r;
  r.status = status;
  r.content_type = "application/problem+json; charset=utf-8";
  r.body = core::DumpJson(body);
  r.SetHeader("Content-Language", lang);
  if (status == 401) r.SetHeader("WWW-Authenticate", "Bearer");
  if (status >= 500) {
    core::Log(core::LogLevel::kError, "request failed",
              {{"request_id", request.request_id}, {"status", status}, {"code", error.key},
               {"detail", error.detail}, {"path", request.path}});
  }
  return r;
}

}  // namespace

int HttpStatus(core::ErrorCode code) {
  switch (code) {
    case core::ErrorCode::kInvalidInput: return 400;
    case core::ErrorCode::kUnauthenticated: return 401;
    case core::ErrorCode::kForbidden: return 403;
    case core::ErrorCode::kNotFound: return 404;
    case core::ErrorCode::kConflict: return 409;
    case core::ErrorCode::kPreconditionFailed: return 412;
    case core::ErrorCode::kUnprocessable: return 422;
    case core::ErrorCode::kTooLarge: return 413;
    case core::ErrorCode::kUnsupportedMediaType: return 415;
    case core::ErrorCode::kRateLimited: return 429;
    case core::ErrorCode::kUnavailable: return 503;
    case core::ErrorCode::kInternal: return 500;
  }
  return 500;
}

std::string ProblemTypeUri(std::string_view name) { return "https://sawt.gov/problems/" + std::string(name); }

Response MakeProblem(const core::Error& error, const Request& request) {
  return Build(HttpStatus(error.code), core::ErrorCodeName(error.code), error, request);
}

Response MakeProtocolProblem(int status, std::string_view type_name, std::string key, const Request& request,
                             std::vector<std::string> args) {
  core::Error e;
  e.code = status >= 500 ? core::ErrorCode::kInternal : core::ErrorCode::kInvalidInput;
  e.key = std::move(key);
  e.args = std::move(args);
  return Build(status, type_name, e, request);
}

Response Response::Problem(const core::Error& error, const Request& request) { return MakeProblem(error, request); }

}  // namespace sawt::http
