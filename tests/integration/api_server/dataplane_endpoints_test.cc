// The Dataplane and ZoneEgress kinds over the real REST API: creation in a missing mesh,
// validation and membership answers, zone tag injection, the `tag`/`gateway` list filters,
// isolation between meshes, and mesh deletion while dataplanes exist.
#include <gtest/gtest.h>

#include "api_server_fixture.h"
#include "core/resource_codec.h"

namespace meshplane {
namespace {

class DataplaneEndpointsTest : public ApiServerFixture {
 protected:
  void SetUp() override {
    ApiServerFixture::SetUp();
    for (const char* mesh : {"default", "other"}) {
      ASSERT_EQ(Put(std::string("/meshes/") + mesh, MeshBody(mesh)).status, 201);
    }
  }

  static Json Dp(const std::string& mesh, const std::string& name, const Json& inbound_tags,
                 const std::string& address = "10.0.0.1") {
    return Json{{"type", "Dataplane"},
                {"mesh", mesh},
                {"name", name},
                {"networking",
                 {{"address", address},
                  {"inbound", Json::array({{{"port", 8080}, {"tags", inbound_tags}}})}}}};
  }

  std::vector<std::string> Names(const std::string& target) {
    HttpResponse r = Get(target);
    EXPECT_EQ(r.status, 200) << r.body;
    std::vector<std::string> names;
    Json body = Parse(r);
    for (const Json& item : body["items"]) {
      names.push_back(item["mesh"].get<std::string>() + "/" + item["name"].get<std::string>());
    }
    EXPECT_EQ(body["total"].get<size_t>(), names.size());
    return names;
  }
};

TEST_F(DataplaneEndpointsTest, CreateStoresTheZoneTagAndComputedLabels) {
  HttpResponse r =
      Put("/meshes/default/dataplanes/web-1", Dp("default", "web-1", {{"kuma.io/service", "web"}}));
  ASSERT_EQ(r.status, 201) << r.body;
  Json got = Parse(Get("/meshes/default/dataplanes/web-1"));
  EXPECT_EQ(got["type"], "Dataplane");
  EXPECT_EQ(got["networking"]["inbound"][0]["tags"],
            (Json{{"kuma.io/service", "web"}, {"kuma.io/zone", "default"}}));
  EXPECT_EQ(got["labels"], (Json{{"kuma.io/env", "universal"},
                                 {"kuma.io/mesh", "default"},
                                 {"kuma.io/origin", "zone"},
                                 {"kuma.io/proxy-type", "sidecar"},
                                 {"kuma.io/zone", "default"}}));
}

TEST_F(DataplaneEndpointsTest, KumaYamlRoundTrips) {
  Json body = Json::parse(R"({
    "type": "Dataplane", "mesh": "default", "name": "full",
    "networking": {
      "address": "10.0.0.1", "advertisedAddress": "203.0.113.1",
      "inbound": [{"port": 8080, "servicePort": 80, "serviceAddress": "127.0.0.1",
                   "tags": {"kuma.io/service": "web"}, "name": "http", "protocol": "http",
                   "serviceProbe": {"interval": "10s", "timeout": "2s",
                                    "unhealthyThreshold": 3, "healthyThreshold": 1, "tcp": {}}}],
      "outbound": [{"port": 10001, "tags": {"kuma.io/service": "db"}},
                   {"port": 10002, "backendRef": {"kind": "MeshService", "name": "api", "port": 80}}],
      "transparentProxying": {"redirectPortInbound": 15006, "redirectPortOutbound": 15001,
                              "ipFamilyMode": "DualStack", "reachableServices": ["db"],
                              "reachableBackends": {"refs": [{"kind": "MeshService", "name": "api",
                                                              "port": 80}]}},
      "admin": {"port": 9901}
    },
    "metrics": {"type": "prometheus", "conf": {"port": 5670}}
  })");
  HttpResponse r = Put("/meshes/default/dataplanes/full", body);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.headers.count("warning"), 0u) << r.headers["warning"];
  Json got = Parse(Get("/meshes/default/dataplanes/full"));
  Json inbound = got["networking"]["inbound"][0];
  EXPECT_EQ(inbound["state"], "NotReady");  // serviceProbe on create
  EXPECT_EQ(inbound["health"], Json::object());
  EXPECT_EQ(inbound["serviceProbe"]["interval"], "10s");
  EXPECT_EQ(inbound["serviceProbe"]["unhealthyThreshold"], 3);
  EXPECT_EQ(inbound["protocol"], "http");
  EXPECT_EQ(got["networking"]["transparentProxying"]["ipFamilyMode"], "DualStack");
  EXPECT_EQ(got["networking"]["transparentProxying"]["reachableBackends"]["refs"][0]["port"], 80);
  EXPECT_EQ(got["networking"]["outbound"][1]["backendRef"]["name"], "api");
  EXPECT_EQ(got["networking"]["admin"]["port"], 9901);
  EXPECT_EQ(got["metrics"]["conf"]["port"], 5670);
}

