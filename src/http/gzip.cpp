#include "http/gzip.hpp"

#include <zlib.h>

#include <cstdlib>

namespace sawt::http {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool IEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i] >= 'A' && a[i] <= 'Z' ? static_cast<char>(a[i] + 32) : a[i];
    if (x != b[i]) return false;
  }
  return true;
}

}  // namespace

bool AcceptsGzip(std::string_view accept_encoding) {
  while (!accept_encoding.empty()) {
    size_t comma = accept_encoding.find(',');
    std::string_view item = Trim(accept_encoding.substr(0, comma));
    size_t semi = item.find(';');
    std::string_view coding = Trim(item.substr(0, semi));
    if (IEquals(coding, "gzip") || coding == "*") {
      double q = 1;
      if (semi != std::string_view::npos) {
        std::string_view p = Trim(item.substr(semi + 1));
        if (p.size() > 2 && (p[0] == 'q' || p[0] == 'Q') && p[1] == '=') {
          q = std::strtod(std::string(p.substr(2)).c_str(), nullptr);
        }
      }
      if (q > 0) return true;
    }
    if (comma == std::string_view::npos) break;
    accept_encoding.remove_prefix(comma + 1);
  }
  return false;
}

bool IsCompressibleType(std::string_view type) {
  type = type.substr(0, type.find(';'));
  type = Trim(type);
  if (type.substr(0, 5) == "text/") return true;
  return type == "application/json" || type == "application/problem+json" || type == "application/javascript" ||
         type == "application/manifest+json" || type == "image/svg+xml" || type == "application/xml";
}

std::optional<std::string> GzipCompress(std::string_view data) {
  z_stream zs{};
  // windowBits 15 + 16 selects the gzip wrapper.
  if (deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return std::nullopt;
  std::string out;
  out.resize(deflateBound(&zs, static_cast<uLong>(data.size())) + 32);
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&zs, Z_FINISH);
  size_t produced = out.size() - zs.avail_out;
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) return std::nullopt;
  out.resize(produced);
  return out;
}

}  // namespace sawt::http
