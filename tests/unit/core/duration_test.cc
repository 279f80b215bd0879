#include "core/duration.h"

#include <gtest/gtest.h>

namespace meshplane {
namespace {

using std::chrono::milliseconds;

TEST(KumaDurationTest, AcceptsSingleIntegerWithOneUnit) {
  EXPECT_EQ(ParseKumaDuration("0"), milliseconds(0));
  EXPECT_EQ(ParseKumaDuration("15ms"), milliseconds(15));
  EXPECT_EQ(ParseKumaDuration("10s"), milliseconds(10'000));
  EXPECT_EQ(ParseKumaDuration("5m"), milliseconds(300'000));
  EXPECT_EQ(ParseKumaDuration("2h"), milliseconds(7'200'000));
  EXPECT_EQ(ParseKumaDuration("1d"), milliseconds(86'400'000));
  EXPECT_EQ(ParseKumaDuration("1w"), milliseconds(7 * 86'400'000LL));
  EXPECT_EQ(ParseKumaDuration("10y"), milliseconds(3650 * 86'400'000LL));
  EXPECT_EQ(ParseKumaDuration("0s"), milliseconds(0));
}

TEST(KumaDurationTest, RejectsEverythingElse) {
  for (const char* bad : {"", "1h30m", "1.5h", "h", "10", "-1s", "1 s", " 1s", "1S", "1sec", "1us",
                          "0.0", "99999999999999999999y", "1e3s", "+1s"}) {
    EXPECT_EQ(ParseKumaDuration(bad), std::nullopt) << bad;
  }
}

}  // namespace
}  // namespace meshplane