TEST_F(DataplaneEndpointsTest, CreateInAMissingMeshIsFailedToRetrieveMesh) {
  HttpResponse r =
      Put("/meshes/nope/dataplanes/dp-1", Dp("nope", "dp-1", {{"kuma.io/service", "a"}}));
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.body, Expected(R"({"type":"/std-errors","status":404,
      "title":"Failed to retrieve Mesh","detail":"Not found","details":"Not found"})"));
}

TEST_F(DataplaneEndpointsTest, MeshNotFoundFromTheManagerIsKumasBadRequest) {
  // Reached when the mesh disappears between the REST lookup and the write, or from callers
  // that bypass REST: Kuma's MeshNotFound answer.
  Resource dp(*manager_->registry().FindByName("Dataplane"));
  dp.meta().mesh = "gone";
  dp.meta().name = "dp-1";
  auto decoded = DecodeUniversal(Dp("gone", "dp-1", {{"kuma.io/service", "a"}}), dp.type());
  ASSERT_TRUE(decoded.ok()) << decoded.status().message();
  Status st = manager_->Create(decoded->resource);
  HttpServerResponse response = ErrorResponse(st, "Failed to create a resource");
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(response.body, Expected(R"({"type":"/std-errors","status":400,
      "title":"Failed to create a resource","detail":"Mesh is not found",
      "invalid_parameters":[{"field":"mesh","reason":"mesh of name gone is not found"}],
      "details":"Mesh is not found",
      "causes":[{"field":"mesh","message":"mesh of name gone is not found"}]})"));
}

TEST_F(DataplaneEndpointsTest, InvalidSpecIsABadRequestWithKumasPaths) {
  Json body = Dp("default", "dp-1", {{"version", "v1"}});
  HttpResponse r = Put("/meshes/default/dataplanes/dp-1", body);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.body, Expected(R"({"type":"/std-errors","status":400,
      "title":"Could not process a resource","detail":"Resource is not valid",
      "invalid_parameters":[{"field":"networking.inbound[0].tags[\"kuma.io/service\"]",
                             "reason":"tag has to exist"}],
      "details":"Resource is not valid",
      "causes":[{"field":"networking.inbound[0].tags[\"kuma.io/service\"]",
                 "message":"tag has to exist"}]})"));
}

TEST_F(DataplaneEndpointsTest, MembershipRejectionIsABadRequestNotAServerError) {
  Json mesh = MeshBody("zoned");
  mesh["constraints"] = {
      {"dataplaneProxy",
       {{"requirements", Json::array({{{"tags", {{"kuma.io/zone", "east"}}}}})}}}};
  ASSERT_EQ(Put("/meshes/zoned", mesh).status, 201);
  HttpResponse r =
      Put("/meshes/zoned/dataplanes/dp-1", Dp("zoned", "dp-1", {{"kuma.io/service", "web"}}));
  EXPECT_EQ(r.status, 400);
  const std::string reason =
      "dataplane cannot be a member of mesh \\\"zoned\\\" because its tags "
      "\\\"kuma.io/service=web kuma.io/zone=default\\\" does not fulfill any requirements "
      "defined on the Mesh";
  EXPECT_EQ(r.body, Expected(R"({"type":"/std-errors","status":400,
      "title":"Failed to create a resource","detail":"Resource is not valid",
      "invalid_parameters":[{"field":"networking.inbound[0].tags","reason":")" +
                             reason + R"("}],
      "details":"Resource is not valid",
      "causes":[{"field":"networking.inbound[0].tags","message":")" +
                             reason + R"("}]})"));
  EXPECT_EQ(Get("/meshes/zoned/dataplanes/dp-1").status, 404);
}

