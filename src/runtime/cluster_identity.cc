#include "runtime/cluster_identity.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <optional>
#include <random>
#include <sstream>

namespace meshplane {

namespace {

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  size_t e = s.find_last_not_of(" \t\r\n");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

std::optional<std::string> ReadId(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    return std::nullopt;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  std::string id = Trim(ss.str());
  if (id.empty()) {
    return std::nullopt;
  }
  return id;
}

}  // namespace

std::string NewUuid() {
  std::random_device rd;
  std::mt19937_64 gen((static_cast<uint64_t>(rd()) << 32) ^ rd());
  uint64_t hi = gen();
  uint64_t lo = gen();
  hi = (hi & ~0xF000ULL) | 0x4000ULL;              // version 4
  lo = (lo & ~(0xC0ULL << 56)) | (0x80ULL << 56);  // RFC 4122 variant
  return fmt::format("{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", hi >> 32, (hi >> 16) & 0xFFFF,
                     hi & 0xFFFF, lo >> 48, lo & 0xFFFFFFFFFFFFULL);
}

std::string NewInstanceId() {
  char host[256] = {};
  if (gethostname(host, sizeof(host) - 1) != 0 || host[0] == '\0') {
    std::strcpy(host, "meshplane");
  }
  std::random_device rd;
  return fmt::format("{}-{:04x}", host, rd() & 0xFFFF);
}

Result<std::string> LoadOrCreateClusterId(const ControlPlaneConfig& config) {
  if (config.store.type != "sqlite") {
    return NewUuid();
  }
  const std::string path = config.store.sqlite.path + ".cluster-id";
  if (std::optional<std::string> id = ReadId(path)) {
    return *id;
  }
  // Write a candidate aside and link it into place: link() fails if another instance got
  // there first, and then its id is the one everybody uses.
  const std::string candidate = fmt::format("{}.{}.tmp", path, getpid());
  {
    std::ofstream out(candidate, std::ios::trunc);
    out << NewUuid() << "\n";
    out.flush();
    if (!out) {
      return Status::Internal(
          fmt::format("cannot write cluster id file \"{}\": {}", candidate, std::strerror(errno)));
    }
  }
  int rc = link(candidate.c_str(), path.c_str());
  int link_errno = errno;
  unlink(candidate.c_str());
  if (rc != 0 && link_errno != EEXIST) {
    return Status::Internal(
        fmt::format("cannot create cluster id file \"{}\": {}", path, std::strerror(link_errno)));
  }
  if (std::optional<std::string> id = ReadId(path)) {
    return *id;
  }
  return Status::Internal(fmt::format("cluster id file \"{}\" is empty", path));
}

}  // namespace meshplane
