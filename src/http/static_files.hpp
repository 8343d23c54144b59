#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>

#include "http/router.hpp"

namespace sawt::http {

/// Serves the web UI from a directory: GET/HEAD only, for paths not under /api/.
///  - "/" and "dir/" map to index.html; unknown paths whose last segment has no extension get
///    index.html too (SPA fallback); other unknown paths get a 404 problem.
///  - Content-Type by extension; ETag from size and mtime; If-None-Match → 304;
///    Cache-Control "no-cache" for .html, "public, max-age=3600" otherwise.
///  - Rejects "..", ".", backslashes and encoded separators (400). Repeated slashes collapse, so
///    "//etc/hostname" is "etc/hostname" under the root. Hidden segments, non-asset files
///    (IsAssetName: README.md ...) and files whose real path (symlinks resolved) lies outside the
///    root are answered exactly as a missing file: nothing reveals what exists outside web/.
///  - Files up to kMaxCachedBytes are cached in memory with their gzip encoding; the cache entry
///    is refreshed when size or mtime changes. Compressed bodies carry Content-Encoding: gzip.
/// Thread-safe.
class StaticFiles {
 public:
  static constexpr uintmax_t kMaxCachedBytes = 4u << 20;

  /// `root` need not exist yet; if it never does, every request is a 404.
  explicit StaticFiles(std::string root);

  /// `encoded_separator`: the raw target held %2F or %5C (see ParsedTarget).
  Response Serve(const Request& request, bool encoded_separator) const;

 private:
  struct Entry {
    uintmax_t size = 0;
    int64_t mtime = 0;
    std::string content_type;
    std::string etag;  // identity encoding; the gzip variant appends "-gz" inside the quotes
    std::string body;
    std::string gzip;  // empty when not worth compressing
  };
  std::shared_ptr<const Entry> Load(const std::filesystem::path& file) const;

  std::filesystem::path root_;
  mutable std::shared_mutex mu_;
  mutable std::map<std::string, std::shared_ptr<const Entry>> cache_;
};

/// True when the name's extension is one web/ serves (html, js, css, json, images, fonts, ...);
/// other files there (README.md, notes) are answered as missing.
bool IsAssetName(std::string_view filename);

/// The Content-Type for a file name's extension ("application/octet-stream" if unknown).
std::string ContentTypeFor(std::string_view filename);

}  // namespace sawt::http
