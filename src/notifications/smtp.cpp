#include "notifications/smtp.hpp"

#include <sys/socket.h>
#include <sys/time.h>

#include <boost/asio.hpp>
#include <charconv>
#include <ctime>

#include "auth/crypto.hpp"

namespace sawt::notifications::smtp {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;

/// Input bytes per encoded-word: 45 bytes are 60 base64 characters, 72 with "=?UTF-8?B?" and "?=".
constexpr size_t kWordBytes = 45;

std::string RfcDate(int64_t micros) {
  const std::time_t seconds = static_cast<std::time_t>(micros / 1'000'000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  static const char* const kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char out[64];
  std::snprintf(out, sizeof out, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday], tm.tm_mday,
                kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return out;
}

/// One SMTP conversation on a blocking socket whose reads and writes time out.
class Session {
 public:
  explicit Session(std::chrono::milliseconds timeout) : socket_(io_), timeout_(timeout) {}

  core::Status Connect(const Relay& relay) {
    boost::system::error_code ec;
    tcp::resolver resolver(io_);
    auto endpoints = resolver.resolve(relay.host, std::to_string(relay.port), ec);
    if (ec) return Fail("resolve: " + ec.message());
    asio::connect(socket_, endpoints, ec);
    if (ec) return Fail("connect: " + ec.message());
    timeval tv{};
    tv.tv_sec = static_cast<time_t>(timeout_.count() / 1000);
    tv.tv_usec = static_cast<suseconds_t>((timeout_.count() % 1000) * 1000);
    ::setsockopt(socket_.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setsockopt(socket_.native_handle(), SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    return core::Ok();
  }

  /// Reads one reply (possibly multi-line); Ok when its code is `expected`'s first digit class.
  core::Status Expect(char expected_class, std::string* text = nullptr) {
    std::string all;
    for (;;) {
      boost::system::error_code ec;
      asio::read_until(socket_, buffer_, "\r\n", ec);
      if (ec) return Fail("read: " + ec.message());
      std::istream in(&buffer_);
      std::string line;
      std::getline(in, line);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      all += line + "\n";
      if (line.size() < 3) return Fail("malformed reply: " + line);
      if (line.size() == 3 || line[3] == ' ') {
        if (text) *text = all;
        if (line[0] != expected_class) return Fail("refused: " + line);
        return core::Ok();
      }
    }
  }

  core::Status Write(const std::string& data) {
    boost::system::error_code ec;
    asio::write(socket_, asio::buffer(data), ec);
    if (ec) return Fail("write: " + ec.message());
    return core::Ok();
  }

  core::Status Command(const std::string& line, char expected_class, std::string* text = nullptr) {
    SAWT_TRY_STATUS(Write(line + "\r\n"));
    return Expect(expected_class, text);
  }

 private:
  static core::Status Fail(std::string detail) { return core::Error::Unavailable("smtp " + std::move(detail)); }

  asio::io_context io_;
  tcp::socket socket_;
  asio::streambuf buffer_;
  std::chrono::milliseconds timeout_;
};

}  // namespace

core::Result<Relay> ParseRelay(std::string_view text) {
  const size_t colon = text.rfind(':');
  if (colon == std::string_view::npos || colon == 0) return core::Error::InvalidInput("notifications.bad_smtp_relay");
  unsigned port = 0;
  const std::string_view digits = text.substr(colon + 1);
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
  if (ec != std::errc() || end != digits.data() + digits.size() || port == 0 || port > 65535) {
    return core::Error::InvalidInput("notifications.bad_smtp_relay");
  }
  std::string host(text.substr(0, colon));
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  return Relay{host, static_cast<uint16_t>(port)};
}

std::string EncodeHeader(std::string_view utf8) {
  bool plain = true;
  for (unsigned char c : utf8) {
    if (c >= 0x80 || c < 0x20) plain = false;
  }
  if (plain) return std::string(utf8);
  std::string out;
  size_t at = 0;
  while (at < utf8.size()) {
    size_t n = std::min(kWordBytes, utf8.size() - at);
    // Back off to a character boundary: continuation bytes are 10xxxxxx.
    while (n > 0 && at + n < utf8.size() && (static_cast<unsigned char>(utf8[at + n]) & 0xC0) == 0x80) --n;
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + auth::Base64Encode(utf8.substr(at, n)) + "?=";
    at += n;
  }
  return out;
}

std::string DotStuff(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 40 + 2);
  bool line_start = true;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      out += "\r\n";
      line_start = true;
      continue;
    }
    if (line_start && c == '.') out += '.';
    out += c;
    line_start = false;
  }
  if (!line_start || out.empty()) out += "\r\n";
  return out;
}

std::string ComposeMessage(const std::string& from, const std::string& to, const std::string& subject,
                           const std::string& body, const std::string& message_id, int64_t date_micros) {
  std::string m;
  m += "Date: " + RfcDate(date_micros) + "\n";
  m += "From: " + from + "\n";
  m += "To: " + to + "\n";
  m += "Subject: " + EncodeHeader(subject) + "\n";
  m += "Message-ID: <" + message_id + ">\n";
  m += "MIME-Version: 1.0\n";
  m += "Content-Type: text/plain; charset=UTF-8\n";
  m += "Content-Transfer-Encoding: 8bit\n";
  m += "Auto-Submitted: auto-generated\n";
  m += "\n" + body;
  return m;
}

core::Status Send(const Relay& relay, const std::string& from, const std::string& to, const std::string& message,
                  std::chrono::milliseconds timeout) {
  Session s(timeout);
  SAWT_TRY_STATUS(s.Connect(relay));
  SAWT_TRY_STATUS(s.Expect('2'));
  std::string ehlo;
  bool eight_bit = false;
  if (s.Command("EHLO sawt", '2', &ehlo)) {
    eight_bit = ehlo.find("8BITMIME") != std::string::npos;
  } else {
    SAWT_TRY_STATUS(s.Command("HELO sawt", '2'));
  }
  SAWT_TRY_STATUS(s.Command("MAIL FROM:<" + from + ">" + (eight_bit ? " BODY=8BITMIME" : ""), '2'));
  SAWT_TRY_STATUS(s.Command("RCPT TO:<" + to + ">", '2'));
  SAWT_TRY_STATUS(s.Command("DATA", '3'));
  SAWT_TRY_STATUS(s.Command(DotStuff(message) + ".", '2'));
  // The message is accepted; a failing QUIT changes nothing.
  (void)s.Command("QUIT", '2');
  return core::Ok();
}

}  // namespace sawt::notifications::smtp
