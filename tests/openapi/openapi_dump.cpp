// Prints the OpenAPI document `sawt serve` publishes at /api/v1/openapi.json, built in process
// from every registered module (tests/openapi/lint.sh lints it).
// Usage: openapi_dump <scratch directory for an empty SQLite database>
#include <cstdio>
#include <string>

#include "app/app.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s SCRATCH_DIR\n", argv[0]);
    return 2;
  }
  auto app = sawt::app::OpenApp(std::string("sqlite:") + argv[1] + "/openapi.db");
  if (!app) {
    sawt::app::PrintError(app.error());
    return 1;
  }
  sawt::app::AddPlatformRoutes(*app);
  std::printf("%s\n", sawt::app::BuildOpenApi(*app->registry).dump(2).c_str());
  return 0;
}
