#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "store/store.hpp"

namespace sawt::store {

/// A SQL statement and its parameters, built so that a placeholder and its value are always
/// added together: `Bind(" AND version = ", v)` appends "$k" where k is the position `v` takes.
/// Neither order of evaluation nor a forgotten push can make "$k" name another value (the bug
/// where "id = $" + size() + Guard(params) numbered the id after the guard had pushed its value).
/// Build it one statement at a time; each call is a full expression, so nothing is unsequenced.
///
///   Sql q("SELECT id FROM things WHERE id > ", after);      // "... WHERE id > $1"
///   if (entity) q.Bind(" AND entity_id = ", *entity);        // "... AND entity_id = $2"
///   q.Append(" ORDER BY id LIMIT ").Bind("", limit);          // "... LIMIT $3"
///   tx.Query(q);
class Sql {
 public:
  Sql() = default;
  /// Raw SQL text; it must not contain placeholders (use Bind) nor user input.
  explicit Sql(std::string_view text) : text_(text) {}
  /// `text` followed by the placeholder of `value`.
  Sql(std::string_view text, Value value) { Bind(text, std::move(value)); }

  /// Appends raw SQL text (never user input, never "$n").
  Sql& Append(std::string_view text) {
    text_.append(text);
    return *this;
  }
  /// Appends `text`, then the placeholder of `value`.
  Sql& Bind(std::string_view text, Value value) {
    params_.push_back(std::move(value));
    text_.append(text);
    text_.append("$").append(std::to_string(params_.size()));
    return *this;
  }
  /// Appends `text`, then one placeholder per value separated by ", " (for IN lists).
  /// REQUIRES: `values` is not empty (an empty IN list is not SQL).
  Sql& BindList(std::string_view text, const std::vector<Value>& values) {
    text_.append(text);
    for (size_t i = 0; i < values.size(); ++i) {
      params_.push_back(values[i]);
      if (i > 0) text_.append(", ");
      text_.append("$").append(std::to_string(params_.size()));
    }
    return *this;
  }

  const std::string& text() const { return text_; }
  const std::vector<Value>& params() const { return params_; }

 private:
  std::string text_;
  std::vector<Value> params_;
};

/// Runs a built statement (see Tx::Query / Tx::Exec).
inline Result<std::vector<Row>> Query(Tx& tx, const Sql& sql) { return tx.Query(sql.text(), sql.params()); }
inline Result<int64_t> Exec(Tx& tx, const Sql& sql) { return tx.Exec(sql.text(), sql.params()); }

}  // namespace sawt::store
