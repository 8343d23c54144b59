#include <cstdio>

#include "app/app.hpp"

namespace sawt::app {
namespace {

constexpr const char* kHelp = R"(usage:
  sawt admin token --user LOGIN [--name NAME] [--scopes read,write] [--db URL]
      prints a new API token for the account (shown once; stored hashed)
  sawt admin verify-audit [--db URL]
      checks the events hash chain; exit status 0 only when intact
)";

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

int Token(App& app, const Flags& flags) {
  auto user = flags.Get("user");
  if (!user) {
    std::fputs("sawt: admin token needs --user LOGIN\n", stderr);
    return 2;
  }
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
  auto created = app.auth->CreateApiToken(**account, "cli", flags.GetOr("name", "cli"),
                                          SplitComma(flags.GetOr("scopes", "read,write")), std::nullopt);
  if (!created) {
    PrintError(created.error());
    return 1;
  }
  std::printf("%s\n", created->second.c_str());
  return 0;
}

int VerifyAudit(App& app) {
  auto report = app.store->VerifyAudit();
  if (!report) {
    PrintError(report.error());
    return 2;
  }
  if (report->intact) {
    std::printf("audit chain intact: %lld events verified\n", static_cast<long long>(report->rows_checked));
    return 0;
  }
  std::printf("audit chain BROKEN at event %lld: %s (%lld events checked)\n",
              static_cast<long long>(report->first_bad_id.value_or(0)), report->problem.c_str(),
              static_cast<long long>(report->rows_checked));
  return 1;
}

}  // namespace

int RunAdmin(const std::vector<std::string>& args) {
  auto flags = Flags::Parse(args, {"db", "user", "name", "scopes"}, {"help"});
  if (!flags) {
    PrintError(flags.error());
    return 2;
  }
  if (flags->Has("help") || flags->positional().empty()) {
    std::fputs(kHelp, flags->Has("help") ? stdout : stderr);
    return flags->Has("help") ? 0 : 2;
  }
  const std::string what = flags->positional()[0];
  if (what != "token" && what != "verify-audit") {
    std::fprintf(stderr, "sawt: unknown admin command \"%s\"\n%s", what.c_str(), kHelp);
    return 2;
  }
  auto app = OpenApp(flags->GetOr("db", DefaultDb()));
  if (!app) {
    PrintError(app.error());
    return 2;
  }
  return what == "token" ? Token(*app, *flags) : VerifyAudit(*app);
}

}  // namespace sawt::app