TEST_F(DataplaneEndpointsTest, TagFilterMatchesSubstringsOfOneInboundOrTheGateway) {
  ASSERT_EQ(Put("/meshes/default/dataplanes/web-1",
                Dp("default", "web-1", {{"kuma.io/service", "web"}, {"version", "v1"}}))
                .status,
            201);
  ASSERT_EQ(Put("/meshes/default/dataplanes/web-2",
                Dp("default", "web-2", {{"kuma.io/service", "web"}, {"version", "v2"}}))
                .status,
            201);
  ASSERT_EQ(Put("/meshes/default/dataplanes/backend-1",
                Dp("default", "backend-1", {{"kuma.io/service", "backend"}, {"version", "v1"}}))
                .status,
            201);
  Json gw = {{"type", "Dataplane"},
             {"mesh", "default"},
             {"name", "edge"},
             {"networking",
              {{"address", "10.0.0.9"},
               {"gateway", {{"type", "BUILTIN"}, {"tags", {{"kuma.io/service", "edge-gw"}}}}}}}};
  ASSERT_EQ(Put("/meshes/default/dataplanes/edge", gw).status, 201);
  ASSERT_EQ(Put("/meshes/other/dataplanes/web-1",
                Dp("other", "web-1", {{"kuma.io/service", "web"}, {"version", "v1"}}))
                .status,
            201);

  using V = std::vector<std::string>;
  EXPECT_EQ(Names("/meshes/default/dataplanes?tag=kuma.io/service:web"),
            (V{"default/web-1", "default/web-2"}));
  // Substring: "e" is in "web", "backend" and "edge-gw".
  EXPECT_EQ(Names("/meshes/default/dataplanes?tag=kuma.io/service:e"),
            (V{"default/backend-1", "default/edge", "default/web-1", "default/web-2"}));
  EXPECT_EQ(Names("/meshes/default/dataplanes?tag=kuma.io/service:web&tag=version:v1"),
            (V{"default/web-1"}));
  EXPECT_EQ(Names("/meshes/default/dataplanes?tag=version:*"),
            (V{"default/backend-1", "default/web-1", "default/web-2"}));
  // A parameter without ':' is ignored, as Kuma does.
  EXPECT_EQ(Names("/meshes/default/dataplanes?tag=version").size(), 4u);
  EXPECT_EQ(Names("/meshes/default/dataplanes?gateway=builtin"), (V{"default/edge"}));
  EXPECT_EQ(Names("/meshes/default/dataplanes?gateway=false&tag=version:v1"),
            (V{"default/backend-1", "default/web-1"}));
  EXPECT_EQ(Names("/meshes/default/dataplanes?gateway=delegated"), V{});
  // Across meshes.
  EXPECT_EQ(Names("/dataplanes?tag=version:v1"),
            (V{"default/backend-1", "default/web-1", "other/web-1"}));
  // Paging counts filtered items only.
  Json page = Parse(Get("/meshes/default/dataplanes?tag=kuma.io/service:web&size=1"));
  EXPECT_EQ(page["total"], 2);
  EXPECT_EQ(page["items"].size(), 1u);

  HttpResponse bad = Get("/meshes/default/dataplanes?gateway=maybe");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(Parse(bad)["invalid_parameters"],
            Json::parse(R"([{"field":"/meshes/{mesh}/dataplanes.gateway",
              "reason":"shoud use `true`, `false`, 'builtin' or 'delegated' instead of maybe"}])"));
}

