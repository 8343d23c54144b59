#include "store/store.hpp"

#include "core/assert.hpp"

namespace sawt::store {

const Value& Row::at(size_t i) const {
  SAWT_ASSERT(i < values_.size(), "Row column index out of range");
  return values_[i];
}

size_t Row::Index(std::string_view column) const {
  SAWT_ASSERT(names_ != nullptr, "Row read by name without column names");
  for (size_t i = 0; i < names_->size(); ++i) {
    if ((*names_)[i] == column) return i;
  }
  SAWT_ASSERT(false, "Row read by a name the SELECT does not have");
  return 0;
}

bool Row::IsNull(size_t i) const { return std::holds_alternative<std::monostate>(at(i)); }

int64_t Row::Int(size_t i) const {
  const Value& v = at(i);
  SAWT_ASSERT(std::holds_alternative<int64_t>(v), "Row::Int on a non-integer column");
  return std::get<int64_t>(v);
}

double Row::Double(size_t i) const {
  const Value& v = at(i);
  // An integer-valued REAL can come back as INTEGER from SQLite expressions; widening is exact enough.
  if (std::holds_alternative<int64_t>(v)) return static_cast<double>(std::get<int64_t>(v));
  SAWT_ASSERT(std::holds_alternative<double>(v), "Row::Double on a non-numeric column");
  return std::get<double>(v);
}

const std::string& Row::Text(size_t i) const {
  const Value& v = at(i);
  SAWT_ASSERT(std::holds_alternative<std::string>(v), "Row::Text on a non-text column");
  return std::get<std::string>(v);
}

std::optional<int64_t> Row::OptInt(size_t i) const {
  if (IsNull(i)) return std::nullopt;
  return Int(i);
}

std::optional<std::string> Row::OptText(size_t i) const {
  if (IsNull(i)) return std::nullopt;
  return Text(i);
}

Result<int64_t> Tx::VisibleEventId() {
  auto rows = Query("SELECT COALESCE(MAX(id), 0) AS last_id FROM events");
  if (!rows) return std::move(rows).error();
  return rows->empty() ? 0 : (*rows)[0].Int("last_id");
}

Result<bool> Tx::AnyEventBetween(int64_t after, int64_t upto, const std::vector<std::string>& object_types) {
  if (object_types.empty()) return false;
  std::vector<Value> params = {after, upto};
  std::string in;
  for (const auto& type : object_types) {
    params.push_back(type);
    in += (in.empty() ? "$" : ", $") + std::to_string(params.size());
  }
  auto rows = Query("SELECT 1 FROM events WHERE id > $1 AND id <= $2 AND object_type IN (" + in + ") LIMIT 1", params);
  if (!rows) return std::move(rows).error();
  return !rows->empty();
}

}  // namespace sawt::store
