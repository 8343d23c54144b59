#include "app/app.hpp"

namespace sawt::app {
namespace {

core::Json PlainOperation(const std::string& summary, const std::string& type) {
  return {{"summary", summary},
          {"tags", {"platform"}},
          {"security", core::Json::array()},
          {"responses", {{"200", {{"description", "OK"}, {"content", {{type, {{"schema", {{"type", "string"}}}}}}}}}}}};
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

core::Json BuildOpenApi(const module::ModuleRegistry& registry) {
  core::Json doc = {
      {"openapi", "3.1.0"},
      {"info",
       {{"title", "sawt API"},
        {"version", "1"},
        {"description", "صوت — integrated government communication system. Errors are RFC 9457 problem+json in the "
                        "request's Accept-Language (ar default, en)."}}},
      {"servers", {{{"url", "/"}}}},
  };
  core::Json schemas = registry.schemas();
  schemas["Problem"] = {{"type", "object"},
                        {"properties",
                         {{"type", {{"type", "string"}}}, {"title", {{"type", "string"}}},
                          {"status", {{"type", "integer"}}}, {"detail", {{"type", "string"}}},
                          {"code", {{"type", "string"}}}, {"field", {{"type", "string"}}},
                          {"instance", {{"type", "string"}}}, {"request_id", {{"type", "string"}}}}}};
  doc["components"] = {
      {"schemas", schemas},
      {"securitySchemes",
       {{"session", {{"type", "apiKey"}, {"in", "cookie"}, {"name", module::kSessionCookie}}},
        {"bearer", {{"type", "http"}, {"scheme", "bearer"}}}}}};
  doc["security"] = {{{"session", core::Json::array()}}, {{"bearer", core::Json::array()}}};
  core::Json paths = core::Json::object();
  for (const auto& route : const_cast<module::ModuleRegistry&>(registry).router().routes()) {
    core::Json op = route.openapi.is_object() ? route.openapi : core::Json::object();
    if (!op.contains("summary")) op["summary"] = route.summary;
    if (!op.contains("responses")) op["responses"] = {{"200", {{"description", "OK"}}}};
    op["tags"] = {route.tag};
    op["operationId"] = Lower(route.method) + route.pattern;
    if (route.is_public) op["security"] = core::Json::array();
    paths[route.pattern][Lower(route.method)] = op;
  }
  // Built into the HTTP server itself.
  paths["/healthz"]["get"] = PlainOperation("Liveness", "application/json");
  paths["/metrics"]["get"] = PlainOperation("Prometheus metrics", "text/plain");
  doc["paths"] = paths;
  return doc;
}

}  // namespace sawt::app
