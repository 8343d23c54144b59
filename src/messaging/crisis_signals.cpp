#include "messaging/crisis_signals.hpp"

#include "store/sql.hpp"

namespace sawt::messaging {

core::Result<std::vector<module::CrisisSignal>> PublicationFailureSignals::Signals(store::Tx& tx,
                                                                                   const module::CrisisSignalQuery& query,
                                                                                   size_t limit) const {
  std::vector<module::CrisisSignal> out;
  if (query.entity_ids.empty() || limit == 0) return out;
  std::vector<store::Value> entities(query.entity_ids.begin(), query.entity_ids.end());
  store::Sql sql(
      "SELECT o.id, o.item_id, o.owner_entity_id, o.channel, o.lang, o.updated_at, c.title_ar, c.title_en "
      "FROM publication_outbox o JOIN content_items c ON c.id = o.item_id WHERE o.state = 'failed'");
  sql.Bind(" AND o.updated_at >= ", query.since);
  sql.Bind(" AND o.updated_at < ", query.until);
  sql.BindList(" AND o.owner_entity_id IN (", entities).Append(")");
  sql.Bind(" ORDER BY o.updated_at DESC, o.id DESC LIMIT ", static_cast<int64_t>(limit));
  auto rows = store::Query(tx, sql);
  if (!rows) return std::move(rows).error();
  for (const auto& r : *rows) {
    const module::Term* channel = channels_.Find(r.Text("channel"));
    const std::string channel_ar = channel ? channel->label_ar : r.Text("channel");
    const std::string channel_en = channel ? channel->label_en : r.Text("channel");
    const bool arabic = r.Text("lang") == "ar";
    out.push_back({"publication_failed", r.Text("updated_at"), r.Int("owner_entity_id"),
                   "تعذّر نشر «" + r.Text("title_ar") + "» على " + channel_ar + (arabic ? " (النص العربي)" : " (النص الإنجليزي)"),
                   "Publishing “" + r.Text("title_en") + "” to " + channel_en + (arabic ? " failed (Arabic text)" : " failed (English text)"),
                   "#/editor/" + std::to_string(r.Int("item_id"))});
  }
  return out;
}

}  // namespace sawt::messaging
