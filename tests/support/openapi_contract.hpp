#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/json.hpp"
#include "http/router.hpp"
#include "tests/support/json_schema.hpp"

namespace sawt::testing {

/// Holds HTTP answers to the OpenAPI document the server publishes: the status must be one the
/// operation documents, the media type one that status documents, and a JSON body must match its
/// schema (objects are closed: a member the schema does not describe is a finding). Answers of no
/// operation (404 and 405 of unknown paths, static files) are checked only when they are problems.
/// Thread-safe; `router` must outlive it.
class ResponseContract {
 public:
  ResponseContract(core::Json document, const http::Router& router);

  /// What is wrong with the answer to `method target`; empty when it conforms. `headers` have
  /// lower-case names.
  std::vector<std::string> Check(const std::string& method, const std::string& target, int status,
                                 const std::map<std::string, std::string>& headers, const std::string& body) const;

  const core::Json& document() const { return document_; }

 private:
  const core::Json* OperationFor(const std::string& method, const std::string& path) const;
  void CheckProblem(const std::string& body, std::vector<std::string>& out) const;

  core::Json document_;
  const http::Router& router_;
  SchemaValidator validator_;
};

}  // namespace sawt::testing
