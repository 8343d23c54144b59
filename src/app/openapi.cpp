#include "app/app.hpp"

#include <set>

#include "module/openapi.hpp"

namespace sawt::app {
namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

/// RFC 9457 problem details as http/problem.cpp writes them.
core::Json ProblemSchema() {
  return {{"type", "object"},
          {"required", {"type", "title", "status", "detail", "code", "instance", "request_id"}},
          {"additionalProperties", false},
          {"properties",
           {{"type", {{"type", "string"}, {"description", "https://sawt.gov/problems/<class>"}}},
            {"title", {{"type", "string"}}},
            {"status", {{"type", "integer"}, {"minimum", 400}, {"maximum", 599}}},
            {"detail",
             {{"type", "string"},
              {"description", "In the request's Accept-Language (ar default, en), numbers in its digits (ar-u-nu-latn)"}}},
            {"code", {{"type", "string"}, {"description", "The message key, <module>.<reason>"}}},
            {"field", {{"type", "string"}, {"description", "The offending input field, when there is one"}}},
            {"ids",
             {{"type", "array"},
              {"items", {{"type", "integer"}}},
              {"description", "Ids of the resources the problem is about (e.g. the assessment that already exists)"}}},
            {"items",
             {{"type", "array"},
              {"items", {{"type", "string"}}},
              {"description", "Codes of the input items at fault (e.g. checklist items without an answer)"}}},
            {"instance", {{"type", "string"}}},
            {"request_id", {{"type", "string"}}}}}};
}

/// GET /healthz, answered by the HTTP server itself (no route, no store).
core::Json HealthOperation() {
  return {{"summary", "Liveness: the server answers"},
          {"tags", {"platform"}},
          {"operationId", "getHealthz"},
          {"security", core::Json::array()},
          {"responses",
           {{"200",
             {{"description", "Alive"},
              {"content",
               {{"application/json",
                 {{"schema",
                   {{"type", "object"},
                    {"required", {"status"}},
                    {"additionalProperties", false},
                    {"properties", {{"status", {{"const", "ok"}}}}}}}}}}}}}}}};
}

}  // namespace

core::Json BuildOpenApi(const module::ModuleRegistry& registry) {
  core::Json doc = {
      {"openapi", "3.1.0"},
      {"info",
       {{"title", "sawt API"},
        {"version", "1"},
        {"description",
         "صوت — integrated government communication system. Errors are RFC 9457 problem+json in the "
         "request's Accept-Language (ar default, en). Numbers in the server's texts (problem details, calendar "
         "conflict and alignment finding explanations) follow the digit preference given as a BCP 47 Unicode "
         "extension of the chosen language range: `ar-u-nu-arab` (Arabic-Indic ٠١٢), `ar-u-nu-latn` (Latin 012), "
         "`en` (Latin); without one, Arabic uses the deployment's default (sawt serve --digits, arab unless set) "
         "and English Latin digits. Plurals follow the language's rules."}}},
      {"servers", {{{"url", "/"}}}},
  };
  core::Json schemas = registry.schemas();
  schemas["Problem"] = ProblemSchema();
  doc["components"] = {
      {"schemas", schemas},
      {"responses", module::ProblemResponseComponents()},
      {"securitySchemes",
       {{"session", {{"type", "apiKey"}, {"in", "cookie"}, {"name", registry.session_cookie().Name()}}},
        {"bearer", {{"type", "http"}, {"scheme", "bearer"}}}}}};
  doc["security"] = {{{"session", core::Json::array()}}, {{"bearer", core::Json::array()}}};
  core::Json paths = core::Json::object();
  std::set<std::string> tags;
  for (const auto& route : const_cast<module::ModuleRegistry&>(registry).router().routes()) {
    core::Json op = route.openapi.is_object() ? route.openapi : core::Json::object();
    if (!op.contains("summary")) op["summary"] = route.summary;
    if (!op.contains("responses")) op["responses"] = {{"200", {{"description", "OK"}}}};
    module::AddCommonResponses(op, route.is_public);
    op["tags"] = {route.tag};
    tags.insert(route.tag);
    op["operationId"] = module::OperationId(route.method, route.pattern);
    if (route.is_public) op["security"] = core::Json::array();
    paths[route.pattern][Lower(route.method)] = op;
  }
  core::Json health = HealthOperation();
  module::AddCommonResponses(health, /*is_public=*/true);
  paths["/healthz"]["get"] = health;
  tags.insert("platform");
  doc["paths"] = paths;
  doc["tags"] = core::Json::array();
  for (const auto& tag : tags) doc["tags"].push_back({{"name", tag}, {"description", "The " + tag + " module"}});
  return doc;
}

}  // namespace sawt::app
