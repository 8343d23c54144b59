// sawt_analyze_tool MODE < input: the text engine's `sawt analyze` without the rest of sawt.

#include <iostream>
#include <string>

#include "text/analyze_command.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: sawt_analyze_tool normalize|stem|index|json < text\n";
    return 2;
  }
  std::ios::sync_with_stdio(false);
  return sawt::text::RunAnalyzeCommand(argv[1], std::cin, std::cout, std::cerr);
}
