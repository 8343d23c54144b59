#include "tests/support/webhook_receiver.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cstdlib>

#include <unistd.h>

namespace sawt::testing {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace fs = std::filesystem;

TestPki::TestPki() {
  static std::atomic<int> made{0};
  dir_ = fs::temp_directory_path() / ("sawt_pki_" + std::to_string(::getpid()) + "_" + std::to_string(made++));
  fs::create_directories(dir_);
  // One recipe for every test CA (the crash test and bench/crisis use the script too).
  const std::string script = "'" SAWT_SOURCE_DIR "/tests/support/make_test_ca.sh' '" + dir_.string() + "'";
  ok_ = std::system(script.c_str()) == 0;
}

TestPki::~TestPki() {
  std::error_code ignored;
  fs::remove_all(dir_, ignored);
}

struct WebhookReceiver::Impl {
  net::io_context ioc;
  net::ip::tcp::acceptor acceptor{ioc, {net::ip::make_address("127.0.0.1"), 0}};
  std::unique_ptr<net::ssl::context> tls;
  std::thread thread;
  std::atomic<bool> stop{false};
  mutable std::mutex mu;
  std::vector<Received> received;

  template <typename Stream>
  void Exchange(Stream& stream, const std::atomic<int>& status) {
    beast::flat_buffer buffer;
    beast::http::request<beast::http::string_body> req;
    beast::error_code ec;
    beast::http::read(stream, buffer, req, ec);
    if (ec) return;
    {
      std::lock_guard<std::mutex> lock(mu);
      received.push_back({std::string(req.target()), req.body(), std::string(req["X-Sawt-Timestamp"]),
                          std::string(req["X-Sawt-Signature"]), std::string(req["X-Sawt-Delivery"]),
                          std::string(req["Idempotency-Key"]), std::string(req["X-Sawt-Event"])});
    }
    beast::http::response<beast::http::string_body> res{static_cast<beast::http::status>(status.load()), 11};
    res.body() = status.load() < 300 ? "ok" : "try later";
    res.prepare_payload();
    beast::http::write(stream, res, ec);
  }

  void Serve(const std::atomic<int>& status) {
    while (!stop) {
      net::ip::tcp::socket socket(ioc);
      beast::error_code ec;
      acceptor.accept(socket, ec);
      if (ec || stop) return;
      if (tls) {
        net::ssl::stream<net::ip::tcp::socket> stream(std::move(socket), *tls);
        stream.handshake(net::ssl::stream_base::server, ec);
        if (ec) continue;  // the client refused the certificate
        Exchange(stream, status);
        stream.shutdown(ec);
      } else {
        Exchange(socket, status);
        socket.shutdown(net::ip::tcp::socket::shutdown_both, ec);
      }
    }
  }
};

WebhookReceiver::WebhookReceiver(const TestPki* pki) : impl_(std::make_unique<Impl>()), tls_(pki != nullptr) {
  if (pki) {
    impl_->tls = std::make_unique<net::ssl::context>(net::ssl::context::tls_server);
    impl_->tls->use_certificate_chain_file(pki->Path("leaf.pem"));
    impl_->tls->use_private_key_file(pki->Path("leaf.key"), net::ssl::context::pem);
  }
  impl_->thread = std::thread([this] { impl_->Serve(status_); });
}

WebhookReceiver::~WebhookReceiver() {
  impl_->stop = true;
  beast::error_code ec;
  net::ip::tcp::socket poke(impl_->ioc);
  poke.connect(impl_->acceptor.local_endpoint(), ec);  // unblocks accept()
  impl_->thread.join();
}

std::string WebhookReceiver::Url(const std::string& path) const {
  return std::string(tls_ ? "https" : "http") + "://127.0.0.1:" + std::to_string(impl_->acceptor.local_endpoint().port()) + path;
}

std::vector<WebhookReceiver::Received> WebhookReceiver::received() const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  return impl_->received;
}

bool WebhookReceiver::WaitFor(size_t count, std::chrono::milliseconds timeout) const {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (received().size() >= count) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return received().size() >= count;
}

}  // namespace sawt::testing
