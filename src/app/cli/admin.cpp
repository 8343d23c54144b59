#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <optional>
#include <sstream>

#include "app/app.hpp"
#include "app/cli/open_from_flags.hpp"
#include "app/audit_key.hpp"
#include "auth/crypto.hpp"

namespace sawt::app {
namespace {

constexpr const char* kHelp = R"(usage:
  sawt admin token --user LOGIN [--name NAME] [--scopes read,write] [--db URL]
      prints a new API token for the account (shown once; stored hashed)
  sawt admin verify-audit [--db URL] [--audit-key FILE] [--anchors FILE]
      checks the events hash chain (keyed rows with the key) and the signed anchors;
      exit status 0 only when intact
  sawt admin audit-key --key-file FILE [--db URL]
      creates FILE (mode 0600) with a new key for the events chain; from then on start every
      sawt command on this database with --audit-key FILE (see docs/security.md)
  sawt admin audit-anchor --audit-key FILE [--db URL]
      prints a signed line naming the chain's newest event; append it to a file kept elsewhere
      (e.g. hourly from cron) and pass that file to verify-audit --anchors
  sawt admin activate --user LOGIN [--db URL]
      re-activates a deactivated account
  sawt admin reset-password --user LOGIN [--generate] [--db URL]
      sets a new password read from the first line of standard input, or with --generate a random
      one printed on standard output; the account must change it at its next sign-in, and its
      sessions and API tokens end
  sawt admin unlock --user LOGIN [--db URL]
      lifts the account's sign-in throttles at every address
Every change is recorded in the audit log with the actor "cli".
Exit status: 0 done, 1 failed (e.g. no such account), 2 bad usage.
)";

constexpr const char* kCliActor = "cli";

std::vector<std::string> SplitComma(const std::string& s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i <= s.size()) {
    size_t j = s.find(',', i);
    if (j == std::string::npos) j = s.size();
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

int Token(App& app, const Flags& flags, const std::string& user_flag, std::FILE* out) {
  const std::string* user = &user_flag;
  auto account = store::ReadValue<std::optional<int64_t>>(*app.store, [&](store::Tx& tx) {
    return auth::AuthService::FindAccount(tx, *user);
  });
  if (!account) {
    PrintError(account.error());
    return 1;
  }
  if (!account->has_value()) {
    std::fprintf(stderr, "sawt: no account with login \"%s\"\n", user->c_str());
    return 1;
  }
  auto created = app.auth->CreateApiToken(**account, kCliActor, flags.GetOr("name", "cli"),
                                          SplitComma(flags.GetOr("scopes", "read,write")), std::nullopt);
  if (!created) {
    PrintError(created.error());
    return 1;
  }
  std::fprintf(out, "%s\n", created->second.c_str());
  return 0;
}

/// One line of `in` without its line ending; nullopt at end of input. On a terminal it prompts
/// and does not echo what is typed.
std::optional<std::string> ReadPassword(std::FILE* in) {
  const int fd = ::fileno(in);
  termios saved{};
  const bool tty = ::isatty(fd) && ::tcgetattr(fd, &saved) == 0;
  if (tty) {
    std::fputs("new password: ", stderr);
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(fd, TCSANOW, &quiet);
  }
  std::string line;
  int c = 0;
  while ((c = std::fgetc(in)) != EOF && c != '\n') line.push_back(static_cast<char>(c));
  if (tty) {
    ::tcsetattr(fd, TCSANOW, &saved);
    std::fputc('\n', stderr);
  }
  if (c == EOF && line.empty()) return std::nullopt;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

int ResetPassword(App& app, const Flags& flags, const std::string& user, std::FILE* in, std::FILE* out) {
  std::string password;
  if (flags.Has("generate")) {
    password = auth::RandomToken(15);  // 20 characters of base64url: 120 random bits
  } else {
    auto line = ReadPassword(in);
    if (!line || line->empty()) {
      std::fputs("sawt: admin reset-password reads the new password from standard input (or use --generate)\n",
                 stderr);
      return 2;
    }
    password = *line;
  }
  if (auto st = app.auth->ResetPassword(user, password, kCliActor); !st) {
    PrintError(st.error());
    return 1;
  }
  if (flags.Has("generate")) std::fprintf(out, "%s\n", password.c_str());
  std::fprintf(stderr, "password of \"%s\" reset; it must be changed at the next sign-in\n", user.c_str());
  return 0;
}

int Activate(App& app, const std::string& user) {
  if (auto st = app.auth->Activate(user, kCliActor); !st) {
    PrintError(st.error());
    return 1;
  }
  std::fprintf(stderr, "account \"%s\" is active\n", user.c_str());
  return 0;
}

int Unlock(App& app, const std::string& user, std::FILE* out) {
  auto n = app.auth->Unlock(user, kCliActor);
  if (!n) {
    PrintError(n.error());
    return 1;
  }
  std::fprintf(out, "sign-in of \"%s\" unlocked (%lld throttled address(es) cleared)\n", user.c_str(),
               static_cast<long long>(*n));
  return 0;
}

int VerifyAudit(App& app, const Flags& flags, const store::StoreOptions& options, std::FILE* out) {
  auto report = app.store->VerifyAudit();
  if (!report) {
    PrintError(report.error());
    return 2;
  }
  if (!report->intact) {
    std::fprintf(out, "audit chain BROKEN at event %lld: %s (%lld events checked)\n",
                static_cast<long long>(report->first_bad_id.value_or(0)), report->problem.c_str(),
                static_cast<long long>(report->rows_checked));
    return 1;
  }
  if (auto anchors = flags.Get("anchors")) {
    if (!options.audit_key) {
      std::fputs("sawt: --anchors needs --audit-key (anchors are signed with it)\n", stderr);
      return 2;
    }
    std::ifstream in(*anchors);
    if (!in) {
      std::fprintf(stderr, "sawt: cannot read %s\n", anchors->c_str());
      return 2;
    }
    std::stringstream text;
    text << in.rdbuf();
    if (auto st = VerifyAnchors(*app.store, *options.audit_key, text.str()); !st) {
      std::fprintf(out, "audit chain BROKEN: %s", st.error().key.c_str());
      for (const auto& a : st.error().args) std::fprintf(out, " %s", a.c_str());
      std::fprintf(out, "\n");
      return 1;
    }
    std::fprintf(out, "anchors match the chain\n");
  }
  std::fprintf(out, "audit chain intact: %lld events verified\n", static_cast<long long>(report->rows_checked));
  return 0;
}

int CreateAuditKey(const Flags& flags, std::FILE* out) {
  auto path = flags.Get("key-file");
  if (!path) {
    std::fputs("sawt: admin audit-key needs --key-file FILE\n", stderr);
    return 2;
  }
  auto key = CreateAuditKeyFile(*path);
  if (!key) {
    PrintError(key.error());
    return 2;
  }
  // The first keyed event records the change; its id is where keyed rows begin.
  AppOptions options;
  options.store.audit_key = *key;
  auto app = OpenApp(flags.GetOr("db", DefaultDb()), options);
  int64_t first = 0;
  core::Status st = app ? app->store->Write([&](store::Tx& tx) -> core::Status {
    auto e = tx.Append({"cli", "audit.key_created", std::nullopt, "audit_key", "1", core::Json::object()});
    if (!e) return std::move(e).error();
    first = e->id;
    return core::Ok();
  })
                        : core::Status(app.error());
  if (!st) {
    std::remove(path->c_str());
    PrintError(st.error());
    return 1;
  }
  key->from_id = first;
  if (auto written = WriteAuditKeyFile(*path, *key); !written) {
    PrintError(written.error());
    return 1;
  }
  std::fprintf(out, "audit key written to %s; events from %lld on are keyed\n", path->c_str(),
               static_cast<long long>(first));
  return 0;
}

int AuditAnchor(App& app, const store::StoreOptions& options, std::FILE* out) {
  if (!options.audit_key) {
    std::fputs("sawt: admin audit-anchor needs --audit-key FILE\n", stderr);
    return 2;
  }
  auto report = app.store->VerifyAudit();
  if (!report || !report->intact) {
    std::fputs("sawt: the chain does not verify; no anchor written (run verify-audit)\n", stderr);
    return 1;
  }
  auto head = store::ReadValue<std::vector<store::Row>>(*app.store, [](store::Tx& tx) {
    return tx.Query("SELECT id, hash, at FROM events ORDER BY id DESC LIMIT 1");
  });
  if (!head || head->empty()) {
    std::fputs("sawt: no events to anchor\n", stderr);
    return 1;
  }
  const auto& row = head->front();
  const std::string line = AnchorLine(*options.audit_key, row.Int("id"), row.Text("hash"), row.Text("at"));
  std::fprintf(out, "%s\n", line.c_str());
  return 0;
}

}  // namespace

int RunAdmin(const std::vector<std::string>& args) { return RunAdmin(args, stdin, stdout); }

int RunAdmin(const std::vector<std::string>& args, std::FILE* in, std::FILE* out) {
  auto flags = Flags::Parse(args, {"db", "user", "name", "scopes", kAuditKeyFlag, "key-file", "anchors"},
                            {"help", "generate"});
  if (!flags) {
    PrintError(flags.error());
    return 2;
  }
  if (flags->Has("help") || flags->positional().empty()) {
    std::fputs(kHelp, flags->Has("help") ? out : stderr);
    return flags->Has("help") ? 0 : 2;
  }
  const std::string what = flags->positional()[0];
  const std::vector<std::string> kCommands = {"token",  "verify-audit", "activate",    "reset-password",
                                              "unlock", "audit-key",    "audit-anchor"};
  if (std::find(kCommands.begin(), kCommands.end(), what) == kCommands.end() || flags->positional().size() > 1) {
    std::fprintf(stderr, "sawt: unknown admin command \"%s\"\n%s", flags->positional().back().c_str(), kHelp);
    return 2;
  }
  const std::string user = flags->GetOr("user", "");
  if (what != "verify-audit" && what.rfind("audit-", 0) != 0 && user.empty()) {
    std::fprintf(stderr, "sawt: admin %s needs --user LOGIN\n", what.c_str());
    return 2;
  }
  if (flags->Has("generate") && what != "reset-password") {
    std::fputs("sawt: --generate belongs to admin reset-password\n", stderr);
    return 2;
  }
  if (what == "audit-key") return CreateAuditKey(*flags, out);
  store::StoreOptions options;
  int exit_code = 0;
  auto app = OpenAppFromFlags(*flags, 2, &exit_code, &options);
  if (!app) return exit_code;
  if (what == "token") return Token(*app, *flags, user, out);
  if (what == "activate") return Activate(*app, user);
  if (what == "reset-password") return ResetPassword(*app, *flags, user, in, out);
  if (what == "unlock") return Unlock(*app, user, out);
  if (what == "audit-anchor") return AuditAnchor(*app, options, out);
  return VerifyAudit(*app, *flags, options, out);
}

}  // namespace sawt::app
