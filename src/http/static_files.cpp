#include "http/static_files.hpp"

#include <cstdio>
#include <fstream>
#include <iterator>
#include <mutex>
#include <system_error>

#include "http/gzip.hpp"
#include "http/problem.hpp"

namespace sawt::http {
namespace fs = std::filesystem;
namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string_view LastSegment(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// True when `p` is `root` or lies below it (both canonical).
bool IsWithin(const fs::path& p, const fs::path& root) {
  auto r = root.begin();
  auto i = p.begin();
  for (; r != root.end(); ++r, ++i) {
    if (i == p.end() || *i != *r) return false;
  }
  return true;
}

// Every entity tag in an If-None-Match list matches `etag` or its gzip variant (weak compare).
bool NoneMatch(std::string_view header, const std::string& etag) {
  if (header.empty()) return false;
  std::string gz = etag.substr(0, etag.size() - 1) + "-gz\"";
  while (!header.empty()) {
    size_t comma = header.find(',');
    std::string_view tag = header.substr(0, comma);
    while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
    while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
    if (tag.substr(0, 2) == "W/") tag.remove_prefix(2);
    if (tag == "*" || tag == etag || tag == gz) return true;
    if (comma == std::string_view::npos) break;
    header.remove_prefix(comma + 1);
  }
  return false;
}

struct AssetType {
  std::string_view ext;
  std::string_view type;
};
// The files web/ may serve, by extension. Anything else there (README.md, notes, backups) is not
// an asset and is never served.
constexpr AssetType kAssetTypes[] = {
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".json", "application/json; charset=utf-8"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".ico", "image/x-icon"},
    {".woff2", "font/woff2"},
    {".webmanifest", "application/manifest+json"},
    {".txt", "text/plain; charset=utf-8"},
    {".jpg", "image/jpeg"},
    {".jpeg", "image/jpeg"},
    {".webp", "image/webp"},
    {".map", "application/json; charset=utf-8"},
};

}  // namespace

bool IsAssetName(std::string_view name) {
  for (const auto& t : kAssetTypes) {
    if (EndsWith(name, t.ext)) return true;
  }
  return false;
}

std::string ContentTypeFor(std::string_view name) {
  for (const auto& t : kAssetTypes) {
    if (EndsWith(name, t.ext)) return std::string(t.type);
  }
  return "application/octet-stream";
}

StaticFiles::StaticFiles(std::string root) {
  std::error_code ec;
  root_ = fs::canonical(root, ec);
  if (ec) root_ = fs::path(root).lexically_normal();
}

std::shared_ptr<const StaticFiles::Entry> StaticFiles::Load(const fs::path& file) const {
  std::error_code ec;
  uintmax_t size = fs::file_size(file, ec);
  if (ec) return nullptr;
  auto mtime_raw = fs::last_write_time(file, ec);
  if (ec) return nullptr;
  int64_t mtime = static_cast<int64_t>(mtime_raw.time_since_epoch().count());
  std::string key = file.string();
  {
    std::shared_lock lock(mu_);
    auto it = cache_.find(key);
    if (it != cache_.end() && it->second->size == size && it->second->mtime == mtime) return it->second;
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) return nullptr;
  auto e = std::make_shared<Entry>();
  e->body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (in.bad()) return nullptr;
  e->size = size;
  e->mtime = mtime;
  e->content_type = ContentTypeFor(key);
  char tag[64];
  std::snprintf(tag, sizeof tag, "\"%jx-%jx\"", static_cast<uintmax_t>(size), static_cast<uintmax_t>(mtime));
  e->etag = tag;
  if (e->body.size() >= kGzipMinBytes && IsCompressibleType(e->content_type)) {
    if (auto gz = GzipCompress(e->body); gz && gz->size() < e->body.size()) e->gzip = std::move(*gz);
  }
  if (size <= kMaxCachedBytes) {
    std::unique_lock lock(mu_);
    cache_[key] = e;
  }
  return e;
}

Response StaticFiles::Serve(const Request& request, bool encoded_separator) const {
  const std::string& path = request.path;
  if (encoded_separator || path.empty() || path.front() != '/' || path.find('\\') != std::string::npos) {
    return MakeProtocolProblem(400, "bad_request", "common.bad_path", request);
  }
  // The path as segments relative to the root. Empty segments ("//etc/hostname") are dropped,
  // so a path can never become absolute and name a file outside web/.
  fs::path rel;
  bool hidden = false;
  for (size_t start = 1; start <= path.size();) {
    size_t slash = path.find('/', start);
    std::string_view seg = std::string_view(path).substr(start, slash == std::string::npos ? std::string::npos
                                                                                            : slash - start);
    if (seg == ".." || seg == ".") return MakeProtocolProblem(400, "bad_request", "common.bad_path", request);
    if (!seg.empty() && seg.front() == '.') hidden = true;  // ".git", ".env": never served
    if (!seg.empty()) rel /= seg;
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  if (rel.empty() || path.back() == '/') rel /= "index.html";

  // Whatever is not a servable asset inside the root answers exactly as a missing file does
  // (404 for names with an extension, the SPA page otherwise), so responses say nothing about
  // what exists elsewhere on the machine or which non-asset files lie in web/.
  std::error_code ec;
  fs::path file;
  if (!hidden && IsAssetName(rel.filename().string())) {
    file = fs::canonical(root_ / rel, ec);
    if (ec || !fs::is_regular_file(file, ec) || ec || !IsWithin(file, root_)) file.clear();
  }
  if (file.empty()) {
    if (LastSegment(path).find('.') != std::string_view::npos) {
      return MakeProblem(core::Error::NotFound("common.not_found"), request);
    }
    file = fs::canonical(root_ / "index.html", ec);  // SPA fallback: the client router takes over
    if (ec || !IsWithin(file, root_)) return MakeProblem(core::Error::NotFound("common.not_found"), request);
  }
  std::shared_ptr<const Entry> e = Load(file);
  if (!e) return MakeProblem(core::Error::NotFound("common.not_found"), request);

  bool gzip = !e->gzip.empty() && AcceptsGzip(request.Header("accept-encoding"));
  Response r;
  r.content_type = e->content_type;
  r.SetHeader("Cache-Control", EndsWith(file.string(), ".html") ? "no-cache" : "public, max-age=3600");
  r.SetHeader("ETag", gzip ? e->etag.substr(0, e->etag.size() - 1) + "-gz\"" : e->etag);
  if (IsCompressibleType(e->content_type)) r.SetHeader("Vary", "Accept-Encoding");
  if (NoneMatch(request.Header("if-none-match"), e->etag)) {
    r.status = 304;
    return r;
  }
  if (gzip) {
    r.body = e->gzip;
    r.SetHeader("Content-Encoding", "gzip");
  } else {
    r.body = e->body;
  }
  return r;
}

}  // namespace sawt::http
