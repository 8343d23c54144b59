#pragma once

#include <functional>
#include <initializer_list>
#include <string>

#include "http/router.hpp"
#include "module/registry.hpp"
#include "strategy/evidence_files.hpp"
#include "strategy/scorecard_service.hpp"

/// What the strategy module's file routes share: downloads (reports and evidence) with their
/// headers, and the upload / download / delete routes of evidence files, whatever they are
/// attached to (an assessment item, an activity).
namespace sawt::strategy {

/// A download: its own media type, an attachment name, and for HTML a policy that lets its inline
/// print stylesheet apply and nothing else run.
http::Response FileResponse(const ReportFile& file, bool inline_view);

/// The file formats a route answers, for its OpenAPI request or response.
template <typename MediaTypes>
core::Json FileContent(const MediaTypes& media_types) {
  core::Json content = core::Json::object();
  for (const char* t : media_types) content[t] = {{"schema", {{"type", "string"}, {"format", "binary"}}}};
  return content;
}
inline core::Json FileContent(std::initializer_list<const char*> media_types) { return FileContent<>(media_types); }

/// How one kind of evidence is uploaded, served and removed: the routes' paths and summaries, the
/// upload's required query parameters besides `name`, and the service calls.
struct EvidenceRoutes {
  std::string upload_path, upload_summary;  ///< POST …/{id}/evidence
  std::string schema;                       ///< components/schemas name of the upload's answer
  std::vector<std::string> upload_query;    ///< required query parameters besides "name"
  std::string file_path;                    ///< GET and DELETE …/{id} of one file
  std::string download_summary, delete_summary;
  std::vector<int> delete_statuses;         ///< besides the generic ones (e.g. 409)
  /// (caller, owner id, the upload's query values in upload_query order, file name, declared type, bytes)
  std::function<core::Result<core::Json>(const auth::Caller&, int64_t, const std::vector<std::string>&,
                                         const std::string&, const std::string&, const std::string&)>
      add;
  std::function<core::Result<EvidenceFile>(const auth::Caller&, int64_t)> get;
  std::function<core::Status(const auth::Caller&, int64_t)> remove;
};

/// Registers the three routes: the upload takes the raw bytes as the body (up to
/// kMaxEvidenceBytes; 201 with the file's metadata); the download is an attachment that cannot
/// run (sandboxed CSP) with the checksum as its ETag; the delete answers 204.
void AddEvidenceRoutes(module::ModuleRegistry& reg, EvidenceRoutes routes);

}  // namespace sawt::strategy
