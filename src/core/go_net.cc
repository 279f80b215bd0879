#include "core/go_net.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cstring>

namespace meshplane {

namespace {

bool IsAlnumUnderscore(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

}  // namespace

bool GoIp::IsUnspecified() const {
  static const unsigned char kV4Unspecified[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  return std::all_of(bytes, bytes + 16, [](unsigned char b) { return b == 0; }) ||
         std::memcmp(bytes, kV4Unspecified, 16) == 0;
}

bool GoIp::operator==(const GoIp& other) const { return std::memcmp(bytes, other.bytes, 16) == 0; }

std::optional<GoIp> GoParseIp(std::string_view s) {
  std::string text(s);
  if (text.empty() || text.find('%') != std::string::npos) {
    return std::nullopt;  // Go rejects zones in ParseIP
  }
  GoIp ip;
  if (text.find(':') == std::string::npos) {
    // inet_pton (AF_INET) accepts exactly a.b.c.d in decimal; leading zeros are rejected like Go.
    in_addr v4{};
    if (inet_pton(AF_INET, text.c_str(), &v4) != 1) {
      return std::nullopt;
    }
    for (size_t i = 0; i + 1 < text.size(); ++i) {
      bool starts_octet = i == 0 || text[i - 1] == '.';
      if (starts_octet && text[i] == '0' && text[i + 1] >= '0' && text[i + 1] <= '9') {
        return std::nullopt;
      }
    }
    ip.bytes[10] = 0xff;
    ip.bytes[11] = 0xff;
    std::memcpy(ip.bytes + 12, &v4, 4);
    return ip;
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, text.c_str(), &v6) != 1) {
    return std::nullopt;
  }
  std::memcpy(ip.bytes, &v6, 16);
  return ip;
}

bool GoIsDnsName(std::string_view s) {
  if (s.empty()) {
    return false;
  }
  size_t without_dots =
      static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) { return c != '.'; }));
  if (without_dots > 255 || GoParseIp(s).has_value()) {
    return false;
  }
  // ^([a-zA-Z0-9_]{1}[a-zA-Z0-9_-]{0,62}){1}(\.[a-zA-Z0-9_]{1}[a-zA-Z0-9_-]{0,62})*[\._]?$
  std::string_view rest = s;
  if (rest.back() == '.') {
    rest.remove_suffix(1);
  }
  auto label_ok = [](std::string_view label) {
    if (label.empty() || label.size() > 63 || !IsAlnumUnderscore(label.front())) {
      return false;
    }
    return std::all_of(label.begin(), label.end(),
                       [](char c) { return IsAlnumUnderscore(c) || c == '-'; });
  };
  while (true) {
    size_t dot = rest.find('.');
    std::string_view label = rest.substr(0, dot);
    if (!label_ok(label)) {
      // A trailing '_' may follow a full-length (63) label: the optional [\._] suffix.
      if (dot == std::string_view::npos && label.size() == 64 && label.back() == '_' &&
          label_ok(label.substr(0, 63))) {
        return true;
      }
      return false;
    }
    if (dot == std::string_view::npos) {
      return true;
    }
    rest.remove_prefix(dot + 1);
  }
}

}  // namespace meshplane
