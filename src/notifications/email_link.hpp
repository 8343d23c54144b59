#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sawt::notifications {

/// The web app's public address as `sawt serve --public-url` takes it, normalised: "http://" or
/// "https://", a host name, IPv4 address or bracketed IPv6 address, an optional port (1-65535),
/// an optional path; no user name, query or fragment, no spaces or control characters. A
/// trailing "/" is dropped. nullopt when `text` is not such a URL.
std::optional<std::string> ParsePublicUrl(std::string_view text);

/// The link a notification e-mail carries: `public_url` + "/" + `route` (a web hash route such as
/// "#/review/42") when the deployment set a public URL (normalised by ParsePublicUrl), else the
/// route alone, relative to the server.
std::string EmailLink(const std::string& public_url, const std::string& route);

}  // namespace sawt::notifications
