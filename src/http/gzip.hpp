#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sawt::http {

/// Responses smaller than this are sent as they are.
inline constexpr size_t kGzipMinBytes = 1024;

/// True when an Accept-Encoding value accepts gzip (explicitly or via "*", with q > 0).
bool AcceptsGzip(std::string_view accept_encoding);

/// True for types worth compressing: text/*, JSON, JavaScript, CSS and SVG.
bool IsCompressibleType(std::string_view content_type);

/// The gzip (RFC 1952) encoding of `data`; nullopt if zlib fails. Thread-safe.
std::optional<std::string> GzipCompress(std::string_view data);

}  // namespace sawt::http
