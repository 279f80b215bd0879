#include "core/go_duration.h"

#include <gtest/gtest.h>

namespace meshplane {
namespace {

TEST(GoDurationTest, FormatsAsGoDurationString) {
  struct Case {
    const char* in;
    const char* out;
  } cases[] = {{"1h", "1h0m0s"},    {"2h", "2h0m0s"}, {"30m", "30m0s"},     {"10s", "10s"},
               {"0s", "0s"},        {"0", "0s"},      {"500ms", "500ms"},   {"90s", "1m30s"},
               {"1.5s", "1.5s"},    {"25ms", "25ms"}, {"1h30m", "1h30m0s"}, {"-5s", "-5s"},
               {"1500us", "1.5ms"}, {"7ns", "7ns"},   {"1m0.5s", "1m0.5s"}};
  for (const Case& c : cases) {
    EXPECT_EQ(CanonicalGoDuration(c.in), std::optional<std::string>(c.out)) << c.in;
  }
}

TEST(GoDurationTest, RejectsWhatGoRejects) {
  std::string error;
  int64_t nanos = 0;
  EXPECT_FALSE(ParseGoDuration("10", &nanos, &error));
  EXPECT_EQ(error, "time: missing unit in duration \"10\"");
  EXPECT_FALSE(ParseGoDuration("1d", &nanos, &error));
  EXPECT_EQ(error, "time: unknown unit \"d\" in duration \"1d\"");
  EXPECT_FALSE(ParseGoDuration("", &nanos, &error));
  EXPECT_EQ(error, "time: invalid duration \"\"");
}

}  // namespace
}  // namespace meshplane
