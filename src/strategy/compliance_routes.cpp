// Thin HTTP handlers of compliance and scorecards: parse → call the service → reply.
#include "strategy/compliance_routes.hpp"

#include "module/openapi.hpp"
#include "module/respond.hpp"
#include "strategy/file_routes.hpp"

namespace sawt::strategy {
namespace {

using namespace module::route_names;  // NOLINT: the route files' shared vocabulary

ReportOptions OptionsFrom(const Request& req, const char* default_format) {
  ReportOptions o;
  o.lang = module::QueryText(req, "lang").value_or(req.Lang());
  o.digits = module::QueryText(req, "digits").value_or("");
  o.format = module::QueryText(req, "format").value_or(default_format);
  return o;
}

}  // namespace

void RegisterComplianceRoutes(module::ModuleRegistry& reg, std::shared_ptr<ComplianceService> compliance,
                              std::shared_ptr<ScorecardService> scorecards) {
  auto svc = compliance;
  reg.AddRoute(module::MakeRoute("GET", "/api/v1/compliance/templates",
                                 {"List the compliance checklist templates with their items", {}, {}, "", "ComplianceTemplateList"}),
               [svc](Request& req, const auth::Caller& caller) { return Reply(req, svc->ListTemplates(caller)); });
  reg.AddRoute(module::MakeRoute("POST", "/api/v1/compliance/templates",
                                 {"Create a checklist template on the guide's axes and principles (network admins)", {}, {},
                                  "ComplianceTemplateCreate", "ComplianceTemplate", 201, true, {409}}),
               module::CreateWithBody([svc](const auth::Caller& c, const Json& b) { return svc->CreateTemplate(c, b); }));
  reg.AddRoute(module::MakeRoute("GET", "/api/v1/compliance/templates/{id}",
                                 {"Get a checklist template", {"id"}, {}, "", "ComplianceTemplate", 200, true}),
               [svc](Request& req, const auth::Caller& caller) {
                 auto id = module::PathId(req);
                 if (!id) return Response::Problem(id.error(), req);
                 return ReplyWithEtag(req, svc->GetTemplate(caller, *id));
               });
  reg.AddRoute(module::MakeRoute("PATCH", "/api/v1/compliance/templates/{id}",
                                 {"Edit a template: texts, status, items and weights (every score follows the new weights)",
                                  {"id"}, {}, "ComplianceTemplateUpdate", "ComplianceTemplate", 200, true, {409}}),
               WithIdMatchBody([svc](const auth::Caller& c, int64_t id, std::optional<int64_t> m, const Json& b) {
                 return svc->UpdateTemplate(c, id, m, b);
               }));

  reg.AddRoute(module::MakeRoute("GET", "/api/v1/assessments",
                                 {"List compliance assessments with their scores", {}, {"entity_id", "period", "status", "cursor", "limit"},
                                  "", "Page:AssessmentSummary"}),
               [svc](Request& req, const auth::Caller& caller) {
                 auto page = module::PageFrom(req);
                 if (!page) return Response::Problem(page.error(), req);
                 auto entity = module::QueryId(req, "entity_id");
                 if (!entity) return Response::Problem(entity.error(), req);
                 AssessmentFilter filter{*entity, module::QueryText(req, "period"), module::QueryText(req, "status")};
                 return Reply(req, svc->ListAssessments(caller, filter, *page));
               });
  reg.AddRoute(module::MakeRoute("POST", "/api/v1/assessments",
                                 {"Start an entity's self-assessment for a period", {}, {}, "AssessmentCreate", "Assessment", 201,
                                  true, {409}}),
               module::CreateWithBody([svc](const auth::Caller& c, const Json& b) { return svc->CreateAssessment(c, b); }));
  reg.AddRoute(module::MakeRoute("GET", "/api/v1/assessments/{id}",
                                 {"Get an assessment: answers, comments, evidence and scores", {"id"}, {}, "", "Assessment", 200,
                                  true}),
               [svc](Request& req, const auth::Caller& caller) {
                 auto id = module::PathId(req);
                 if (!id) return Response::Problem(id.error(), req);
                 return ReplyWithEtag(req, svc->GetAssessment(caller, *id));
               });
  reg.AddRoute(module::MakeRoute("PUT", "/api/v1/assessments/{id}/answers/{item}",
                                 {"Answer an item: the entity's level while it assesses itself, the network's while it reviews",
                                  {"id", "item"}, {}, "AssessmentAnswer", "Assessment", 200, false, {409}}),
               [svc](Request& req, const auth::Caller& caller) {
                 auto id = module::PathId(req);
                 if (!id) return Response::Problem(id.error(), req);
                 auto body = module::JsonBody(req);
                 if (!body) return Response::Problem(body.error(), req);
                 return Reply(req, svc->PutAnswer(caller, *id, req.params["item"], *body));
               });
  reg.AddRoute(module::MakeRoute("POST", "/api/v1/assessments/{id}/submit",
                                 {"Submit the self-assessment to the network (every item answered, required evidence attached)",
                                  {"id"}, {}, "AssessmentSubmit", "Assessment", 200, true, {409, 422}}),
               WithIdMatchBody([svc](const auth::Caller& c, int64_t id, std::optional<int64_t> m, const Json& b) {
                 return svc->Submit(c, id, m, b);
               }));
  reg.AddRoute(module::MakeRoute("POST", "/api/v1/assessments/{id}/return",
                                 {"Return a submitted assessment to the entity with a note (network admins)", {"id"}, {},
                                  "AssessmentReturn", "Assessment", 200, true, {409}}),
               WithIdMatchBody([svc](const auth::Caller& c, int64_t id, std::optional<int64_t> m, const Json& b) {
                 return svc->Return(c, id, m, b);
               }));
  reg.AddRoute(module::MakeRoute("POST", "/api/v1/assessments/{id}/complete",
                                 {"Complete the network's review; unchanged items keep the entity's level (network admins)", {"id"},
                                  {}, "AssessmentComplete", "Assessment", 200, true, {409}}),
               WithIdMatchBody([svc](const auth::Caller& c, int64_t id, std::optional<int64_t> m, const Json& b) {
                 return svc->Complete(c, id, m, b);
               }));

  AddEvidenceRoutes(reg, {"/api/v1/assessments/{id}/evidence",
                          "Attach an evidence file to an item (the raw bytes as the body; PDF, PNG, JPEG, WebP, Office "
                          "documents or UTF-8 text, up to 10 MiB)",
                          "Evidence",
                          {"item"},
                          "/api/v1/evidence/{id}",
                          "Download an evidence file (its entity's members and network admins)",
                          "Remove an evidence file while the entity may still change its assessment",
                          {409},
                          [svc](const auth::Caller& c, int64_t id, const std::vector<std::string>& query, const std::string& name,
                                const std::string& type, const std::string& bytes) {
                            return svc->AddEvidence(c, id, query[0], name, type, bytes);
                          },
                          [svc](const auth::Caller& c, int64_t id) { return svc->GetEvidence(c, id); },
                          [svc](const auth::Caller& c, int64_t id) { return svc->DeleteEvidence(c, id); }});

  auto cards = scorecards;
  reg.AddRoute(module::MakeRoute("GET", "/api/v1/compliance/heatmap",
                                 {"Compliance of every entity on each of the guide's seven axes for a period", {},
                                  {"period", "entity_id"}, "", "Heatmap"}),
               [cards](Request& req, const auth::Caller& caller) {
                 auto entity = module::QueryId(req, "entity_id");
                 if (!entity) return Response::Problem(entity.error(), req);
                 return Reply(req, cards->Heatmap(caller, module::QueryText(req, "period"), *entity));
               });
  http::Route heatmap_export = module::MakeRoute("GET", "/api/v1/compliance/heatmap/export",
                                                 {"The heat map as CSV, printable HTML or PDF, in Arabic or English", {},
                                                  {"period", "format", "lang", "digits"}, "", ""});
  heatmap_export.openapi["responses"]["200"] = {
      {"description", "the report"}, {"content", FileContent({"text/csv", "text/html", "application/pdf"})}};
  reg.AddRoute(std::move(heatmap_export), [cards](Request& req, const auth::Caller& caller) {
    const ReportOptions options = OptionsFrom(req, "csv");
    auto file = cards->HeatmapReport(caller, module::QueryText(req, "period"), options);
    if (!file) return Response::Problem(file.error(), req);
    return FileResponse(*file, options.format == "html");
  });
  reg.AddRoute(module::MakeRoute("GET", "/api/v1/scorecards/{entity_id}",
                                 {"An entity's scorecard: compliance per axis and over periods, KPIs, activities on track",
                                  {"entity_id"}, {}, "", "Scorecard"}),
               [cards](Request& req, const auth::Caller& caller) {
                 auto id = module::PathId(req, "entity_id");
                 if (!id) return Response::Problem(id.error(), req);
                 return Reply(req, cards->Scorecard(caller, *id));
               });
  http::Route report = module::MakeRoute("GET", "/api/v1/scorecards/{entity_id}/report",
                                         {"An entity's scorecard as a printable HTML page or a PDF, in Arabic or English",
                                          {"entity_id"}, {"format", "lang", "digits"}, "", ""});
  report.openapi["responses"]["200"] = {{"description", "the report"}, {"content", FileContent({"text/html", "application/pdf"})}};
  reg.AddRoute(std::move(report), [cards](Request& req, const auth::Caller& caller) {
    auto id = module::PathId(req, "entity_id");
    if (!id) return Response::Problem(id.error(), req);
    const ReportOptions options = OptionsFrom(req, "pdf");
    auto file = cards->ScorecardReport(caller, *id, options);
    if (!file) return Response::Problem(file.error(), req);
    return FileResponse(*file, options.format == "html");
  });
}

}  // namespace sawt::strategy
