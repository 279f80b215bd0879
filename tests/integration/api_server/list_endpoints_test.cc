// Lists over HTTP: paging with absolute `next` links, name and label filters, and Kuma's errors
// for bad parameters.
#include <gtest/gtest.h>

#include "integration/api_server/api_server_fixture.h"

namespace meshplane {
namespace {

class ListEndpointsTest : public ApiServerFixture {
 protected:
  void SetUp() override {
    ApiServerFixture::SetUp();
    for (const char* name : {"alpha", "bravo", "charlie", "delta", "echo"}) {
      Json body = MeshBody(name);
      body["labels"] = {{"team", std::string(name) < "c" ? "core" : "edge"}};
      ASSERT_EQ(Put(std::string("/meshes/") + name, body).status, 201);
    }
  }

  static std::vector<std::string> Names(const Json& list) {
    std::vector<std::string> out;
    for (const auto& item : list["items"]) {
      out.push_back(item["name"]);
    }
    return out;
  }
};

TEST_F(ListEndpointsTest, ListsEverythingSortedByNameByDefault) {
  HttpResponse r = Get("/meshes");
  ASSERT_EQ(r.status, 200);
  Json list = Parse(r);
  EXPECT_EQ(list["total"], 5);
  EXPECT_EQ(Names(list), (std::vector<std::string>{"alpha", "bravo", "charlie", "delta", "echo"}));
  EXPECT_TRUE(list["next"].is_null());
  // Kuma's key order.
  EXPECT_EQ(r.body.find("\"total\""), 3u);
  EXPECT_LT(r.body.find("\"items\""), r.body.find("\"next\""));
  EXPECT_EQ(list["items"][0]["type"], "Mesh");
}

TEST_F(ListEndpointsTest, PagesFollowTheNextLink) {
  Json page1 = Parse(Get("/meshes?size=2"));
  EXPECT_EQ(page1["total"], 5);
  EXPECT_EQ(Names(page1), (std::vector<std::string>{"alpha", "bravo"}));
  EXPECT_EQ(page1["next"], BaseUrl() + "/meshes?offset=2&size=2");

  const std::string prefix = BaseUrl();
  std::string next = page1["next"];
  Json page2 = Parse(Get(next.substr(prefix.size())));
  EXPECT_EQ(Names(page2), (std::vector<std::string>{"charlie", "delta"}));
  EXPECT_EQ(page2["next"], BaseUrl() + "/meshes?offset=4&size=2");

  Json page3 = Parse(Get("/meshes?size=2&offset=4"));
  EXPECT_EQ(Names(page3), (std::vector<std::string>{"echo"}));
  EXPECT_TRUE(page3["next"].is_null());

  Json past = Parse(Get("/meshes?offset=10"));
  EXPECT_EQ(past["total"], 5);
  EXPECT_TRUE(past["items"].empty());
  EXPECT_TRUE(past["next"].is_null());
}

TEST_F(ListEndpointsTest, NextLinkKeepsOtherParametersWithSortedKeys) {
  Json page = Parse(Get("/meshes?size=1&filter%5Blabels.team%5D=edge&name=e"));
  EXPECT_EQ(page["total"], 3);  // charlie, delta, echo
  EXPECT_EQ(page["next"],
            BaseUrl() + "/meshes?filter%5Blabels.team%5D=edge&name=e&offset=1&size=1");
}

TEST_F(ListEndpointsTest, NameIsACaseSensitiveSubstringFilter) {
  EXPECT_EQ(Names(Parse(Get("/meshes?name=lph"))), (std::vector<std::string>{"alpha"}));
  EXPECT_EQ(Names(Parse(Get("/meshes?name=a"))),
            (std::vector<std::string>{"alpha", "bravo", "charlie", "delta"}));
  EXPECT_EQ(Parse(Get("/meshes?name=A"))["total"], 0);
  EXPECT_EQ(Parse(Get("/meshes?name="))["total"], 5);
}

TEST_F(ListEndpointsTest, LabelFiltersMatchExactlyAndCombine) {
  Json core = Parse(Get("/meshes?filter[labels.team]=core"));
  EXPECT_EQ(Names(core), (std::vector<std::string>{"alpha", "bravo"}));
  EXPECT_EQ(core["total"], 2);
  EXPECT_EQ(Parse(Get("/meshes?filter[labels.team]=core&filter[labels.other]=x"))["total"], 0);
  EXPECT_EQ(Parse(Get("/meshes?filter[labels.team]=cor"))["total"], 0);
}

TEST_F(ListEndpointsTest, BadPageSizes) {
  auto expected = [](const std::string& reason) {
    Json e = {{"type", "/std-errors"},
              {"status", 400},
              {"title", "Could not retrieve resources"},
              {"detail", "Invalid page size"},
              {"invalid_parameters", {{{"field", "size"}, {"reason", reason}}}},
              {"details", "Invalid page size"},
              {"causes", {{{"field", "size"}, {"message", reason}}}}};
    return RenderJson(e);
  };
  HttpResponse r = Get("/meshes?size=abc");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.body, expected("invalid format"));
  EXPECT_EQ(Get("/meshes?size=0").body, expected("must be greater than 0"));
  EXPECT_EQ(Get("/meshes?size=-3").body, expected("must be greater than 0"));
  EXPECT_EQ(Get("/meshes?size=1001").body,
            expected("invalid page size of 1001. Maximum page size is 1000"));
  EXPECT_EQ(Get("/meshes?size=1000").status, 200);
}

TEST_F(ListEndpointsTest, BadOffsets) {
  HttpResponse r = Get("/meshes?offset=abc");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(
      r.body,
      Expected(
          R"({"type":"/std-errors","status":400,)"
          R"("title":"Could not retrieve resources",)"
          R"("detail":"invalid: invalid offset: strconv.Atoi: parsing \"abc\": invalid syntax",)"
          R"("details":"invalid: invalid offset: strconv.Atoi: parsing \"abc\": invalid syntax"})"));
  EXPECT_EQ(Parse(Get("/meshes?offset=-1"))["detail"],
            "invalid: invalid offset: must be non-negative");
}

TEST_F(ListEndpointsTest, BadFilters) {
  HttpResponse r = Get("/meshes?filter[foo]=x");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(
      r.body,
      Expected(
          R"({"type":"/std-errors","status":400,)"
          R"("title":"Could not retrieve resources",)"
          R"("detail":"Resource is not valid","invalid_parameters":[)"
          R"({"field":"/meshes.filter[foo]","reason":"filters are only supported on labels"}],)"
          R"("details":"Resource is not valid","causes":[)"
          R"({"field":"/meshes.filter[foo]","message":"filters are only supported on labels"}]})"));
  Json advanced = Parse(Get("/meshes?filter[labels.team][ne]=x"));
  EXPECT_EQ(advanced["invalid_parameters"],
            Json::parse(R"([{"field":"/meshes.filter[labels.team][ne]",)"
                        R"("reason":"advanced filters are not supported"}])"));
}

}  // namespace
}  // namespace meshplane
