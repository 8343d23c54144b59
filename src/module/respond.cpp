#include "module/respond.hpp"

#include <charconv>

#include "text/nfc.hpp"

namespace sawt::module {
namespace {

std::optional<int64_t> ParsePositive(std::string_view s) {
  int64_t v = 0;
  if (s.empty() || s.size() > 18) return std::nullopt;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v <= 0) return std::nullopt;
  return v;
}

}  // namespace

namespace {

// Stores canonically equivalent spellings identically (DESIGN.md: NFC on input).
void ComposeStrings(core::Json& value) {
  if (value.is_string()) {
    auto& s = value.get_ref<std::string&>();
    std::string composed = text::ToNfc(s);
    if (composed != s) s = std::move(composed);
  } else if (value.is_structured()) {
    for (auto& child : value) ComposeStrings(child);
  }
}

}  // namespace

core::Result<core::Json> JsonBody(const http::Request& req) {
  std::string_view type = req.Header("content-type");
  if (type.find("application/json") == std::string_view::npos &&
      type.find("application/merge-patch+json") == std::string_view::npos) {
    return core::Error::InvalidInput("common.unsupported_media_type");
  }
  auto body = core::ParseJsonObject(req.body);
  if (body) ComposeStrings(*body);
  return body;
}

http::Response Reply(const http::Request& req, const core::Result<core::Json>& result, int status) {
  if (!result) return http::Response::Problem(result.error(), req);
  return http::Response::Json(status, *result);
}

http::Response ReplyWithEtag(const http::Request& req, const core::Result<core::Json>& result, int status) {
  http::Response res = Reply(req, result, status);
  if (result && result->contains("version")) {
    res.SetHeader("ETag", "\"" + std::to_string((*result)["version"].get<int64_t>()) + "\"");
  }
  return res;
}

http::Response ReplyEmpty(const http::Request& req, const core::Status& status) {
  if (!status) return http::Response::Problem(status.error(), req);
  return http::Response::NoContent();
}

core::Result<std::optional<int64_t>> IfMatch(const http::Request& req) {
  std::string_view h = req.Header("if-match");
  if (h.empty()) return std::optional<int64_t>{};
  if (h.substr(0, 2) == "W/") h.remove_prefix(2);
  if (h.size() < 3 || h.front() != '"' || h.back() != '"') return core::Error::PreconditionFailed("common.bad_if_match");
  auto v = ParsePositive(h.substr(1, h.size() - 2));
  if (!v) return core::Error::PreconditionFailed("common.bad_if_match");
  return std::optional<int64_t>{*v};
}

core::Result<int64_t> PathId(const http::Request& req, const std::string& name) {
  auto it = req.params.find(name);
  if (it == req.params.end()) return core::Error::NotFound("common.not_found");
  auto v = ParsePositive(it->second);
  if (!v) return core::Error::NotFound("common.not_found");
  return *v;
}

core::Result<std::optional<int64_t>> QueryId(const http::Request& req, const std::string& name) {
  auto it = req.query.find(name);
  if (it == req.query.end() || it->second.empty()) return std::optional<int64_t>{};
  auto v = ParsePositive(it->second);
  if (!v) return core::Error::InvalidInput("common.expected_integer", name, {name});
  return std::optional<int64_t>{*v};
}

core::Result<Page> PageFrom(const http::Request& req) {
  Page page;
  if (auto it = req.query.find("limit"); it != req.query.end()) {
    auto v = ParsePositive(it->second);
    if (!v || *v > 200) return core::Error::InvalidInput("common.bad_limit", "limit");
    page.limit = static_cast<int>(*v);
  }
  if (auto it = req.query.find("cursor"); it != req.query.end() && !it->second.empty()) {
    auto v = ParsePositive(it->second);
    if (!v) return core::Error::InvalidInput("common.bad_cursor", "cursor");
    page.after_id = *v;
  }
  return page;
}

core::Json PageJson(core::Json items, const Page& page, int64_t last_id) {
  const bool full = items.is_array() && static_cast<int>(items.size()) >= page.limit;
  core::Json out = {{"items", std::move(items)}};
  out["next_cursor"] = full ? core::Json(std::to_string(last_id)) : core::Json(nullptr);
  return out;
}

}  // namespace sawt::module
