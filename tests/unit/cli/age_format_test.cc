#include "cli/age_format.h"

#include <gtest/gtest.h>

namespace meshplane {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

TEST(AgeFormatTest, UsesTheLargestWholeUnitTruncated) {
  EXPECT_EQ(FormatAge(seconds(0)), "0s");
  EXPECT_EQ(FormatAge(milliseconds(59999)), "59s");
  EXPECT_EQ(FormatAge(seconds(60)), "1m");
  EXPECT_EQ(FormatAge(minutes(59) + seconds(59)), "59m");
  EXPECT_EQ(FormatAge(hours(1)), "1h");
  EXPECT_EQ(FormatAge(hours(23) + minutes(59)), "23h");
  EXPECT_EQ(FormatAge(hours(24)), "1d");
  EXPECT_EQ(FormatAge(hours(24 * 364 + 23)), "364d");
  EXPECT_EQ(FormatAge(hours(24 * 365)), "1y");
  EXPECT_EQ(FormatAge(hours(24 * 365 * 3 + 5)), "3y");
}

TEST(AgeFormatTest, SmallClockSkewReadsAsZeroAndTheFutureAsNever) {
  EXPECT_EQ(FormatAge(milliseconds(-500)), "0s");
  // Go truncates -1.5s to -1s, which is still "0s".
  EXPECT_EQ(FormatAge(milliseconds(-1500)), "0s");
  EXPECT_EQ(FormatAge(seconds(-2)), "never");
  EXPECT_EQ(FormatAge(hours(-5)), "never");
}

TEST(AgeFormatTest, TimeSinceMeasuresFromModificationToNow) {
  Timestamp now = Timestamp() + hours(24 * 400);
  EXPECT_EQ(TimeSince(now - seconds(42), now), "42s");
  EXPECT_EQ(TimeSince(now - hours(50), now), "2d");
  EXPECT_EQ(TimeSince(now + seconds(10), now), "never");
}

TEST(AgeFormatTest, TimeSinceSaturatesLikeGo) {
  // Go's Time.Sub saturates at about 292 years; kumactl prints that for a zero time.
  Timestamp now = Timestamp() + hours(24 * 365 * 55);
  EXPECT_EQ(TimeSince(Timestamp::min(), now), "292y");
}

}  // namespace
}  // namespace meshplane
