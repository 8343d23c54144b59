#include "tests/support/openapi_contract.hpp"

#include "http/target.hpp"

namespace sawt::testing {
namespace {

using core::Json;

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

/// "application/json; charset=utf-8" → "application/json".
std::string MediaType(const std::string& content_type) {
  std::string media = Lower(content_type.substr(0, content_type.find(';')));
  while (!media.empty() && media.back() == ' ') media.pop_back();
  return media;
}

bool IsJson(const std::string& media) {
  return media == "application/json" || (media.size() > 5 && media.compare(media.size() - 5, 5, "+json") == 0);
}

}  // namespace

ResponseContract::ResponseContract(Json document, const http::Router& router)
    : document_(std::move(document)), router_(router), validator_(document_, {.closed_objects = true}) {}

const Json* ResponseContract::OperationFor(const std::string& method, const std::string& path) const {
  const std::string verb = Lower(method == "HEAD" ? "GET" : method);
  std::string pattern = path;
  if (auto match = router_.Find(method == "HEAD" ? "GET" : method, path); match.route) pattern = match.route->pattern;
  const Json& paths = document_["paths"];
  if (!paths.contains(pattern) || !paths[pattern].contains(verb)) return nullptr;
  return &paths[pattern][verb];
}

void ResponseContract::CheckProblem(const std::string& body, std::vector<std::string>& out) const {
  const Json problem = Json::parse(body, nullptr, false);
  if (problem.is_discarded()) {
    out.push_back("the problem body is not JSON");
    return;
  }
  for (auto& finding : validator_.Validate(problem, {{"$ref", "#/components/schemas/Problem"}})) {
    out.push_back("Problem " + finding);
  }
}

std::vector<std::string> ResponseContract::Check(const std::string& method, const std::string& target, int status,
                                                 const std::map<std::string, std::string>& headers,
                                                 const std::string& body) const {
  std::vector<std::string> out;
  if (status < 100) return out;  // no answer at all: the test sees that itself
  auto header = [&](const char* name) {
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  };
  const std::string media = MediaType(header("content-type"));
  const bool readable = header("content-encoding").empty() && method != "HEAD";
  auto parsed = http::ParseTarget(target);
  const std::string path = parsed ? parsed->path : target.substr(0, target.find('?'));
  const Json* operation = OperationFor(method, path);
  if (!operation) {
    if (media == "application/problem+json" && readable) CheckProblem(body, out);
    return out;
  }
  const std::string status_key = std::to_string(status);
  const Json& responses = (*operation)["responses"];
  if (!responses.contains(status_key)) {
    out.push_back("status " + status_key + " is not documented (documented: " + [&] {
      std::string keys;
      for (const auto& [key, _] : responses.items()) keys += (keys.empty() ? "" : " ") + key;
      return keys;
    }() + ")");
    if (media == "application/problem+json" && readable) CheckProblem(body, out);
    return out;
  }
  const Json* response = &responses[status_key];
  if (response->contains("$ref")) {
    response = validator_.Resolve((*response)["$ref"]);
    if (!response) {
      out.push_back("the response $ref of " + status_key + " does not resolve");
      return out;
    }
  }
  if (!response->contains("content")) {
    if (!body.empty() && method != "HEAD") out.push_back("a " + media + " body, but " + status_key + " documents none");
    return out;
  }
  const Json* content = nullptr;
  for (const auto& [documented, value] : (*response)["content"].items()) {
    if (MediaType(documented) == media) content = &value;
  }
  if (!content) {
    out.push_back("media type \"" + media + "\" is not documented for " + status_key + ": " + (*response)["content"].dump());
    return out;
  }
  if (!IsJson(media) || !readable || !content->contains("schema")) return out;
  const Json value = Json::parse(body, nullptr, false);
  if (value.is_discarded()) {
    out.push_back("the " + media + " body is not JSON");
    return out;
  }
  for (auto& finding : validator_.Validate(value, (*content)["schema"])) out.push_back(std::move(finding));
  return out;
}

}  // namespace sawt::testing
