#include "app/app.hpp"

#include <cstdio>
#include <cstdlib>

#include "app/modules.hpp"
#include "search/search_indexer.hpp"
#include "search/sqlite_tokenizer.hpp"
#include "store/open.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace sawt::app {

core::Result<Flags> Flags::Parse(const std::vector<std::string>& args, const std::vector<std::string>& known,
                                 const std::vector<std::string>& switches) {
  Flags flags;
  auto is = [](const std::vector<std::string>& list, const std::string& n) {
    for (const auto& k : list) {
      if (k == n) return true;
    }
    return false;
  };
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a.rfind("--", 0) != 0) {
      flags.positional_.push_back(a);
      continue;
    }
    std::string name = a.substr(2), value;
    if (auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    } else if (is(switches, name)) {
      value = "1";
    } else if (is(known, name)) {
      if (i + 1 >= args.size()) return core::Error::InvalidInput("cli.flag_needs_value", name, {name});
      value = args[++i];
    }
    if (!is(known, name) && !is(switches, name)) return core::Error::InvalidInput("cli.unknown_flag", name, {name});
    flags.values_[name] = value;
  }
  // Environment fallback: --port-file ↔ SAWT_PORT_FILE.
  for (const auto& k : known) {
    if (flags.values_.count(k)) continue;
    std::string env = "SAWT_";
    for (char c : k) env += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (const char* v = std::getenv(env.c_str()); v != nullptr && *v) flags.values_[k] = v;
  }
  return flags;
}

std::optional<std::string> Flags::Get(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

std::string Flags::GetOr(const std::string& name, const std::string& fallback) const {
  return Get(name).value_or(fallback);
}

std::string DefaultDb() { return "sqlite:var/sawt.db"; }

void PrintError(const core::Error& error) {
  std::fprintf(stderr, "sawt: %s", error.key.c_str());
  for (const auto& a : error.args) std::fprintf(stderr, " %s", a.c_str());
  if (!error.field.empty()) std::fprintf(stderr, " (%s)", error.field.c_str());
  if (!error.detail.empty()) std::fprintf(stderr, ": %s", error.detail.c_str());
  std::fputc('\n', stderr);
}

core::Result<App> OpenApp(const std::string& db_url) {
  // The FTS5 tokenizer "sawt" on every SQLite connection, before search's migration needs it.
  static const bool tokenizer_hooked = [] {
    store::RegisterConnectionHook(&search::RegisterSawtTokenizer);
    return true;
  }();
  (void)tokenizer_hooked;
  App app;
  auto store = store::Open(db_url);
  if (!store) return std::move(store).error();
  app.store = std::move(store).value();
  // The store's own tables first: EventsService reads `events` while registering.
  SAWT_TRY_STATUS(app.store->Migrate({}));
  app.auth = std::make_unique<auth::AuthService>(*app.store);
  app.registry = std::make_unique<module::ModuleRegistry>(module::Services{*app.store, *app.auth});
  app.events = RegisterModules(*app.registry);
  SAWT_TRY_STATUS(app.store->Migrate(app.registry->migrations()));
  // Data written before the search module existed (e.g. an older demo) gets indexed once.
  SAWT_TRY_STATUS(search::RebuildIfEmpty(*app.store));
  return app;
}

}  // namespace sawt::app
