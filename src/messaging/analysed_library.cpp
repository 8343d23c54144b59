#include "messaging/analysed_library.hpp"

#include "core/clock.hpp"

namespace sawt::messaging {

using core::Result;
using store::Tx;

AnalysedLibrary::AnalysedLibrary(store::Store& store, module::EntityDirectorySource entities)
    : store_(store), entities_(std::move(entities)), epoch_(store) {}

Result<std::shared_ptr<const AlignmentLibrary>> AnalysedLibrary::Get() {
  const int64_t epoch = epoch_.value();
  const std::string today = store_.clock().NowIsoUtc().substr(0, 10);
  std::shared_ptr<const AlignmentLibrary> current;
  int64_t current_epoch = 0;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (library_ && library_day_ == today) {
      if (library_epoch_ == epoch) return library_;
      current = library_;
      current_epoch = library_epoch_;
    }
  }
  if (current) {
    // Most commits (calendar entries, content items, sessions, the outbox) do not touch the library:
    // look at the events since the snapshot and keep it unless one of them changed what it holds.
    auto touched = store::ReadValue<bool>(store_, [&](Tx& tx) -> Result<bool> {
      return tx.AnyEventBetween(current_epoch, epoch, {"theme", "key_message", "fact", "term", "entity_alias", "entity"});
    });
    if (!touched) return std::move(touched).error();
    if (!*touched) {
      std::lock_guard<std::mutex> lock(mu_);
      if (library_ == current && library_epoch_ < epoch) library_epoch_ = epoch;
      return current;
    }
  }
  auto snapshot = store::ReadValue<LibrarySnapshot>(store_, [&](Tx& tx) -> Result<LibrarySnapshot> {
    LibrarySnapshot s;
    auto themes = tx.Query("SELECT code, name_ar, name_en FROM message_themes");
    if (!themes) return std::move(themes).error();
    for (const auto& r : *themes) s.theme_names[r.Text(0)] = {r.Text(1), r.Text(2)};
    auto messages = tx.Query(
        "SELECT k.id, t.code, k.text_ar, k.text_en FROM key_messages k JOIN message_themes t ON t.id = k.theme_id "
        "WHERE k.state = 'approved' AND (k.valid_from IS NULL OR k.valid_from <= $1) AND (k.valid_until IS NULL OR "
        "k.valid_until >= $1) ORDER BY k.id",
        {today});
    if (!messages) return std::move(messages).error();
    for (const auto& r : *messages) s.messages.push_back({r.Int(0), r.Text(1), r.Text(2), r.Text(3)});
    auto facts = tx.Query(
        "SELECT id, fact_key, kind, label_ar, label_en, value_ar, value_en, numeric_value, date_value, as_of FROM facts "
        "WHERE state = 'approved' AND (valid_until IS NULL OR valid_until >= $1) ORDER BY id",
        {today});
    if (!facts) return std::move(facts).error();
    for (const auto& r : *facts) {
      FactEntry f;
      f.id = r.Int(0);
      f.key = r.Text(1);
      f.kind = r.Text(2);
      f.label_ar = r.Text(3);
      f.label_en = r.Text(4);
      f.value_ar = r.Text(5);
      f.value_en = r.Text(6);
      f.numeric_value = r.IsNull(7) ? 0 : r.Double(7);
      f.date_value = r.OptText(8).value_or("");
      f.as_of = r.Text(9);
      s.facts.push_back(std::move(f));
    }
    auto terms = tx.Query("SELECT id, term, lang, status, replacement FROM message_terms ORDER BY id");
    if (!terms) return std::move(terms).error();
    for (const auto& r : *terms) s.terms.push_back({r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4)});
    // Official names come from the network module's entity directory.
    SAWT_ASSIGN_OR_RETURN(auto entities, entities_().All(tx));
    auto aliases = tx.Query("SELECT entity_id, alias, lang FROM entity_aliases ORDER BY entity_id, id");
    if (!aliases) return std::move(aliases).error();
    for (const auto& r : *aliases) {
      const auto entity = entities->find(r.Int(0));
      if (entity == entities->end()) continue;
      if (s.entities.empty() || s.entities.back().entity_id != r.Int(0)) {
        s.entities.push_back({r.Int(0), entity->second.name_ar, entity->second.name_en, {}});
      }
      s.entities.back().aliases.push_back({r.Text(1), r.Text(2)});
    }
    return s;
  });
  if (!snapshot) return std::move(snapshot).error();
  auto lib = std::make_shared<const AlignmentLibrary>(std::move(*snapshot));
  std::lock_guard<std::mutex> lock(mu_);
  if (!library_ || library_epoch_ <= epoch) {
    library_ = lib;
    library_epoch_ = epoch;
    library_day_ = today;
  }
  return lib;
}

}  // namespace sawt::messaging
