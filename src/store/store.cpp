#include "store/store.hpp"

#include "core/assert.hpp"

namespace sawt::store {

const Value& Row::at(size_t i) const {
  SAWT_ASSERT(i < values_.size(), "Row column index out of range");
  return values_[i];
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

}  // namespace sawt::store
