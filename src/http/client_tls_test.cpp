// The client over TLS against a local receiver whose certificate a test CA signed (made here with
// the openssl command, fresh for each run): delivered when the CA is trusted and the certificate
// names the host; refused at the handshake otherwise.
#include <gtest/gtest.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include <unistd.h>

#include "http/client.hpp"

namespace sawt::http {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace fs = std::filesystem;

// A test CA and a leaf certificate for "localhost" (DNS name only), in a temporary folder.
class TestPki {
 public:
  TestPki() : dir_(fs::temp_directory_path() / ("sawt_tls_" + std::to_string(::getpid()))) {
    fs::create_directories(dir_);
    std::ofstream(dir_ / "leaf.ext") << "subjectAltName=DNS:localhost\nbasicConstraints=CA:FALSE\n"
                                        "extendedKeyUsage=serverAuth\n";
    const std::string d = dir_.string();
    const std::string ec = " -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes ";
    const std::string script =
        "cd " + d + " && openssl req -x509" + ec + "-keyout ca.key -out ca.pem -days 2 -subj '/CN=sawt test CA' " +
        "-addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign 2>/dev/null && " +
        "openssl req" + ec + "-keyout leaf.key -out leaf.csr -subj /CN=localhost 2>/dev/null && " +
        "openssl x509 -req -in leaf.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out leaf.pem -days 2 " +
        "-extfile leaf.ext 2>/dev/null";
    ok_ = std::system(script.c_str()) == 0;
  }
  ~TestPki() {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }
  bool ok() const { return ok_; }
  std::string Path(const char* name) const { return (dir_ / name).string(); }

 private:
  fs::path dir_;
  bool ok_ = false;
};

// Accepts one TLS connection on 127.0.0.1 and answers 200 "got:<body>"; remembers the Host header.
class TlsReceiver {
 public:
  explicit TlsReceiver(const TestPki& pki) : context_(net::ssl::context::tls_server), acceptor_(ioc_, {net::ip::make_address("127.0.0.1"), 0}) {
    context_.use_certificate_chain_file(pki.Path("leaf.pem"));
    context_.use_private_key_file(pki.Path("leaf.key"), net::ssl::context::pem);
    thread_ = std::thread([this] { Serve(); });
  }
  ~TlsReceiver() { thread_.join(); }
  uint16_t port() const { return acceptor_.local_endpoint().port(); }
  std::string host_seen() {
    thread_.join();
    thread_ = std::thread([] {});
    return host_;
  }

 private:
  void Serve() {
    net::ip::tcp::socket socket(ioc_);
    acceptor_.accept(socket);
    net::ssl::stream<net::ip::tcp::socket> stream(std::move(socket), context_);
    beast::error_code ec;
    stream.handshake(net::ssl::stream_base::server, ec);
    if (ec) return;  // the client refused the certificate
    beast::flat_buffer buffer;
    beast::http::request<beast::http::string_body> req;
    beast::http::read(stream, buffer, req, ec);
    if (ec) return;
    host_ = std::string(req[beast::http::field::host]);
    beast::http::response<beast::http::string_body> res{beast::http::status::ok, 11};
    res.body() = "got:" + req.body();
    res.prepare_payload();
    beast::http::write(stream, res, ec);
    stream.shutdown(ec);
  }

  net::io_context ioc_;
  net::ssl::context context_;
  net::ip::tcp::acceptor acceptor_;
  std::thread thread_;
  std::string host_;
};

core::Result<ClientResponse> Post(const std::string& url, const TlsTrust& trust) {
  auto parsed = ParseHttpUrl(url, /*allow_https=*/true);
  if (!parsed) return std::move(parsed).error();
  return PostRequest(*parsed, "application/json", "{\"a\":1}", {}, std::chrono::seconds(5), nullptr, trust);
}

TEST(ClientTlsTest, DeliversWhenTheCaIsTrustedAndTheCertificateNamesTheHost) {
  TestPki pki;
  ASSERT_TRUE(pki.ok()) << "openssl could not make the test certificates";
  TlsReceiver receiver(pki);
  auto answer = Post("https://localhost:" + std::to_string(receiver.port()) + "/hook", {pki.Path("ca.pem")});
  ASSERT_TRUE(answer) << answer.error().detail;
  EXPECT_EQ(answer->status, 200);
  EXPECT_EQ(answer->body, "got:{\"a\":1}");
  EXPECT_EQ(receiver.host_seen(), "localhost:" + std::to_string(receiver.port()));
}

TEST(ClientTlsTest, RefusesACertificateNoTrustedCaSigned) {
  TestPki pki;
  ASSERT_TRUE(pki.ok());
  TlsReceiver receiver(pki);
  auto answer = Post("https://localhost:" + std::to_string(receiver.port()) + "/hook", {});
  ASSERT_FALSE(answer);
  EXPECT_EQ(answer.error().code, core::ErrorCode::kUnavailable);
  EXPECT_EQ(answer.error().detail.rfind("handshake: ", 0), 0u) << answer.error().detail;
}

TEST(ClientTlsTest, RefusesACertificateForAnotherName) {
  TestPki pki;
  ASSERT_TRUE(pki.ok());
  TlsReceiver receiver(pki);
  // Trusted CA, but the certificate names "localhost", not the address 127.0.0.1.
  auto answer = Post("https://127.0.0.1:" + std::to_string(receiver.port()) + "/hook", {pki.Path("ca.pem")});
  ASSERT_FALSE(answer);
  EXPECT_EQ(answer.error().detail.rfind("handshake: ", 0), 0u) << answer.error().detail;
}

TEST(ClientTlsTest, AnUnreadableCaFileIsSaidPlainly) {
  auto answer = Post("https://localhost:9/hook", {"/nonexistent/ca.pem"});
  ASSERT_FALSE(answer);
  EXPECT_EQ(answer.error().code, core::ErrorCode::kUnavailable);
  EXPECT_NE(answer.error().detail.find("/nonexistent/ca.pem"), std::string::npos) << answer.error().detail;
}

TEST(ClientTlsTest, HttpsUrlsAreParsedOnlyWhereTheCallerAllowsThem) {
  EXPECT_FALSE(ParseHttpUrl("https://example.org/hook"));
  auto plain = ParseHttpUrl("http://example.org/hook");
  ASSERT_TRUE(plain);
  EXPECT_FALSE(plain->tls);
  EXPECT_EQ(plain->port, 80);
  auto secure = ParseHttpUrl("https://example.org/hook", true);
  ASSERT_TRUE(secure);
  EXPECT_TRUE(secure->tls);
  EXPECT_EQ(secure->port, 443);
  EXPECT_EQ(secure->target, "/hook");
  EXPECT_EQ(ParseHttpUrl("https://example.org:8443", true)->port, 8443);
  for (const char* bad : {"https://", "https://user@example.org/", "ftp://example.org/", "https//example.org", "HTTPS://x"}) {
    EXPECT_FALSE(ParseHttpUrl(bad, true)) << bad;
  }
}

}  // namespace
}  // namespace sawt::http
