// sawt: one binary, one subcommand per job (DESIGN.md "Conventions").
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "app/app.hpp"

namespace {

constexpr const char* kUsage = R"(sawt — integrated government communication system (صوت)

usage: sawt <command> [flags]

commands:
  serve     run the HTTP server         (--db URL --port N --address A --web DIR --threads N --port-file F
                                         --trusted-proxy CIDR --secure-cookie auto|on|off --session-idle-minutes N)
  migrate   apply database migrations   (--db URL)
  demo      load the demo network       (--db URL)
  admin     token --user LOGIN [--name N] [--scopes read,write]  |  verify-audit  |  activate --user LOGIN
            |  reset-password --user LOGIN [--generate]  |  unlock --user LOGIN   (--db URL)
  analyze   MODE: normalize | stem | index | json   (text on stdin, one document per line)

--db is sqlite:PATH (default var/sawt.db) or postgresql://...; every flag also reads SAWT_<FLAG>.
Run "sawt <command> --help" for details.
)";

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::fputs(kUsage, args.empty() ? stderr : stdout);
    return args.empty() ? 2 : 0;
  }
  const std::string command = args[0];
  args.erase(args.begin());
  if (command == "serve") return sawt::app::RunServe(args);
  if (command == "migrate") return sawt::app::RunMigrate(args);
  if (command == "demo") return sawt::app::RunDemo(args);
  if (command == "admin") return sawt::app::RunAdmin(args);
  if (command == "analyze") return sawt::app::RunAnalyze(args);
  std::fprintf(stderr, "sawt: unknown command \"%s\"\n\n%s", command.c_str(), kUsage);
  return 2;
}
