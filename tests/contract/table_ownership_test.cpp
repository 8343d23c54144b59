// The module contract (STYLE.md): a module touches only its own tables and learns about the others
// through the interfaces they register (entity directory, theme catalog, calendar sources, …). This
// test reads every module's migrations to learn who owns which table, then every production source
// file of each module, and fails when SQL in one module names a table another module created.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "app/app.hpp"

namespace sawt {
namespace {

namespace fs = std::filesystem;

// Reading another module's table is allowed only here, each with its reason.
const std::set<std::pair<std::string, std::string>> kAllowed = {
    // The events module is the read side of the store's audit log (visibility-filtered queries).
    {"events", "events"},
};

// Which source folder holds each module's code (the migrations' module names).
const std::map<std::string, std::string> kFolders = {
    {"store", "store"},         {"auth", "auth"},         {"network", "network"},         {"messaging", "messaging"},
    {"calendar", "calendar"},   {"initiatives", "initiatives"}, {"search", "search"},   {"events", "events"},
    {"notifications", "notifications"},
    // Shared helpers belong to no module and so may name no module's table.
    {"module", "module"},
};

std::map<std::string, std::string> TableOwners() {
  const fs::path dir = fs::temp_directory_path() / ("sawt_tables_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  auto app = app::OpenApp("sqlite:" + (dir / "sawt.db").string());
  EXPECT_TRUE(app) << app.error().detail;
  std::map<std::string, std::string> owners = {
      {"events", "store"}, {"events_head", "store"}, {"schema_migrations", "store"}};
  const std::regex create(R"(CREATE\s+(?:VIRTUAL\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+))", std::regex::icase);
  if (app) {
    for (const auto& m : app->registry->migrations()) {
      for (std::sregex_iterator it(m.sql.begin(), m.sql.end(), create), end; it != end; ++it) {
        owners[(*it)[1]] = m.module;
      }
    }
  }
  fs::remove_all(dir);
  return owners;
}

/// The text of every string literal in `code` (plain and raw), where the SQL is.
std::string Literals(const std::string& code) {
  std::string out;
  const std::regex raw(R"re(R"(\w*)\(([\s\S]*?)\)\1")re");
  std::string rest;
  size_t last = 0;
  for (std::sregex_iterator it(code.begin(), code.end(), raw), end; it != end; ++it) {
    out += (*it)[2].str() + "\n";
    rest += code.substr(last, static_cast<size_t>(it->position()) - last);
    last = static_cast<size_t>(it->position() + it->length());
  }
  rest += code.substr(last);
  const std::regex plain(R"re("((?:[^"\\\n]|\\.)*)")re");
  for (std::sregex_iterator it(rest.begin(), rest.end(), plain), end; it != end; ++it) out += (*it)[1].str() + " ";
  return out;
}

TEST(TableOwnershipTest, AModuleNamesOnlyItsOwnTables) {
  const auto owners = TableOwners();
  ASSERT_GT(owners.size(), 15u);
  // FROM, JOIN, INTO, UPDATE, DELETE FROM and index targets; REFERENCES (declared foreign keys that
  // keep the data whole) are not reads.
  const std::regex use(R"(\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\s+(\w+)|\bINDEX\s+(?:IF\s+NOT\s+EXISTS\s+)?\w+\s+ON\s+(\w+))",
                       std::regex::icase);
  int files = 0;
  for (const auto& [module, folder] : kFolders) {
    for (const auto& entry : fs::recursive_directory_iterator(fs::path(SAWT_SOURCE_DIR) / "src" / folder)) {
      const std::string name = entry.path().filename().string();
      if (!entry.is_regular_file() || name.find("_test.") != std::string::npos) continue;
      if (entry.path().extension() != ".cpp" && entry.path().extension() != ".hpp") continue;
      ++files;
      std::ifstream in(entry.path());
      std::stringstream code;
      code << in.rdbuf();
      const std::string sql = Literals(code.str());
      for (std::sregex_iterator it(sql.begin(), sql.end(), use), end; it != end; ++it) {
        const std::string table = (*it)[1].matched ? (*it)[1].str() : (*it)[2].str();
        auto owner = owners.find(table);
        if (owner == owners.end() || owner->second == module || kAllowed.count({module, table})) continue;
        ADD_FAILURE() << entry.path().lexically_relative(SAWT_SOURCE_DIR).string() << " (module " << module
                      << ") names the table " << table << " of module " << owner->second
                      << ": use the interface that module registers";
      }
    }
  }
  EXPECT_GT(files, 20);
}

}  // namespace
}  // namespace sawt
