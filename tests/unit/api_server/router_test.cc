#include "api_server/router.h"

#include <gtest/gtest.h>

namespace meshplane {
namespace {

RouteHandler Named(int status) {
  return [status](const RouteRequest&) { return HttpServerResponse::Text(status, ""); };
}

class RouterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router_.Add("GET", "/meshes", Named(1));
    router_.Add("GET", "/meshes/{name}", Named(2));
    router_.Add("PUT", "/meshes/{name}", Named(3));
    router_.Add("DELETE", "/meshes/{name}", Named(4));
    router_.Add("GET", "/meshes/{mesh}/dataplanes/{name}", Named(5));
    router_.Add("GET", "/meshes/{mesh}/{plural}/{name}", Named(6));
    router_.Add("GET", "/", Named(7));
  }

  int Call(const Router::Match& m) {
    HttpServerRequest http;
    return (*m.handler)(RouteRequest{http, m.pattern, m.params, {}}).status;
  }

  Router router_;
};

TEST_F(RouterTest, MatchesTemplatesAndDecodesParameters) {
  auto m = router_.Find("GET", "/meshes/my%2Fmesh");
  ASSERT_EQ(m.kind, Router::Match::Kind::kFound);
  EXPECT_EQ(m.pattern, "/meshes/{name}");
  EXPECT_EQ(m.params.at("name"), "my/mesh");
  EXPECT_EQ(Call(m), 2);
  EXPECT_EQ(Call(router_.Find("PUT", "/meshes/default")), 3);
  EXPECT_EQ(Call(router_.Find("GET", "/")), 7);
  EXPECT_EQ(Call(router_.Find("GET", "/meshes/")), 1);
}

TEST_F(RouterTest, PrefersTheTemplateWithMoreLiterals) {
  auto m = router_.Find("GET", "/meshes/default/dataplanes/dp-1");
  ASSERT_EQ(m.kind, Router::Match::Kind::kFound);
  EXPECT_EQ(m.pattern, "/meshes/{mesh}/dataplanes/{name}");
  EXPECT_EQ(m.params.at("mesh"), "default");
  EXPECT_EQ(Call(router_.Find("GET", "/meshes/default/secrets/s")), 6);
}

TEST_F(RouterTest, ReportsUnknownPathsAndMethods) {
  EXPECT_EQ(router_.Find("GET", "/nope").kind, Router::Match::Kind::kNotFound);
  EXPECT_EQ(router_.Find("GET", "/meshes//x").kind, Router::Match::Kind::kNotFound);
  EXPECT_EQ(router_.Find("GET", "/meshes/%zz").kind, Router::Match::Kind::kNotFound);
  auto m = router_.Find("POST", "/meshes/default");
  ASSERT_EQ(m.kind, Router::Match::Kind::kMethodNotAllowed);
  EXPECT_EQ(m.allowed_methods, (std::vector<std::string>{"DELETE", "GET", "PUT"}));
}

}  // namespace
}  // namespace meshplane
