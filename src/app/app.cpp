#include "app/app.hpp"

#include <cstdio>
#include <cstdlib>

#include "app/audit_key.hpp"
#include "app/modules.hpp"
#include "http/messages.hpp"
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
      // "--user --db x" means a forgotten value, not the login "--db".
      if (i + 1 >= args.size() || args[i + 1].rfind("--", 0) == 0) {
        return core::Error::InvalidInput("cli.flag_needs_value", name, {name});
      }
      value = args[++i];
    }
    if (!is(known, name) && !is(switches, name)) return core::Error::InvalidInput("cli.unknown_flag", name, {name});
    flags.values_[name].push_back(value);
  }
  // Environment fallback: --port-file ↔ SAWT_PORT_FILE.
  for (const auto& k : known) {
    if (flags.values_.count(k)) continue;
    std::string env = "SAWT_";
    for (char c : k) env += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (const char* v = std::getenv(env.c_str()); v != nullptr && *v) flags.values_[k].push_back(v);
  }
  return flags;
}

std::optional<std::string> Flags::Get(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end() || it->second.empty()) return std::nullopt;
  return it->second.back();
}

std::vector<std::string> Flags::GetAll(const std::string& name) const {
  auto it = values_.find(name);
  return it == values_.end() ? std::vector<std::string>{} : it->second;
}

std::string Flags::GetOr(const std::string& name, const std::string& fallback) const {
  return Get(name).value_or(fallback);
}

std::string DefaultDb() { return "sqlite:var/sawt.db"; }

void PrintError(const core::Error& error) {
  // The command line's own errors, worded for the operator who typed the command (a fixed table,
  // built once, never destroyed).
  static const http::MessageCatalog* messages = [] {
    auto* catalog = new http::MessageCatalog();
    catalog->Add({
        {"cli.unknown_flag", "خيار غير معروف: ‎--{0}", "unknown flag --{0} (see --help)"},
        {"cli.flag_needs_value", "الخيار ‎--{0} يحتاج إلى قيمة", "flag --{0} needs a value"},
        {"cli.bad_port", "المنفذ «{0}» غير صالح: عدد صحيح من 0 إلى 65535", "--port \"{0}\" is not a port: a whole number from 0 to 65535"},
        {"cli.bad_threads", "عدد الخيوط «{0}» غير صالح: عدد صحيح من 0 (تلقائي) إلى 1024",
         "--threads \"{0}\" is not valid: a whole number from 0 (automatic) to 1024"},
        {"cli.bad_metrics_address", "عنوان المقاييس «{0}» غير صالح: المضيف:المنفذ، مثل 127.0.0.1:9090",
         "--metrics-address \"{0}\" is not valid: host:port, e.g. 127.0.0.1:9090"},
        {"cli.audit_key_create_failed", "تعذر إنشاء ملف مفتاح التدقيق {0}: {1}", "cannot create the audit key file {0}: {1}"},
        {"cli.audit_key_unreadable", "تعذرت قراءة ملف مفتاح التدقيق {0}: {1}", "cannot read the audit key file {0}: {1}"},
        {"cli.audit_key_permissions", "ملف مفتاح التدقيق {0} يقرؤه أو يكتبه غير مالكه، أو يملكه حساب آخر؛ اجعله 0600",
         "the audit key file {0} is readable or writable by others, or owned by another account; make it 0600"},
        {"cli.audit_key_malformed", "ملف مفتاح التدقيق {0} ليس بالصيغة المتوقعة", "the audit key file {0} is malformed"},
        {"cli.audit_anchor_malformed", "{0}: ليس سطر مرساة صحيحًا", "{0}: not an anchor line"},
        {"cli.audit_anchor_forged", "{0}: توقيع المرساة لا يطابق المفتاح (مزوّرة أو بمفتاح آخر)",
         "{0}: the anchor's signature does not match the key (forged, or made with another key)"},
        {"cli.audit_anchor_missing_row", "{0}: الحدث {1} الذي تسميه المرساة غير موجود (حُذفت أحدث الأحداث)",
         "{0}: event {1} named by the anchor is missing (the newest events were deleted)"},
        {"cli.audit_anchor_mismatch", "{0}: بصمة الحدث {1} لا تطابق المرساة (أعيدت كتابة السجل)",
         "{0}: event {1} no longer has the anchored hash (the log was rewritten)"},
    });
    return catalog;
  }();
  const std::string text = messages->Translate(error.key, "en", error.args);
  if (text != error.key) {
    std::fprintf(stderr, "sawt: %s", text.c_str());
  } else {
    std::fprintf(stderr, "sawt: %s", error.key.c_str());
    for (const auto& a : error.args) std::fprintf(stderr, " %s", a.c_str());
    if (!error.field.empty()) std::fprintf(stderr, " (%s)", error.field.c_str());
  }
  if (!error.detail.empty()) std::fprintf(stderr, ": %s", error.detail.c_str());
  std::fputc('\n', stderr);
}

core::Result<store::StoreOptions> StoreOptionsFrom(const Flags& flags) {
  store::StoreOptions options;
  if (auto path = flags.Get(kAuditKeyFlag)) {
    auto key = ReadAuditKeyFile(*path);
    if (!key) return std::move(key).error();
    options.audit_key = std::move(key).value();
  }
  return options;
}

core::Result<App> OpenApp(const std::string& db_url, AppOptions options) {
  // The FTS5 tokenizer "sawt" on every SQLite connection, before search's migration needs it.
  options.store.sqlite_connection_hooks.push_back(&search::RegisterSawtTokenizer);
  App app;
  auto store = store::Open(db_url, options.store);
  if (!store) return std::move(store).error();
  app.store = std::move(store).value();
  // The store's own tables first: EventsService reads `events` while registering.
  SAWT_TRY_STATUS(app.store->Migrate({}));
  app.auth = std::make_unique<auth::AuthService>(*app.store, std::move(options.auth));
  app.registry = std::make_unique<module::ModuleRegistry>(module::Services{*app.store, *app.auth, options.settings});
  app.events = RegisterModules(*app.registry);
  for (const auto& extra : options.extra_modules) extra(*app.registry);
  SAWT_TRY_STATUS(app.store->Migrate(app.registry->migrations()));
  // Data written before the search module existed (e.g. an older demo) gets indexed once.
  SAWT_TRY_STATUS(search::RebuildIfEmpty(*app.store, app.registry->search_types()));
  return app;
}

}  // namespace sawt::app
