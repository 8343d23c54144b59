#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace sawt::notifications::smtp {

/// An SMTP relay: "host:port" (--smtp-relay).
struct Relay {
  std::string host;
  uint16_t port = 25;
};
/// kInvalidInput "notifications.bad_smtp_relay" unless `text` is host:port with a port 1..65535.
core::Result<Relay> ParseRelay(std::string_view text);

/// A header value as RFC 2047 encoded-words ("=?UTF-8?B?…?="), each at most 75 characters and
/// split only between whole UTF-8 characters, folded with CRLF SP. Plain ASCII is kept as is.
std::string EncodeHeader(std::string_view utf8);

/// Text as SMTP DATA wants it (RFC 5321 4.5.2): every line ends in CRLF (bare LF and CR become
/// CRLF) and a line that starts with "." gets one more in front. Ends with CRLF.
std::string DotStuff(std::string_view text);

/// A complete message (headers, blank line, UTF-8 text body; line ends LF, DotStuff fixes them).
std::string ComposeMessage(const std::string& from, const std::string& to, const std::string& subject,
                           const std::string& body, const std::string& message_id, int64_t date_micros);

/// Delivers `message` (as ComposeMessage made it) to `to` through `relay` in plain SMTP: EHLO
/// (HELO when refused), MAIL FROM (BODY=8BITMIME when offered), RCPT TO, DATA with DotStuff, QUIT.
/// Each read and write waits at most `timeout`. kUnavailable with the server's answer otherwise.
core::Status Send(const Relay& relay, const std::string& from, const std::string& to, const std::string& message,
                  std::chrono::milliseconds timeout);

}  // namespace sawt::notifications::smtp
