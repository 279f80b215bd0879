#include "api_server/list_params.h"

#include <gtest/gtest.h>

namespace meshplane {
namespace {

TEST(ListParamsTest, GoAtoiAcceptsWhatGoAcceptsWithGoErrors) {
  int64_t v = 0;
  std::string err;
  EXPECT_TRUE(GoAtoi("+42", &v, &err));
  EXPECT_EQ(v, 42);
  EXPECT_TRUE(GoAtoi("-9223372036854775808", &v, &err));
  EXPECT_EQ(v, INT64_MIN);
  EXPECT_FALSE(GoAtoi("abc", &v, &err));
  EXPECT_EQ(err, "strconv.Atoi: parsing \"abc\": invalid syntax");
  EXPECT_FALSE(GoAtoi("9223372036854775808", &v, &err));
  EXPECT_EQ(err, "strconv.Atoi: parsing \"9223372036854775808\": value out of range");
  EXPECT_FALSE(GoAtoi(" 1", &v, &err));
  EXPECT_FALSE(GoAtoi("-", &v, &err));
}

TEST(ListParamsTest, PageSizeDefaultsAndLimits) {
  int64_t size = 0;
  ASSERT_TRUE(ParsePageSize(QueryParams::Parse(""), &size).ok());
  EXPECT_EQ(size, 100);
  ASSERT_TRUE(ParsePageSize(QueryParams::Parse("size=1000"), &size).ok());
  EXPECT_EQ(size, 1000);

  Status st = ParsePageSize(QueryParams::Parse("size=x"), &size);
  EXPECT_EQ(st.code(), ErrorCode::kInvalidPageSize);
  EXPECT_EQ(st.validation().Violations(), (std::vector<Violation>{{"size", "invalid format"}}));
  st = ParsePageSize(QueryParams::Parse("size=0"), &size);
  EXPECT_EQ(st.validation().Violations(),
            (std::vector<Violation>{{"size", "must be greater than 0"}}));
  st = ParsePageSize(QueryParams::Parse("size=1001"), &size);
  EXPECT_EQ(
      st.validation().Violations(),
      (std::vector<Violation>{{"size", "invalid page size of 1001. Maximum page size is 1000"}}));
}

TEST(ListParamsTest, OffsetErrorsAreKumasStoreErrors) {
  int64_t offset = -1;
  ASSERT_TRUE(ParseOffset(QueryParams::Parse(""), &offset).ok());
  EXPECT_EQ(offset, 0);
  Status st = ParseOffset(QueryParams::Parse("offset=abc"), &offset);
  EXPECT_EQ(st.code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(st.message(), "invalid offset: strconv.Atoi: parsing \"abc\": invalid syntax");
  st = ParseOffset(QueryParams::Parse("offset=-2"), &offset);
  EXPECT_EQ(st.message(), "invalid offset: must be non-negative");
}

TEST(ListParamsTest, LabelFiltersAndTheirErrors) {
  Labels labels;
  ASSERT_TRUE(
      ParseLabelFilters(QueryParams::Parse("filter%5Blabels.team%5D=a&filter[labels.team]=b&x=1"),
                        "/meshes", &labels)
          .ok());
  EXPECT_EQ(labels, (Labels{{"team", "b"}}));

  Labels ignored;
  Status st = ParseLabelFilters(
      QueryParams::Parse("filter[foo]=1&filter[labels.a][eq]=2&filter[labels.b=3"),
      "/meshes/{mesh}/dataplanes", &ignored);
  EXPECT_EQ(st.code(), ErrorCode::kValidation);
  EXPECT_EQ(
      st.validation().Violations(),
      (std::vector<Violation>{
          {"/meshes/{mesh}/dataplanes.filter[foo]", "filters are only supported on labels"},
          {"/meshes/{mesh}/dataplanes.filter[labels.a][eq]", "advanced filters are not supported"},
          {"/meshes/{mesh}/dataplanes.filter[labels.b", "advanced filters are not supported"},
      }));
}

TEST(ListParamsTest, NextLinkIsAbsoluteWithSortedQuery) {
  HttpServerRequest http;
  http.path = "/meshes";
  http.query = "size=2&name=a";
  http.headers = {{"host", "localhost:5681"}};
  RouteRequest r{http, "/meshes", {}, QueryParams::Parse(http.query)};
  EXPECT_EQ(NextPageLink(r, 2), "http://localhost:5681/meshes?name=a&offset=2&size=2");
}

}  // namespace
}  // namespace meshplane
