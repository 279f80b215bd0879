#include "resources/mesh/go_url.h"

#include <arpa/inet.h>

#include <cstring>

namespace meshplane {

namespace {

bool IsAlnum(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool IsHex(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

int Unhex(unsigned char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  return c - 'A' + 10;
}

// The ASCII bytes Go's url package lets through unescaped in a host (shouldEscape with
// encodeHost/encodeZone): unreserved characters, sub-delims, and ':' '[' ']' '<' '>' '"'.
bool AllowedInHost(unsigned char c) {
  if (IsAlnum(c)) {
    return true;
  }
  return c != '\0' && std::strchr("-_.~!$&'()*+,;=:[]<>\"", c) != nullptr;
}

enum class Mode { kPath, kHost, kZone, kUserPassword };

// url.unescape, reduced to its validation: true when Go would accept `s` in `mode`, with the
// unescaped text in `out`.
bool Unescape(std::string_view s, Mode mode, std::string* out) {
  out->clear();
  for (size_t i = 0; i < s.size();) {
    unsigned char c = s[i];
    if (c == '%') {
      if (i + 2 >= s.size() || !IsHex(s[i + 1]) || !IsHex(s[i + 2])) {
        return false;
      }
      int v = Unhex(s[i + 1]) << 4 | Unhex(s[i + 2]);
      // In a host, %-encoding may only stand for non-ASCII bytes, except %25 (RFC 6874).
      if (mode == Mode::kHost && Unhex(s[i + 1]) < 8 && s.substr(i, 3) != "%25") {
        return false;
      }
      // Escapes in a zone may only stand for bytes that could be written directly (or a space).
      if (mode == Mode::kZone && s.substr(i, 3) != "%25" && v != ' ' &&
          (v >= 0x80 || !AllowedInHost(static_cast<unsigned char>(v)))) {
        return false;
      }
      out->push_back(static_cast<char>(v));
      i += 3;
      continue;
    }
    if ((mode == Mode::kHost || mode == Mode::kZone) && c < 0x80 && !AllowedInHost(c)) {
      return false;
    }
    out->push_back(static_cast<char>(c));
    ++i;
  }
  return true;
}

// validOptionalPort: "" or ':' followed by digits only.
bool ValidOptionalPort(std::string_view port) {
  if (port.empty()) {
    return true;
  }
  if (port[0] != ':') {
    return false;
  }
  for (char c : port.substr(1)) {
    if (c < '0' || c > '9') {
      return false;
    }
  }
  return true;
}

bool IsIpv6Literal(const std::string& text) {
  in6_addr addr;
  return inet_pton(AF_INET6, text.c_str(), &addr) == 1;
}

// parseHost as of Go 1.26: a bracketed IP-literal must be a valid IPv6 address and may only
// appear at the start of the host; an unbracketed host may hold a single colon (urlstrictcolons,
// the Go 1.26 default), so "localhost:80:443" and "::1" are errors.
bool ParseHost(std::string_view host, std::string* out) {
  size_t open = host.find('[');
  if (open != std::string_view::npos) {
    if (open != 0) {
      return false;
    }
    size_t close = host.rfind(']');
    if (close == std::string_view::npos) {
      return false;
    }
    if (!ValidOptionalPort(host.substr(close + 1))) {
      return false;
    }
    std::string_view literal = host.substr(1, close - 1);
    std::string address;
    std::string zone;
    size_t zone_at = literal.find("%25");
    if (zone_at != std::string_view::npos) {
      if (!Unescape(literal.substr(0, zone_at), Mode::kHost, &address) ||
          !Unescape(literal.substr(zone_at), Mode::kZone, &zone)) {
        return false;
      }
    } else if (!Unescape(literal, Mode::kHost, &address)) {
      return false;
    }
    if (!IsIpv6Literal(address)) {
      return false;
    }
    std::string port;
    if (!Unescape(host.substr(close), Mode::kHost, &port)) {
      return false;
    }
    *out = "[" + address + zone + port;
    return true;
  }
  size_t colon = host.find(':');
  if (colon != std::string_view::npos && !ValidOptionalPort(host.substr(colon))) {
    return false;
  }
  return Unescape(host, Mode::kHost, out);
}

bool ValidUserinfo(std::string_view s) {
  for (unsigned char c : s) {
    if (IsAlnum(c) || (c != '\0' && std::strchr("-._:~!$&'()*+,;=%@", c) != nullptr)) {
      continue;
    }
    return false;
  }
  return true;
}

bool ParseAuthority(std::string_view authority, std::string* host) {
  size_t at = authority.rfind('@');
  if (!ParseHost(at == std::string_view::npos ? authority : authority.substr(at + 1), host)) {
    return false;
  }
  if (at == std::string_view::npos) {
    return true;
  }
  std::string_view userinfo = authority.substr(0, at);
  if (!ValidUserinfo(userinfo)) {
    return false;
  }
  std::string ignored;
  size_t colon = userinfo.find(':');
  if (colon == std::string_view::npos) {
    return Unescape(userinfo, Mode::kUserPassword, &ignored);
  }
  return Unescape(userinfo.substr(0, colon), Mode::kUserPassword, &ignored) &&
         Unescape(userinfo.substr(colon + 1), Mode::kUserPassword, &ignored);
}

// getScheme: a scheme is letters followed by letters, digits, '+', '-', '.', ending in ':'.
// Returns false for the "missing protocol scheme" error (a leading ':').
bool GetScheme(std::string_view raw, std::string* scheme, std::string_view* rest) {
  for (size_t i = 0; i < raw.size(); ++i) {
    unsigned char c = raw[i];
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      continue;
    }
    if ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.') {
      if (i == 0) {
        break;
      }
      continue;
    }
    if (c == ':') {
      if (i == 0) {
        return false;
      }
      scheme->assign(raw.substr(0, i));
      *rest = raw.substr(i + 1);
      return true;
    }
    break;
  }
  scheme->clear();
  *rest = raw;
  return true;
}

}  // namespace

std::optional<GoHostPort> GoSplitHostPort(std::string_view hostport) {
  size_t last_colon = hostport.rfind(':');
  if (last_colon == std::string_view::npos) {
    return std::nullopt;  // missing port in address
  }
  GoHostPort out;
  size_t j = 0;
  size_t k = 0;
  if (hostport[0] == '[') {
    size_t end = hostport.find(']');
    if (end == std::string_view::npos) {
      return std::nullopt;  // missing ']' in address
    }
    if (end + 1 != last_colon) {
      // Either nothing follows ']', or ']' is followed by something other than the last colon.
      return std::nullopt;
    }
    out.host = std::string(hostport.substr(1, end - 1));
    j = 1;
    k = end + 1;
  } else {
    out.host = std::string(hostport.substr(0, last_colon));
    if (out.host.find(':') != std::string::npos) {
      return std::nullopt;  // too many colons in address
    }
  }
  if (hostport.substr(j).find('[') != std::string_view::npos ||
      hostport.substr(k).find(']') != std::string_view::npos) {
    return std::nullopt;  // unexpected '[' or ']' in address
  }
  out.port = std::string(hostport.substr(last_colon + 1));
  return out;
}

std::string GoRequestUri::Port() const {
  size_t colon = host.find(':');
  if (colon == std::string::npos) {
    return "";
  }
  size_t bracket_colon = host.find("]:");
  if (bracket_colon != std::string::npos) {
    return host.substr(bracket_colon + 2);
  }
  if (host.find(']') != std::string::npos) {
    return "";
  }
  return host.substr(colon + 1);
}

std::optional<GoRequestUri> GoParseRequestUri(std::string_view raw) {
  for (unsigned char c : raw) {
    if (c < 0x20 || c == 0x7f) {
      return std::nullopt;  // invalid control character in URL
    }
  }
  if (raw.empty()) {
    return std::nullopt;  // empty url
  }
  GoRequestUri uri;
  if (raw == "*") {
    uri.path = "*";
    return uri;
  }
  std::string_view rest;
  if (!GetScheme(raw, &uri.scheme, &rest)) {
    return std::nullopt;
  }
  for (char& c : uri.scheme) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  // A request URI carries no fragment, so '#' stays where it is; the query is dropped unchecked.
  if (rest.size() >= 1 && rest.back() == '?' && rest.find('?') == rest.size() - 1) {
    rest.remove_suffix(1);
  } else {
    size_t q = rest.find('?');
    if (q != std::string_view::npos) {
      rest = rest.substr(0, q);
    }
  }
  if (rest.empty() || rest[0] != '/') {
    if (!uri.scheme.empty()) {
      uri.opaque = std::string(rest);  // rootless path, e.g. "zipkin:9411"
      return uri;
    }
    return std::nullopt;  // invalid URI for request
  }
  if (!uri.scheme.empty() && rest.substr(0, 2) == "//") {
    std::string_view authority = rest.substr(2);
    rest = std::string_view();
    size_t slash = authority.find('/');
    if (slash != std::string_view::npos) {
      rest = authority.substr(slash);
      authority = authority.substr(0, slash);
    }
    if (!ParseAuthority(authority, &uri.host)) {
      return std::nullopt;
    }
  }
  if (!Unescape(rest, Mode::kPath, &uri.path)) {
    return std::nullopt;
  }
  return uri;
}

}  // namespace meshplane
