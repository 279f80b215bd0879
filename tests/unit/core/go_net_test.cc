#include "core/go_net.h"

#include <gtest/gtest.h>

#include <string>

namespace meshplane {
namespace {

TEST(GoNetTest, ParseIpAcceptsWhatGoAccepts) {
  for (const char* ok : {"10.0.0.1", "0.0.0.0", "::", "::1", "fd00::1", "::ffff:10.0.0.1"}) {
    EXPECT_TRUE(GoParseIp(ok).has_value()) << ok;
  }
  for (const char* bad : {"", "10.0.0", "10.0.0.256", "010.0.0.1", "fe80::1%eth0", "host"}) {
    EXPECT_FALSE(GoParseIp(bad).has_value()) << bad;
  }
  EXPECT_TRUE(GoParseIp("0.0.0.0")->IsUnspecified());
  EXPECT_TRUE(GoParseIp("::")->IsUnspecified());
  // IPv4-mapped addresses equal their IPv4 form, as net.IP.Equal says.
  EXPECT_TRUE(*GoParseIp("::ffff:127.0.0.1") == *GoParseIp("127.0.0.1"));
}

TEST(GoNetTest, DnsNameFollowsGovalidator) {
  for (const char* ok : {"dp.example.com", "localhost", "my_host", "a-b.c.", "x1"}) {
    EXPECT_TRUE(GoIsDnsName(ok)) << ok;
  }
  for (const char* bad : {"", "10.0.0.1", "-a.com", "a..b", "bad host", "a$b"}) {
    EXPECT_FALSE(GoIsDnsName(bad)) << bad;
  }
  const std::string too_long_label(64, 'a');
  EXPECT_FALSE(GoIsDnsName(too_long_label));
}

}  // namespace
}  // namespace meshplane
