#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "module/calendar_source.hpp"
#include "store/store.hpp"

namespace sawt::module {

/// Calendar items made of a source's query answer (its error passed on), one a row: `source` and
/// `kind`, the owner entity from `entity_column`, and the row's id, title_ar, title_en, status,
/// version and updated_at; `complete` then sets what is the source's own (dates, audience, …).
inline core::Result<std::vector<CalendarItem>> CalendarItemsOf(
    core::Result<std::vector<store::Row>> rows, const std::string& source, const std::string& kind,
    std::string_view entity_column, const std::function<void(const store::Row&, CalendarItem&)>& complete) {
  if (!rows) return std::move(rows).error();
  std::vector<CalendarItem> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) {
    CalendarItem item;
    item.source = source;
    item.id = r.Int("id");
    item.entity_id = r.Int(entity_column);
    item.kind = kind;
    item.title_ar = r.Text("title_ar");
    item.title_en = r.Text("title_en");
    item.status = r.Text("status");
    item.version = r.Int("version");
    item.updated_at = r.Text("updated_at");
    complete(r, item);
    out.push_back(std::move(item));
  }
  return out;
}

}  // namespace sawt::module