TEST_F(DataplaneEndpointsTest, MeshesNeverShareDataplanes) {
  ASSERT_EQ(
      Put("/meshes/default/dataplanes/dp-1", Dp("default", "dp-1", {{"kuma.io/service", "a"}}))
          .status,
      201);
  ASSERT_EQ(Put("/meshes/other/dataplanes/dp-1",
                Dp("other", "dp-1", {{"kuma.io/service", "b"}}, "10.0.0.2"))
                .status,
            201);
  EXPECT_EQ(Parse(Get("/meshes/other/dataplanes/dp-1"))["networking"]["address"], "10.0.0.2");
  EXPECT_EQ(Names("/meshes/default/dataplanes"), (std::vector<std::string>{"default/dp-1"}));
  ASSERT_EQ(Delete("/meshes/default/dataplanes/dp-1").status, 200);
  EXPECT_EQ(Get("/meshes/default/dataplanes/dp-1").status, 404);
  EXPECT_EQ(Get("/meshes/other/dataplanes/dp-1").status, 200);
}

TEST_F(DataplaneEndpointsTest, MeshDeleteIsRefusedUntilItsDataplanesAreGone) {
  ASSERT_EQ(
      Put("/meshes/other/dataplanes/dp-1", Dp("other", "dp-1", {{"kuma.io/service", "a"}})).status,
      201);
  HttpResponse refused = Delete("/meshes/other");
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(refused.body, Expected(R"({"type":"/std-errors","status":400,
      "title":"Could not delete a resource","detail":"Resource is not valid",
      "invalid_parameters":[{"field":"mesh",
        "reason":"unable to delete mesh, there are still some dataplanes attached"}],
      "details":"Resource is not valid",
      "causes":[{"field":"mesh",
        "message":"unable to delete mesh, there are still some dataplanes attached"}]})"));
  EXPECT_EQ(Delete("/meshes/default").status, 200);  // no dataplanes there
  ASSERT_EQ(Delete("/meshes/other/dataplanes/dp-1").status, 200);
  EXPECT_EQ(Delete("/meshes/other").status, 200);
}

TEST_F(DataplaneEndpointsTest, ZoneEgressIsGlobalAndValidated) {
  Json egress = {{"type", "ZoneEgress"},
                 {"name", "ze-1"},
                 {"networking", {{"address", "192.168.0.1"}, {"port", 10002}}}};
  ASSERT_EQ(Put("/zoneegresses/ze-1", egress).status, 201);
  EXPECT_EQ(Parse(Get("/zoneegresses/ze-1"))["networking"]["port"], 10002);
  EXPECT_EQ(Parse(Get("/zoneegresses"))["total"], 1);

  Json bad = {
      {"type", "ZoneEgress"},
      {"name", "ze-2"},
      {"networking", {{"address", "127.0.0.1"}, {"port", 10002}, {"admin", {{"port", 10002}}}}}};
  HttpResponse r = Put("/zoneegresses/ze-2", bad);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(Parse(r)["invalid_parameters"],
            Json::parse(R"([{"field":"networking.admin.port","reason":"must differ from port"}])"));
  bad["networking"] = {{"address", "bad address!"}};
  EXPECT_EQ(Parse(Put("/zoneegresses/ze-2", bad))["invalid_parameters"], Json::parse(R"([
              {"field":"networking.address.address",
               "reason":"address has to be valid IP address or domain name"},
              {"field":"networking.port","reason":"port must be in the range [1, 65535]"}])"));
}

}  // namespace
}  // namespace meshplane

namespace meshplane {
namespace {

TEST_F(DataplaneEndpointsTest, ReapplyingTheSameDataplaneUpdatesIt) {
  Json body = Dp("default", "dp-1", {{"kuma.io/service", "web"}});
  ASSERT_EQ(Put("/meshes/default/dataplanes/dp-1", body).status, 201);
  body["networking"]["address"] = "10.0.0.7";
  HttpResponse r = Put("/meshes/default/dataplanes/dp-1", body);
  EXPECT_EQ(r.status, 200) << r.body;
  Json got = Parse(Get("/meshes/default/dataplanes/dp-1"));
  EXPECT_EQ(got["networking"]["address"], "10.0.0.7");
  EXPECT_EQ(got["labels"]["kuma.io/origin"], "zone");
  // Changing a computed label explicitly is still refused.
  body["labels"] = {{"kuma.io/zone", "west"}};
  EXPECT_EQ(Put("/meshes/default/dataplanes/dp-1", body).status, 400);
}

}  // namespace
}  // namespace meshplane
