#include "app/audit_key.hpp"

#include <fcntl.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <sstream>

#include "core/json.hpp"
#include "store/event_hash.hpp"

namespace sawt::app {
namespace {

constexpr size_t kKeyBytes = 32;

std::string ToHex(const std::string& bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += kHex[c >> 4];
    out += kHex[c & 0x0f];
  }
  return out;
}

bool FromHex(const std::string& hex, std::string* out) {
  auto digit = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  if (hex.size() % 2 != 0) return false;
  out->clear();
  for (size_t i = 0; i < hex.size(); i += 2) {
    const int hi = digit(hex[i]), lo = digit(hex[i + 1]);
    if (hi < 0 || lo < 0) return false;
    out->push_back(static_cast<char>(hi * 16 + lo));
  }
  return true;
}

std::string FileText(const store::AuditKey& key) {
  return "# sawt audit key: keys the events chain. Keep it outside the database, mode 0600, with a copy offline.\n"
         "key=" + ToHex(key.secret) + "\nfrom=" + std::to_string(key.from_id) + "\n";
}

core::Status WriteNew(const std::string& path, const std::string& text, int flags) {
  const int fd = ::open(path.c_str(), flags | O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0) return core::Error::InvalidInput("cli.audit_key_create_failed", path, {path, std::strerror(errno)});
  const bool ok = ::fchmod(fd, 0600) == 0 && ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
                  ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) return core::Error::InvalidInput("cli.audit_key_create_failed", path, {path, std::strerror(errno)});
  return core::Ok();
}

std::string AnchorMac(const store::AuditKey& key, int64_t id, const std::string& hash) {
  return store::HmacSha256Hex(key.secret, "sawt-audit-anchor\n" + std::to_string(id) + "\n" + hash);
}

}  // namespace

core::Result<store::AuditKey> CreateAuditKeyFile(const std::string& path) {
  store::AuditKey key;
  key.secret.resize(kKeyBytes);
  if (RAND_bytes(reinterpret_cast<unsigned char*>(key.secret.data()), static_cast<int>(kKeyBytes)) != 1) {
    return core::Error::Internal("RAND_bytes failed");
  }
  key.from_id = 0;
  SAWT_TRY_STATUS(WriteNew(path, FileText(key), O_CREAT | O_EXCL));
  return key;
}

core::Status WriteAuditKeyFile(const std::string& path, const store::AuditKey& key) {
  const std::string temp = path + ".new";
  ::unlink(temp.c_str());
  SAWT_TRY_STATUS(WriteNew(temp, FileText(key), O_CREAT | O_EXCL));
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    return core::Error::InvalidInput("cli.audit_key_create_failed", path, {path, std::strerror(errno)});
  }
  return core::Ok();
}

core::Result<store::AuditKey> ReadAuditKeyFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return core::Error::InvalidInput("cli.audit_key_unreadable", path, {path, std::strerror(errno)});
  struct stat st {};
  std::string text;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size < 4096) {
    text.resize(static_cast<size_t>(st.st_size));
    if (::read(fd, text.data(), text.size()) != static_cast<ssize_t>(text.size())) text.clear();
  }
  ::close(fd);
  if ((st.st_mode & 077) != 0 || st.st_uid != ::geteuid()) {
    return core::Error::InvalidInput("cli.audit_key_permissions", path, {path});
  }
  store::AuditKey key;
  key.from_id = -1;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind("key=", 0) == 0 && !FromHex(line.substr(4), &key.secret)) key.secret.clear();
    if (line.rfind("from=", 0) == 0) {
      try {
        key.from_id = std::stoll(line.substr(5));
      } catch (...) {
        key.from_id = -1;
      }
    }
  }
  if (key.secret.size() != kKeyBytes || key.from_id < 0) {
    return core::Error::InvalidInput("cli.audit_key_malformed", path, {path});
  }
  return key;
}

std::string AnchorLine(const store::AuditKey& key, int64_t id, const std::string& hash, const std::string& at) {
  return core::DumpJson({{"id", id}, {"hash", hash}, {"at", at}, {"mac", AnchorMac(key, id, hash)}});
}

core::Status VerifyAnchors(store::Store& store, const store::AuditKey& key, const std::string& anchors_text) {
  std::istringstream lines(anchors_text);
  std::string line;
  int number = 0;
  while (std::getline(lines, line)) {
    ++number;
    if (line.empty()) continue;
    const std::string where = "anchor line " + std::to_string(number);
    core::Json anchor = core::Json::parse(line, nullptr, false);
    if (!anchor.is_object() || !anchor["id"].is_number_integer() || !anchor["hash"].is_string() ||
        !anchor["mac"].is_string()) {
      return core::Error::InvalidInput("cli.audit_anchor_malformed", "", {where});
    }
    const int64_t id = anchor["id"];
    const std::string hash = anchor["hash"];
    if (anchor["mac"] != AnchorMac(key, id, hash)) {
      return core::Error::InvalidInput("cli.audit_anchor_forged", "", {where});
    }
    auto rows = store.EventsAfter(id - 1, 1);
    if (!rows) return std::move(rows).error();
    if (rows->empty() || rows->front().id != id) {
      return core::Error::InvalidInput("cli.audit_anchor_missing_row", "", {where, std::to_string(id)});
    }
    if (rows->front().hash != hash) {
      return core::Error::InvalidInput("cli.audit_anchor_mismatch", "", {where, std::to_string(id)});
    }
  }
  return core::Ok();
}

}  // namespace sawt::app
