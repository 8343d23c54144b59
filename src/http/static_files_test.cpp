#include "http/static_files.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace sawt::http {
namespace {
namespace fs = std::filesystem;

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = fs::temp_directory_path() / ("sawt_static_test_" + std::to_string(::getpid()));
    fs::remove_all(base_);
    root_ = base_ / "web";
    fs::create_directories(root_ / "js");
    Write(root_ / "index.html", "<!doctype html><title>صوت</title>");
    Write(root_ / "js" / "app.js", std::string(4000, 'a'));
    Write(root_ / "logo.png", "\x89PNG");
    Write(root_ / ".env", "secret");
    Write(root_ / "README.md", "notes for developers");
    Write(root_ / "js" / "notes.md", "notes");
    Write(base_ / "outside.txt", "secret");
    fs::create_symlink(base_ / "outside.txt", root_ / "link.txt");
  }
  void TearDown() override { fs::remove_all(base_); }

  static void Write(const fs::path& p, const std::string& data) { std::ofstream(p, std::ios::binary) << data; }

  Response Get(std::string path, std::vector<std::pair<std::string, std::string>> headers = {}) {
    Request r;
    r.method = "GET";
    r.path = std::move(path);
    r.headers = std::move(headers);
    return StaticFiles(root_.string()).Serve(r, false);
  }

  static std::string HeaderOf(const Response& r, std::string_view name) {
    for (const auto& [k, v] : r.headers) {
      if (k == name) return v;
    }
    return {};
  }

  fs::path base_;
  fs::path root_;
};

TEST_F(StaticFilesTest, ServesFilesWithTypesAndCaching) {
  Response index = Get("/");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(HeaderOf(index, "Cache-Control"), "no-cache");
  EXPECT_NE(index.body.find("صوت"), std::string::npos);
  Response js = Get("/js/app.js");
  EXPECT_EQ(js.content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(HeaderOf(js, "Cache-Control"), "public, max-age=3600");
  EXPECT_EQ(js.body.size(), 4000u);
  EXPECT_EQ(Get("/logo.png").content_type, "image/png");
  EXPECT_EQ(ContentTypeFor("a.mjs"), "text/javascript; charset=utf-8");
  EXPECT_EQ(ContentTypeFor("a.webmanifest"), "application/manifest+json");
  EXPECT_EQ(ContentTypeFor("a.woff2"), "font/woff2");
}

TEST_F(StaticFilesTest, IfNoneMatchGives304) {
  Response first = Get("/js/app.js");
  std::string etag = HeaderOf(first, "ETag");
  ASSERT_FALSE(etag.empty());
  Response again = Get("/js/app.js", {{"if-none-match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(Get("/js/app.js", {{"if-none-match", "\"other\""}}).status, 200);
}

TEST_F(StaticFilesTest, GzipsCompressibleFilesWhenAccepted) {
  Response gz = Get("/js/app.js", {{"accept-encoding", "gzip, deflate"}});
  EXPECT_EQ(HeaderOf(gz, "Content-Encoding"), "gzip");
  EXPECT_EQ(HeaderOf(gz, "Vary"), "Accept-Encoding");
  EXPECT_LT(gz.body.size(), 4000u);
  // The gzip ETag differs, and it revalidates too.
  Response again = Get("/js/app.js", {{"accept-encoding", "gzip"}, {"if-none-match", HeaderOf(gz, "ETag")}});
  EXPECT_EQ(again.status, 304);
  EXPECT_EQ(HeaderOf(Get("/js/app.js", {{"accept-encoding", "gzip;q=0"}}), "Content-Encoding"), "");
}

TEST_F(StaticFilesTest, SpaFallbackOnlyForExtensionlessPaths) {
  Response spa = Get("/entities/42");
  EXPECT_EQ(spa.status, 200);
  EXPECT_EQ(spa.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(Get("/missing.js").status, 404);
}

TEST_F(StaticFilesTest, RejectsTraversalHiddenAndSymlinksOutOfRoot) {
  EXPECT_EQ(Get("/../outside.txt").status, 400);
  EXPECT_EQ(Get("/js/../../outside.txt").status, 400);
  EXPECT_EQ(Get("/js\\..\\index.html").status, 400);
  EXPECT_EQ(Get("/.env").status, 404);
  Response link = Get("/link.txt");
  EXPECT_EQ(link.status, 404);
  EXPECT_EQ(link.body.find("secret"), std::string::npos);
  Request r;
  r.method = "GET";
  r.path = "/js/app.js";
  EXPECT_EQ(StaticFiles(root_.string()).Serve(r, /*encoded_separator=*/true).status, 400);
}

TEST_F(StaticFilesTest, PathsOutsideTheRootAnswerLikeMissingFiles) {
  // Before: "//etc/hostname" named the absolute path, so an existing system file answered 404
  // where a missing one got the SPA page (200): an existence oracle.
  const std::string outside = "/" + (base_ / "outside").string();  // "//tmp/.../outside"
  Write(base_ / "outside", "secret");
  Response existing = Get("/" + outside);
  Response missing = Get("/" + (base_ / "nothing-here").string());
  EXPECT_EQ(existing.status, 200);
  EXPECT_EQ(existing.status, missing.status);
  EXPECT_EQ(existing.body, missing.body);
  EXPECT_EQ(existing.body.find("secret"), std::string::npos);
  // With an extension both are the same 404.
  Response existing_txt = Get("/" + (base_ / "outside.txt").string());
  Response missing_txt = Get("/" + (base_ / "nothing.txt").string());
  EXPECT_EQ(existing_txt.status, 404);
  EXPECT_EQ(missing_txt.status, 404);
  EXPECT_EQ(existing_txt.body.find("secret"), std::string::npos);
  // Repeated slashes inside the root still find the asset.
  EXPECT_EQ(Get("//js//app.js").status, 200);
}

TEST_F(StaticFilesTest, NonAssetFilesAreNotServed) {
  EXPECT_EQ(Get("/README.md").status, 404);
  EXPECT_EQ(Get("/js/notes.md").status, 404);
  EXPECT_EQ(Get("/README.md").body.find("notes"), std::string::npos);
  EXPECT_EQ(Get("/.env").status, 404);
  EXPECT_EQ(Get("/.env/x").status, 200);  // extensionless below a hidden name: the SPA page, like any missing path
  EXPECT_EQ(Get("/.env/x").body.find("secret"), std::string::npos);
}

TEST_F(StaticFilesTest, ReloadsChangedFiles) {
  StaticFiles files(root_.string());
  Request r;
  r.method = "GET";
  r.path = "/index.html";
  EXPECT_NE(files.Serve(r, false).body.find("صوت"), std::string::npos);
  Write(root_ / "index.html", "<p>changed and longer</p>");
  EXPECT_EQ(files.Serve(r, false).body, "<p>changed and longer</p>");
}

}  // namespace
}  // namespace sawt::http
