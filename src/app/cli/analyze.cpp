#include <cstdio>
#include <iostream>

#include "app/app.hpp"
#include "text/analyze_command.hpp"

namespace sawt::app {

int RunAnalyze(const std::vector<std::string>& args) {
  if (args.size() != 1 || args[0] == "--help") {
    std::fputs(
        "usage: sawt analyze MODE < text\n\nMODE: normalize | stem | index | json. One output line per input "
        "line; invalid UTF-8 is reported on stderr with its line number.\n",
        args.size() == 1 ? stdout : stderr);
    return args.size() == 1 ? 0 : 2;
  }
  std::ios::sync_with_stdio(false);
  return text::RunAnalyzeCommand(args[0], std::cin, std::cout, std::cerr);
}

}  // namespace sawt::app
