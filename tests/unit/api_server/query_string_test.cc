#include "http/query_string.h"

#include <gtest/gtest.h>

namespace meshplane {
namespace {

TEST(QueryStringTest, ParsesDecodesAndKeepsOrder) {
  QueryParams q = QueryParams::Parse("size=2&name=a+b&filter%5Blabels.team%5D=core&name=c");
  EXPECT_EQ(q.Get("size"), "2");
  EXPECT_EQ(q.Get("name"), "a b");
  EXPECT_EQ(q.GetLast("name"), "c");
  EXPECT_EQ(q.Get("filter[labels.team]"), "core");
  EXPECT_TRUE(q.Has("size"));
  EXPECT_FALSE(q.Has("offset"));
  EXPECT_EQ(q.Get("offset"), "");
}

TEST(QueryStringTest, SkipsMalformedPairsAsGoDoes) {
  QueryParams q = QueryParams::Parse("a=%zz&b=1;c=2&d=4&&e");
  EXPECT_FALSE(q.Has("a"));
  EXPECT_FALSE(q.Has("b"));
  EXPECT_EQ(q.Get("d"), "4");
  EXPECT_TRUE(q.Has("e"));
}

TEST(QueryStringTest, EncodesWithSortedKeysLikeGoUrlValues) {
  QueryParams q = QueryParams::Parse("size=2&name=a+b%2Fc&filter%5Blabels.x%5D=y");
  q.Set("offset", "4");
  EXPECT_EQ(q.Encode(), "filter%5Blabels.x%5D=y&name=a+b%2Fc&offset=4&size=2");
}

TEST(QueryStringTest, QueryEscapeKeepsOnlyUnreservedCharacters) {
  EXPECT_EQ(QueryEscape("aZ0-_.~ /?&=é"), "aZ0-_.~+%2F%3F%26%3D%C3%A9");
}

TEST(QueryStringTest, PercentDecodeRejectsTruncatedEscapes) {
  std::string out;
  EXPECT_FALSE(PercentDecode("%4", false, &out));
  EXPECT_FALSE(PercentDecode("%", false, &out));
  EXPECT_TRUE(PercentDecode("a%2Fb+c", false, &out));
  EXPECT_EQ(out, "a/b+c");
}

}  // namespace
}  // namespace meshplane
