#pragma once

#include <poll.h>
#include <sys/socket.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <functional>
#include <string>

namespace sawt::testing {

/// A raw Server-Sent Events connection to one of the server's streams (/api/v1/stream,
/// /api/v1/notifications/stream) on loopback.
class SseClient {
 public:
  /// `auth_header` is one header line with its CRLF ("Cookie: …\r\n" or "Authorization: …\r\n").
  SseClient(uint16_t port, const std::string& auth_header, const std::string& last_event_id = "",
            const std::string& path = "/api/v1/stream")
      : sock_(ioc_) {
    sock_.connect({boost::asio::ip::make_address("127.0.0.1"), port});
    std::string req = "GET " + path + " HTTP/1.1\r\nHost: x\r\nAccept-Language: en\r\n" + auth_header;  // ends in CRLF
    if (!last_event_id.empty()) req += "Last-Event-ID: " + last_event_id + "\r\n";
    boost::asio::write(sock_, boost::asio::buffer(req + "\r\n"));
  }
  /// Waits for the stream's greeting: from then on it has fixed where it starts, so an event
  /// committed afterwards is one it must deliver.
  bool Started() {
    return Contains(ReadUntil([](const std::string& t) { return Contains(t, "retry:") || Contains(t, "\r\n\r\n{"); }),
                    "retry:");
  }
  /// Reads until `done(text)` holds, the server closes (closed() turns true) or `seconds` pass.
  const std::string& ReadUntil(const std::function<bool(const std::string&)>& done, int seconds = 10) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (!closed_ && !done(text_) && std::chrono::steady_clock::now() < deadline) {
      pollfd pfd{sock_.native_handle(), POLLIN, 0};
      if (::poll(&pfd, 1, 100) <= 0) continue;
      char buf[65536];
      ssize_t n = ::recv(sock_.native_handle(), buf, sizeof buf, 0);
      if (n <= 0) {
        closed_ = true;
        break;
      }
      text_.append(buf, static_cast<size_t>(n));
    }
    return text_;
  }
  bool closed() const { return closed_; }
  const std::string& text() const { return text_; }

 private:
  static bool Contains(const std::string& text, const std::string& needle) { return text.find(needle) != std::string::npos; }

  boost::asio::io_context ioc_;
  boost::asio::ip::tcp::socket sock_;
  std::string text_;
  bool closed_ = false;
};

}  // namespace sawt::testing
