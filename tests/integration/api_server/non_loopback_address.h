// An IPv4 address of this host other than loopback, for tests that must reach a server the way
// a remote client does.
#pragma once

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <netinet/in.h>

#include <optional>
#include <string>

namespace meshplane {

inline std::optional<std::string> NonLoopbackAddress() {
  ifaddrs* addrs = nullptr;
  if (getifaddrs(&addrs) != 0) {
    return std::nullopt;
  }
  std::optional<std::string> found;
  for (ifaddrs* a = addrs; a != nullptr && !found; a = a->ifa_next) {
    if (a->ifa_addr == nullptr || a->ifa_addr->sa_family != AF_INET) {
      continue;
    }
    auto* in = reinterpret_cast<sockaddr_in*>(a->ifa_addr);
    if ((ntohl(in->sin_addr.s_addr) >> 24) == 127) {
      continue;
    }
    char text[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, &in->sin_addr, text, sizeof(text));
    found = text;
  }
  freeifaddrs(addrs);
  return found;
}

}  // namespace meshplane
