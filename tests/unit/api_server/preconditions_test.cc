#include "api_server/preconditions.h"

#include <gtest/gtest.h>

namespace meshplane {
namespace {

HttpServerRequest WithIfMatch(const std::string& value) {
  HttpServerRequest r;
  r.headers = {{"if-match", value}};
  return r;
}

TEST(PreconditionsTest, AbsentHeaderMatchesAnything) {
  auto m = ParseIfMatch(HttpServerRequest{});
  ASSERT_TRUE(m.ok());
  EXPECT_FALSE(m->present);
  EXPECT_TRUE(m->Matches(0));
  EXPECT_TRUE(m->Matches(7));
}

TEST(PreconditionsTest, EntityTagsMatchTheirVersionsOnly) {
  auto m = ParseIfMatch(WithIfMatch("\"3\", W/\"5\""));
  ASSERT_TRUE(m.ok());
  EXPECT_TRUE(m->Matches(3));
  EXPECT_TRUE(m->Matches(5));
  EXPECT_FALSE(m->Matches(4));
  EXPECT_FALSE(m->Matches(0));
  EXPECT_EQ(ParseIfMatch(WithIfMatch("\"3\""))->ExpectedVersion(), 3);
}

TEST(PreconditionsTest, StarRequiresAnExistingResource) {
  auto m = ParseIfMatch(WithIfMatch("*"));
  ASSERT_TRUE(m.ok());
  EXPECT_TRUE(m->Matches(1));
  EXPECT_FALSE(m->Matches(0));
}

TEST(PreconditionsTest, MalformedHeaderIsABadRequest) {
  for (const char* bad : {"", "\"abc\"", "\"1\",", "1 2"}) {
    auto m = ParseIfMatch(WithIfMatch(bad));
    EXPECT_FALSE(m.ok()) << bad;
    EXPECT_EQ(m.status().code(), ErrorCode::kBadRequest) << bad;
  }
}

TEST(PreconditionsTest, ETagQuotesTheVersion) { EXPECT_EQ(ETagOf(12), "\"12\""); }

}  // namespace
}  // namespace meshplane
