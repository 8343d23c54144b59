#include "http/router.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "core/assert.hpp"
#include "http/target.hpp"

namespace sawt::http {
namespace {

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool IEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// "/a/{id}/b" -> {"a", "{id}", "b"}; "/" -> {""}.
std::vector<std::string_view> Split(std::string_view path) {
  std::vector<std::string_view> out;
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  size_t start = 0;
  while (true) {
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) {
      out.push_back(path.substr(start));
      break;
    }
    out.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

bool IsParam(std::string_view seg) { return seg.size() > 2 && seg.front() == '{' && seg.back() == '}'; }

// Parses a q-value ("0.8"); malformed values count as 0 so the entry is ignored.
double ParseQ(std::string_view params) {
  while (!params.empty()) {
    size_t semi = params.find(';');
    std::string_view p = Trim(params.substr(0, semi));
    if (p.size() > 2 && Lower(p[0]) == 'q' && p[1] == '=') {
      std::string v(p.substr(2));
      char* end = nullptr;
      double q = std::strtod(v.c_str(), &end);
      if (end == v.c_str() || *end != '\0' || q < 0 || q > 1) return 0;
      return q;
    }
    if (semi == std::string_view::npos) break;
    params.remove_prefix(semi + 1);
  }
  return 1;
}

}  // namespace

std::string_view Request::Header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (IEquals(k, name)) return v;
  }
  return {};
}

std::string Request::Cookie(std::string_view name) const {
  std::string_view all = Header("cookie");
  while (!all.empty()) {
    size_t semi = all.find(';');
    std::string_view pair = Trim(all.substr(0, semi));
    size_t eq = pair.find('=');
    if (eq != std::string_view::npos && Trim(pair.substr(0, eq)) == name) {
      std::string_view value = Trim(pair.substr(eq + 1));
      if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
      return std::string(value);
    }
    if (semi == std::string_view::npos) break;
    all.remove_prefix(semi + 1);
  }
  return {};
}

