#include "http/target.hpp"

#include "core/utf8.hpp"

namespace sawt::http {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

bool PercentDecode(std::string_view in, bool plus_is_space, std::string* out) {
  out->clear();
  out->reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '%') {
      if (i + 2 >= in.size()) return false;
      int hi = HexValue(in[i + 1]);
      int lo = HexValue(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      out->push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out->push_back(' ');
    } else {
      out->push_back(c);
    }
  }
  return true;
}

core::Result<ParsedTarget> ParseTarget(std::string_view target) {
  if (target.empty() || target.front() != '/') return core::Error::InvalidInput("common.bad_path");
  size_t q = target.find('?');
  std::string_view raw_path = target.substr(0, q);
  std::string_view raw_query = q == std::string_view::npos ? std::string_view{} : target.substr(q + 1);
  size_t hash = raw_query.find('#');
  if (hash != std::string_view::npos) raw_query = raw_query.substr(0, hash);

  ParsedTarget out;
  for (size_t i = 0; i + 2 < raw_path.size(); ++i) {
    if (raw_path[i] == '%' && raw_path[i + 1] == '2' && (raw_path[i + 2] == 'f' || raw_path[i + 2] == 'F')) {
      out.encoded_separator = true;
    }
    if (raw_path[i] == '%' && raw_path[i + 1] == '5' && (raw_path[i + 2] == 'c' || raw_path[i + 2] == 'C')) {
      out.encoded_separator = true;
    }
  }
  if (!PercentDecode(raw_path, false, &out.path)) return core::Error::InvalidInput("common.bad_path");
  if (out.path.find('\0') != std::string::npos) return core::Error::InvalidInput("common.bad_path");
  if (!core::IsValidUtf8(out.path)) return core::Error::InvalidInput("common.invalid_utf8");

  while (!raw_query.empty()) {
    size_t amp = raw_query.find('&');
    std::string_view pair = raw_query.substr(0, amp);
    if (!pair.empty()) {
      size_t eq = pair.find('=');
      std::string key;
      std::string value;
      if (!PercentDecode(pair.substr(0, eq), true, &key)) return core::Error::InvalidInput("common.bad_request");
      if (eq != std::string_view::npos && !PercentDecode(pair.substr(eq + 1), true, &value)) {
        return core::Error::InvalidInput("common.bad_request");
      }
      if (!core::IsValidUtf8(key) || !core::IsValidUtf8(value)) {
        return core::Error::InvalidInput("common.invalid_utf8");
      }
      out.query[std::move(key)] = std::move(value);
    }
    if (amp == std::string_view::npos) break;
    raw_query.remove_prefix(amp + 1);
  }
  return out;
}

}  // namespace sawt::http
