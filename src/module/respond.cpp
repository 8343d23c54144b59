#include "module/respond.hpp"

#include <cstdio>
#include <utility>
#include <vector>

#include "core/numbers.hpp"
#include "core/utf8.hpp"
#include "http/media_type.hpp"
#include "text/nfc.hpp"

namespace sawt::module {
namespace {

// Ids, versions, limits and cursors have one spelling: "06" or "+6" is not 6 (core::ParseId).
std::optional<int64_t> ParsePositive(std::string_view s) { return core::ParseId(s); }

// Stores canonically equivalent spellings identically (DESIGN.md: NFC on input), and refuses text
// that no feed, calendar file or page may carry (core::FindTextFault): the first fault in document
// order, with its path. Keys are left as sent (they name fields). Iterative, so no input depth can
// exhaust the stack.
std::optional<core::Error> ComposeStrings(core::Json& root) {
  std::optional<core::Error> fault;
  std::vector<std::pair<core::Json*, std::string>> pending = {{&root, ""}};
  while (!pending.empty()) {
    auto [value, path] = std::move(pending.back());
    pending.pop_back();
    if (value->is_string()) {
      auto& s = value->get_ref<std::string&>();
      std::string composed = text::ToNfc(s);
      if (composed != s) s = std::move(composed);
      if (fault) continue;
      if (auto bad = core::FindTextFault(s)) {
        char hex[16];
        std::snprintf(hex, sizeof hex, "U+%04X", static_cast<unsigned>(bad->code_point));
        fault = core::Error::InvalidInput("common.invalid_characters", path, {path, hex});
      }
    } else if (value->is_object()) {
      // Pushed in reverse, so that they are visited in document order.
      std::vector<std::pair<core::Json*, std::string>> children;
      for (auto it = value->begin(); it != value->end(); ++it) {
        children.emplace_back(&it.value(), path.empty() ? it.key() : path + "." + it.key());
      }
      pending.insert(pending.end(), std::make_move_iterator(children.rbegin()), std::make_move_iterator(children.rend()));
    } else if (value->is_array()) {
      for (size_t i = value->size(); i-- > 0;) pending.emplace_back(&(*value)[i], path + "[" + std::to_string(i) + "]");
    }
  }
  return fault;
}

}  // namespace

core::Result<core::Json> JsonBody(const http::Request& req) {
  // The exact media type, not a substring: "text/plain; x=application/json" is text.
  const std::string_view type = req.Header("content-type");
  if (!http::IsMediaType(type, "application/json") && !http::IsMediaType(type, "application/merge-patch+json")) {
    return core::Error::UnsupportedMediaType();
  }
  auto body = core::ParseJsonObject(req.body);
  if (!body) return body;
  if (auto fault = ComposeStrings(*body)) return *std::move(fault);
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

std::optional<std::string> QueryText(const http::Request& req, const std::string& name) {
  auto it = req.query.find(name);
  if (it == req.query.end() || it->second.empty()) return std::nullopt;
  return it->second;
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