namespace {

// The value of Unicode extension keyword `key` in a language range ("ar-u-ca-islamic-umalqura-nu-latn":
// ca → "islamic-umalqura", nu → "latn"; BCP 47, RFC 6067), lower case; empty when absent.
std::string UnicodeKeyword(std::string_view range, std::string_view key) {
  bool in_unicode_extension = false;
  bool in_value = false;
  std::string value;
  while (!range.empty()) {
    const size_t dash = range.find('-');
    std::string_view subtag = range.substr(0, dash);
    if (subtag.size() == 1) {
      if (in_value) break;
      in_unicode_extension = IEquals(subtag, "u");  // a singleton starts an extension
    } else if (in_unicode_extension && subtag.size() == 2) {
      if (in_value) break;  // the next keyword
      in_value = IEquals(subtag, key);
    } else if (in_value) {
      if (!value.empty()) value += '-';
      for (char c : subtag) value += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    if (dash == std::string_view::npos) break;
    range.remove_prefix(dash + 1);
  }
  return value;
}

// The digits a language range asks for ("-u-nu-arab" / "-u-nu-latn"); other numbering systems
// and malformed extensions ask for nothing.
std::optional<Digits> DigitsOfRange(std::string_view range) { return ParseDigits(UnicodeKeyword(range, "nu")); }

// Whether the range asks for the Umm al-Qura calendar ("-u-ca-islamic-umalqura"; "islamic" too).
bool HijriOfRange(std::string_view range) {
  const std::string calendar = UnicodeKeyword(range, "ca");
  return calendar == "islamic-umalqura" || calendar == "islamic";
}

}  // namespace

Locale Request::Locale() const { return LocaleOf(Header("accept-language")); }

Locale LocaleOf(std::string_view all) {
  http::Locale best{"ar", std::nullopt};
  double best_q = 0;
  while (!all.empty()) {
    size_t comma = all.find(',');
    std::string_view item = Trim(all.substr(0, comma));
    size_t semi = item.find(';');
    std::string_view range = Trim(item.substr(0, semi));
    double q = semi == std::string_view::npos ? 1.0 : ParseQ(item.substr(semi + 1));
    std::string_view primary = range.substr(0, range.find('-'));
    std::string lang;
    if (IEquals(primary, "ar")) lang = "ar";
    if (IEquals(primary, "en")) lang = "en";
    // Strictly greater: among equal q-values the first listed wins.
    if (!lang.empty() && q > 0 && q > best_q) {
      best = http::Locale{lang, DigitsOfRange(range), HijriOfRange(range)};
      best_q = q;
    }
    if (comma == std::string_view::npos) break;
    all.remove_prefix(comma + 1);
  }
  return best;
}

std::string Request::Lang() const { return Locale().lang; }

Response Response::Json(int status, const core::Json& value) {
  Response r;
  r.status = status;
  r.body = core::DumpJson(value);
  return r;
}

Response Response::NoContent() {
  Response r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

Response& Response::SetHeader(std::string name, std::string value) {
  for (auto& [k, v] : headers) {
    if (IEquals(k, name)) {
      v = std::move(value);
      return *this;
    }
  }
  headers.emplace_back(std::move(name), std::move(value));
  return *this;
}

void Router::Add(Route route) {
  SAWT_ASSERT(!route.pattern.empty() && route.pattern.front() == '/', "route pattern must start with '/'");
  std::vector<std::string> segs;
  for (auto s : Split(route.pattern)) segs.emplace_back(s);
  segments_.push_back(std::move(segs));
  routes_.push_back(std::move(route));
}

size_t Router::BodyLimit(std::string_view method, std::string_view target, size_t server_limit) const {
  auto parsed = ParseTarget(target);
  if (!parsed) return server_limit;
  const Match m = Find(method, parsed->path);
  if (m.route == nullptr || m.route->max_body_bytes <= server_limit) return server_limit;
  return m.route->max_body_bytes;
}

size_t Router::LargestBodyLimit(size_t server_limit) const {
  size_t largest = server_limit;
  for (const Route& r : routes_) largest = std::max(largest, r.max_body_bytes);
  return largest;
}

Router::Match Router::Find(std::string_view method, std::string_view path) const {
  Match out;
  std::vector<std::string_view> parts = Split(path);
  // Specificity: one bit per segment, set where the pattern is literal; earlier segments weigh
  // more, so "/a/b/{x}" beats "/a/{y}/c" and literals always beat params at the same position.
  auto better = [](const std::vector<bool>& a, const std::vector<bool>& b) { return a > b; };
  std::vector<bool> best_score;
  const Route* best = nullptr;
  const Route* best_get = nullptr;
  std::vector<bool> best_get_score;
  for (size_t i = 0; i < routes_.size(); ++i) {
    const auto& segs = segments_[i];
    if (segs.size() != parts.size()) continue;
    std::vector<bool> score(segs.size());
    bool ok = true;
    for (size_t j = 0; j < segs.size() && ok; ++j) {
      if (IsParam(segs[j])) {
        ok = !parts[j].empty();
      } else {
        ok = segs[j] == parts[j];
        score[j] = true;
      }
    }
    if (!ok) continue;
    const Route& r = routes_[i];
    if (std::find(out.allowed_methods.begin(), out.allowed_methods.end(), r.method) == out.allowed_methods.end()) {
      out.allowed_methods.push_back(r.method);
    }
    if (r.method == method && (best == nullptr || better(score, best_score))) {
      best = &r;
      best_score = score;
    }
    if (r.method == "GET" && (best_get == nullptr || better(score, best_get_score))) {
      best_get = &r;
      best_get_score = score;
    }
  }
  if (best == nullptr && method == "HEAD" && best_get != nullptr) {
    best = best_get;  // HEAD is served by the GET route (the server drops the body)
  }
  bool has_get = std::find(out.allowed_methods.begin(), out.allowed_methods.end(), "GET") != out.allowed_methods.end();
  bool has_head = std::find(out.allowed_methods.begin(), out.allowed_methods.end(), "HEAD") != out.allowed_methods.end();
  if (has_get && !has_head) out.allowed_methods.push_back("HEAD");
  std::sort(out.allowed_methods.begin(), out.allowed_methods.end());
  if (best == nullptr) {
    out.method_not_allowed = !out.allowed_methods.empty();
    return out;
  }
  out.route = best;
  const auto& segs = segments_[static_cast<size_t>(best - routes_.data())];
  for (size_t j = 0; j < segs.size(); ++j) {
    if (IsParam(segs[j])) out.params[segs[j].substr(1, segs[j].size() - 2)] = std::string(parts[j]);
  }
  return out;
}

}  // namespace sawt::http
