// Go's address predicates as Kuma's validators use them: net.ParseIP and govalidator's IsIP and
// IsDNSName. A value must be accepted or rejected exactly as Kuma does, since the same YAML has
// to be valid (or invalid) on both control planes.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace meshplane {

// An address parsed the way net.ParseIP does: dotted IPv4 (no leading zeros) or IPv6 (no zone).
// IPv4-mapped IPv6 addresses compare equal to their IPv4 form, as net.IP.Equal does.
struct GoIp {
  unsigned char bytes[16] = {};  // always the 16-byte form

  bool IsUnspecified() const;  // 0.0.0.0 or ::
  bool operator==(const GoIp& other) const;
};

std::optional<GoIp> GoParseIp(std::string_view s);

// govalidator.IsDNSName: a hostname of labels [a-zA-Z0-9_][a-zA-Z0-9_-]{0,62} joined by dots,
// optionally ending in '.' or '_', at most 255 characters without dots, and not an IP address.
bool GoIsDnsName(std::string_view s);

}  // namespace meshplane
