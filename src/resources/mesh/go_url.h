// Go's net.SplitHostPort and net/url.ParseRequestURI, reproduced for the address and URL rules
// of Mesh backends. Kuma validates `tcp` logging addresses and `zipkin` URLs with these two Go
// functions, so a value must be accepted or rejected exactly as Go (1.26) does, including its
// surprises: `zipkin:9411` parses as scheme "zipkin" with opaque "9411" (and so has no port).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace meshplane {

struct GoHostPort {
  std::string host;
  std::string port;
};

// net.SplitHostPort: splits "host:port", "[v6]:port". The port is not checked to be numeric and
// either part may be empty; nullopt when Go returns an error.
std::optional<GoHostPort> GoSplitHostPort(std::string_view hostport);

// The parts of a URL that the validators look at.
struct GoRequestUri {
  std::string scheme;  // lowercased
  std::string opaque;  // set for "scheme:rest" where rest does not start with '/'
  std::string host;    // "host:port" or "[v6]:port", unescaped
  std::string path;    // unescaped

  // url.URL.Port(): the port of `host`, or "" when it has none.
  std::string Port() const;
};

// url.ParseRequestURI: nullopt when Go returns an error.
std::optional<GoRequestUri> GoParseRequestUri(std::string_view raw);

}  // namespace meshplane
