#include "strategy/file_routes.hpp"

#include <memory>

#include "module/openapi.hpp"
#include "module/respond.hpp"

namespace sawt::strategy {

using namespace module::route_names;  // NOLINT: the route files' shared vocabulary

Response FileResponse(const ReportFile& file, bool inline_view) {
  Response res;
  res.status = 200;
  res.content_type = file.media_type;
  res.body = file.body;
  res.SetHeader("Content-Disposition", inline_view ? "inline" : AttachmentDisposition(file.file_name, file.file_name));
  res.SetHeader("Cache-Control", "private, no-store");
  if (file.media_type.rfind("text/html", 0) == 0) {
    res.SetHeader("Content-Security-Policy",
                  "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
  }
  return res;
}

void AddEvidenceRoutes(module::ModuleRegistry& reg, EvidenceRoutes routes) {
  auto r = std::make_shared<const EvidenceRoutes>(std::move(routes));
  std::vector<std::string> query = r->upload_query;
  query.push_back("name");
  http::Route upload = module::MakeRoute("POST", r->upload_path,
                                         {r->upload_summary, {"id"}, query, "", r->schema, 201, false, {409, 413, 415}});
  upload.openapi["requestBody"] = {{"required", true}, {"content", FileContent({"application/octet-stream"})}};
  upload.max_body_bytes = kMaxEvidenceBytes;
  reg.AddRoute(std::move(upload), [r](Request& req, const auth::Caller& caller) {
    auto id = module::PathId(req);
    if (!id) return Response::Problem(id.error(), req);
    std::vector<std::string> values;
    for (const std::string& name : r->upload_query) {
      auto value = module::QueryText(req, name);
      if (!value) return Response::Problem(core::Error::InvalidInput("common.field_required", name, {name}), req);
      values.push_back(std::move(*value));
    }
    const auto name = module::QueryText(req, "name");
    if (!name) return Response::Problem(core::Error::InvalidInput("common.field_required", "name", {"name"}), req);
    return Reply(req, r->add(caller, *id, values, *name, std::string(req.Header("Content-Type")), req.body), 201);
  });

  http::Route download = module::MakeRoute("GET", r->file_path, {r->download_summary, {"id"}, {}, "", ""});
  download.openapi["responses"]["200"] = {{"description", "the file, as an attachment"}, {"content", FileContent(kEvidenceMediaTypes)}};
  reg.AddRoute(std::move(download), [r](Request& req, const auth::Caller& caller) {
    auto id = module::PathId(req);
    if (!id) return Response::Problem(id.error(), req);
    auto file = r->get(caller, *id);
    if (!file) return Response::Problem(file.error(), req);
    Response res = FileResponse({file->media_type, file->file_name, std::move(file->bytes)}, false);
    res.SetHeader("Content-Disposition", AttachmentDisposition(file->file_name, "evidence-" + std::to_string(*id)));
    res.SetHeader("Content-Security-Policy", "default-src 'none'; sandbox");
    res.SetHeader("ETag", "\"" + file->sha256 + "\"");
    return res;
  });

  reg.AddRoute(module::MakeRoute("DELETE", r->file_path, {r->delete_summary, {"id"}, {}, "", "", 204, false, r->delete_statuses}),
               [r](Request& req, const auth::Caller& caller) {
                 auto id = module::PathId(req);
                 if (!id) return Response::Problem(id.error(), req);
                 return module::ReplyEmpty(req, r->remove(caller, *id));
               });
}

}  // namespace sawt::strategy
