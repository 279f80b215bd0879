#include "resources/mesh/go_url.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace meshplane {
namespace {

struct SplitCase {
  std::string input;
  std::optional<std::pair<std::string, std::string>> want;  // nullopt: Go returns an error
};

TEST(MeshGoSplitHostPortTest, MatchesGoNetSplitHostPort) {
  const SplitCase cases[] = {
      {"localhost:80", {{"localhost", "80"}}},
      {"127.0.0.1:5000", {{"127.0.0.1", "5000"}}},
      {"[::1]:9000", {{"::1", "9000"}}},
      {"[fe80::1%eth0]:80", {{"fe80::1%eth0", "80"}}},
      {":80", {{"", "80"}}},
      {"host:", {{"host", ""}}},
      {"host:http", {{"host", "http"}}},
      {"[]:80", {{"", "80"}}},
      {"", std::nullopt},
      {"localhost", std::nullopt},
      {"::1:80", std::nullopt},
      {"[::1]", std::nullopt},
      {"[::1]80", std::nullopt},
      {"[::1]:80:90", std::nullopt},
      {"[::1:80", std::nullopt},
      {"a[b]:80", std::nullopt},
      {"[a]b]:80", std::nullopt},
  };
  for (const SplitCase& c : cases) {
    std::optional<GoHostPort> got = GoSplitHostPort(c.input);
    ASSERT_EQ(got.has_value(), c.want.has_value()) << c.input;
    if (got) {
      EXPECT_EQ(got->host, c.want->first) << c.input;
      EXPECT_EQ(got->port, c.want->second) << c.input;
    }
  }
}

struct UriCase {
  std::string input;
  bool ok;
  std::string host;
  std::string port;
  std::string scheme = "";
  std::string opaque = "";
};

TEST(MeshGoRequestUriTest, MatchesGoUrlParseRequestUri) {
  const UriCase cases[] = {
      {"http://zipkin:9411/api/v2/spans", true, "zipkin:9411", "9411", "http"},
      {"HTTP://Zipkin:9411", true, "Zipkin:9411", "9411", "http"},
      {"http://[::1]:9411/", true, "[::1]:9411", "9411", "http"},
      {"http://[fe80::1%25eth0]:9411/", true, "[fe80::1%eth0]:9411", "9411", "http"},
      {"http://[::1]/", true, "[::1]", "", "http"},
      {"http://user:p@ss@zipkin:9411/", true, "zipkin:9411", "9411", "http"},
      {"http://zipkin:/", true, "zipkin:", "", "http"},
      {"http://zipkin", true, "zipkin", "", "http"},
      {"http://", true, "", "", "http"},
      {"http:", true, "", "", "http"},
      {"zipkin:9411", true, "", "", "zipkin", "9411"},
      {"mailto:a@b.c", true, "", "", "mailto", "a@b.c"},
      {"/api/v2/spans", true, "", ""},
      {"*", true, "", ""},
      {"http://zipkin:9411/a#frag", true, "zipkin:9411", "9411", "http"},
      {"http://zipkin:9411?x=%zz", true, "zipkin:9411", "9411", "http"},
      {"", false, "", ""},
      {"127.0.0.1:9411", false, "", ""},
      {"zipkin", false, "", ""},
      {"://zipkin", false, "", ""},
      {"http://zipkin:94a1/", false, "", ""},
      {"http://zipkin:9411:1/", false, "", ""},
      {"http://::1/", false, "", ""},
      {"http://[::1/", false, "", ""},
      {"http://[::1]x/", false, "", ""},
      {"http://[zipkin]:9411/", false, "", ""},
      {"http://[1.2.3.4]:9411/", false, "", ""},
      {"http://x[::1]:9411/", false, "", ""},
      {"http://zip kin/", false, "", ""},
      {"http://zip{kin/", false, "", ""},
      {"http://%41bc/", false, "", ""},
      {"http://zipkin:9411/%zz", false, "", ""},
      {"http://zipkin:9411/%4", false, "", ""},
      {"http://us er@zipkin:9411/", false, "", ""},
      {"http://zipkin:9411/\n", false, "", ""},
      {"http://zipkin:9411#frag", false, "", ""},
  };
  for (const UriCase& c : cases) {
    std::optional<GoRequestUri> got = GoParseRequestUri(c.input);
    ASSERT_EQ(got.has_value(), c.ok) << c.input;
    if (got) {
      EXPECT_EQ(got->host, c.host) << c.input;
      EXPECT_EQ(got->Port(), c.port) << c.input;
      EXPECT_EQ(got->scheme, c.scheme) << c.input;
      EXPECT_EQ(got->opaque, c.opaque) << c.input;
    }
  }
}

}  // namespace
}  // namespace meshplane
