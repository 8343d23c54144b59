#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "auth/caller.hpp"
#include "core/json.hpp"
#include "core/result.hpp"
#include "http/router.hpp"

namespace sawt::module {

/// Helpers shared by every module's thin handlers.

/// Parses a JSON object body; checks Content-Type is exactly application/json or
/// application/merge-patch+json, charset UTF-8 if any (otherwise kUnsupportedMediaType
/// "common.unsupported_media_type", HTTP 415); every string value is put in Unicode NFC.
core::Result<core::Json> JsonBody(const http::Request& req);

/// Maps a service result to a response: value → `status` JSON, error → problem.
http::Response Reply(const http::Request& req, const core::Result<core::Json>& result, int status = 200);
/// Like Reply, and adds ETag: "<version>" taken from result["version"].
http::Response ReplyWithEtag(const http::Request& req, const core::Result<core::Json>& result, int status = 200);
/// 204 on success.
http::Response ReplyEmpty(const http::Request& req, const core::Status& status);

/// The version named by If-Match ("3" or W/"3"); nullopt when absent; kPreconditionFailed when
/// malformed.
core::Result<std::optional<int64_t>> IfMatch(const http::Request& req);

/// The integer path parameter `name`; kNotFound "common.not_found" unless it is a canonical id
/// (1..2^63-1, decimal, no sign, no leading zero).
core::Result<int64_t> PathId(const http::Request& req, const std::string& name = "id");

/// A handler for "{id}" routes that take If-Match and a JSON body and also read the request (its
/// locale, a query parameter): `fn(caller, id, if_match, body, req)` returns Result<Json>; the
/// reply carries its ETag.
template <typename Fn>
auto WithIdMatchBodyRequest(Fn fn) {
  return [fn](http::Request& req, const auth::Caller& caller) {
    auto id = PathId(req);
    if (!id) return http::Response::Problem(id.error(), req);
    auto match = IfMatch(req);
    if (!match) return http::Response::Problem(match.error(), req);
    auto body = JsonBody(req);
    if (!body) return http::Response::Problem(body.error(), req);
    return ReplyWithEtag(req, fn(caller, *id, *match, *body, req));
  };
}

/// The same for handlers that need nothing more of the request: `fn(caller, id, if_match, body)`.
template <typename Fn>
auto WithIdMatchBody(Fn fn) {
  return WithIdMatchBodyRequest([fn](const auth::Caller& caller, int64_t id, std::optional<int64_t> if_match,
                                     const core::Json& body, http::Request&) { return fn(caller, id, if_match, body); });
}

/// A handler for creating routes: `fn(caller, body)` returns Result<Json>; 201 with its ETag.
template <typename Fn>
auto CreateWithBody(Fn fn) {
  return [fn](http::Request& req, const auth::Caller& caller) {
    auto body = JsonBody(req);
    if (!body) return http::Response::Problem(body.error(), req);
    return ReplyWithEtag(req, fn(caller, *body), 201);
  };
}

/// A query parameter's text; nullopt when absent or empty ("?status=" filters nothing).
std::optional<std::string> QueryText(const http::Request& req, const std::string& name);

/// An optional positive integer query parameter; kInvalidInput when present but malformed.
core::Result<std::optional<int64_t>> QueryId(const http::Request& req, const std::string& name);

/// Cursor pagination: `limit` (1..200, default 50) and `cursor` (opaque: the last id seen).
struct Page {
  int64_t after_id = 0;
  int limit = 50;
};
core::Result<Page> PageFrom(const http::Request& req);
/// {"items": items, "next_cursor": ...}: next_cursor is set when `items` filled the page.
core::Json PageJson(core::Json items, const Page& page, int64_t last_id);

}  // namespace sawt::module

/// The route files' shared vocabulary: each routes.cpp writes `using namespace module::route_names;`
/// instead of repeating the same block of using-declarations.
namespace sawt::module::route_names {

using core::Json;
using http::Request;
using http::Response;
using module::Reply;
using module::ReplyEmpty;
using module::ReplyWithEtag;
using module::WithIdMatchBody;
using module::WithIdMatchBodyRequest;

}  // namespace sawt::module::route_names
