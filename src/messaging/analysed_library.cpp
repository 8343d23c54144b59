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
    for (const auto& r : *themes) s.theme_names[r.Text("code")] = {r.Text("name_ar"), r.Text("name_en")};
    auto messages = tx.Query(
        "SELECT k.id, t.code, k.text_ar, k.text_en FROM key_messages k JOIN message_themes t ON t.id = k.theme_id "
        "WHERE k.state = 'approved' AND (k.valid_from IS NULL OR k.valid_from <= $1) AND (k.valid_until IS NULL OR "
        "k.valid_until >= $1) ORDER BY k.id",
        {today});
    if (!messages) return std::move(messages).error();
    for (const auto& r : *messages) {
      s.messages.push_back({r.Int("id"), r.Text("code"), r.Text("text_ar"), r.Text("text_en")});
    }
    auto facts = tx.Query(
        "SELECT id, fact_key, kind, label_ar, label_en, value_ar, value_en, numeric_value, date_value, as_of FROM facts "
        "WHERE state = 'approved' AND (valid_until IS NULL OR valid_until >= $1) ORDER BY id",
        {today});
    if (!facts) return std::move(facts).error();
    for (const auto& r : *facts) {
      FactEntry f;
      f.id = r.Int("id");
      f.key = r.Text("fact_key");
      f.kind = r.Text("kind");
      f.label_ar = r.Text("label_ar");
      f.label_en = r.Text("label_en");
      f.value_ar = r.Text("value_ar");
      f.value_en = r.Text("value_en");
      f.numeric_value = r.IsNull("numeric_value") ? 0 : r.Double("numeric_value");
      f.date_value = r.OptText("date_value").value_or("");
      f.as_of = r.Text("as_of");
      s.facts.push_back(std::move(f));
    }
    auto terms = tx.Query("SELECT id, term, lang, status, replacement FROM message_terms ORDER BY id");
    if (!terms) return std::move(terms).error();
    for (const auto& r : *terms) {
      s.terms.push_back({r.Int("id"), r.Text("term"), r.Text("lang"), r.Text("status"), r.Text("replacement")});
    }
    // Official names come from the network module's entity directory.
    SAWT_ASSIGN_OR_RETURN(auto entities, entities_().All(tx));
    auto aliases = tx.Query("SELECT entity_id, alias, lang FROM entity_aliases ORDER BY entity_id, id");
    if (!aliases) return std::move(aliases).error();
    for (const auto& r : *aliases) {
      const auto entity = entities->find(r.Int("entity_id"));
      if (entity == entities->end()) continue;
      if (s.entities.empty() || s.entities.back().entity_id != r.Int("entity_id")) {
        s.entities.push_back({r.Int("entity_id"), entity->second.name_ar, entity->second.name_en, {}});
      }
      s.entities.back().aliases.push_back({r.Text("alias"), r.Text("lang")});
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
