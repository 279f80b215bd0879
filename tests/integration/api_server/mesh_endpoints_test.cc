// The /meshes endpoints over HTTP: every status of the spec's §6.5 table, Kuma's bodies, the
// PUT evaluation order of §5.6, warnings and formats.
#include <gtest/gtest.h>

#include "integration/api_server/api_server_fixture.h"

namespace meshplane {
namespace {

using MeshEndpointsTest = ApiServerFixture;

TEST_F(MeshEndpointsTest, PutCreatesThenUpdatesAndGetReturnsTheUniversalObject) {
  HttpResponse created = Put("/meshes/demo", MeshBody("demo"));
  EXPECT_EQ(created.status, 201);
  EXPECT_EQ(created.body, "{}\n");
  EXPECT_EQ(created.headers["content-type"], "application/json");
  EXPECT_EQ(created.headers["etag"], "\"1\"");

  HttpResponse got = Get("/meshes/demo");
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(got.headers["etag"], "\"1\"");
  Json mesh = Parse(got);
  EXPECT_EQ(mesh["type"], "Mesh");
  EXPECT_EQ(mesh["name"], "demo");
  EXPECT_EQ(mesh["kri"], "kri_m____demo_");
  EXPECT_EQ(mesh["creationTime"], mesh["modificationTime"]);
  EXPECT_FALSE(mesh.contains("mesh"));

  Json update = MeshBody("demo");
  update["labels"] = {{"team", "core"}};
  HttpResponse updated = Put("/meshes/demo", update);
  EXPECT_EQ(updated.status, 200);
  EXPECT_EQ(updated.body, "{}\n");
  EXPECT_EQ(updated.headers["etag"], "\"2\"");
  Json after = Parse(Get("/meshes/demo"));
  EXPECT_EQ(after["labels"], Json({{"team", "core"}}));
  EXPECT_EQ(after["creationTime"], mesh["creationTime"]);

  // PUT replaces the labels.
  ASSERT_EQ(Put("/meshes/demo", MeshBody("demo")).status, 200);
  EXPECT_FALSE(Parse(Get("/meshes/demo")).contains("labels"));
}

TEST_F(MeshEndpointsTest, GetMissingIs404WithKumasBody) {
  HttpResponse r = Get("/meshes/missing");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.body, Expected(R"({"type":"/std-errors","status":404,)"
                             R"("title":"Could not retrieve a resource","detail":"Not found",)"
                             R"("details":"Not found"})"));
}

TEST_F(MeshEndpointsTest, DeleteExistingAndMissing) {
  ASSERT_EQ(Put("/meshes/demo", MeshBody("demo")).status, 201);
  HttpResponse deleted = Delete("/meshes/demo");
  EXPECT_EQ(deleted.status, 200);
  EXPECT_EQ(deleted.body, "{}\n");
  EXPECT_EQ(Get("/meshes/demo").status, 404);

  HttpResponse missing = Delete("/meshes/demo");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.body, Expected(R"({"type":"/std-errors","status":404,)"
                                   R"("title":"Could not delete a resource",)"
                                   R"("detail":"Not found","details":"Not found"})"));
}

TEST_F(MeshEndpointsTest, InvalidSpecIsRejectedBeforeAnythingElse) {
  // Spec errors win over name errors (§5.6): the name below is invalid too.
  Json body = {{"type", "Mesh"},
               {"name", "Bad_Name"},
               {"mtls", {{"enabledBackend", "ca-1"}, {"backends", Json::array()}}}};
  HttpResponse r = Put("/meshes/Bad_Name", body);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.body,
            Expected(R"({"type":"/std-errors","status":400,"title":"Could not process a resource",)"
                     R"("detail":"Resource is not valid","invalid_parameters":[{"field":)"
                     R"("mtls.enabledBackend","reason":"has to be set to one of the backends in )"
                     R"(the mesh"}],"details":"Resource is not valid","causes":[{"field":)"
                     R"("mtls.enabledBackend","message":"has to be set to one of the backends in )"
                     R"(the mesh"}]})"));
  EXPECT_EQ(Get("/meshes/Bad_Name").status, 404);
}

TEST_F(MeshEndpointsTest, InvalidNameIsARequestError) {
  HttpResponse r = Put("/meshes/Bad_Name", MeshBody("Bad_Name"));
  EXPECT_EQ(r.status, 400);
  Json err = Parse(r);
  EXPECT_EQ(err["title"], "Could not process a resource");
  EXPECT_EQ(err["detail"], "Resource is not valid");
  ASSERT_EQ(err["invalid_parameters"].size(), 1u) << r.body;
  EXPECT_EQ(err["invalid_parameters"][0]["field"], "name");
}

TEST_F(MeshEndpointsTest, NameLongerThan63IsRejectedByTheManager) {
  const std::string name(64, 'a');
  HttpResponse r = Put("/meshes/" + name, MeshBody(name));
  EXPECT_EQ(r.status, 400);
  Json err = Parse(r);
  EXPECT_EQ(err["title"], "Failed to create a resource");
  ASSERT_EQ(err["invalid_parameters"].size(), 1u) << r.body;
  EXPECT_EQ(err["invalid_parameters"][0]["field"], "name");
}

TEST_F(MeshEndpointsTest, UrlAndBodyMustAgree) {
  Json body = {{"type", "Dataplane"}, {"name", "other"}};
  HttpResponse r = Put("/meshes/demo", body);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(
      r.body,
      Expected(
          R"({"type":"/std-errors","status":400,"title":"Could not process a resource",)"
          R"("detail":"Resource is not valid","invalid_parameters":[)"
          R"({"field":"name","reason":"name from the URL has to be the same as in body"},)"
          R"({"field":"type","reason":"type from the URL has to be the same as in body"}],)"
          R"("details":"Resource is not valid","causes":[)"
          R"({"field":"name","message":"name from the URL has to be the same as in body"},)"
          R"({"field":"type","message":"type from the URL has to be the same as in body"}]})"));
}

TEST_F(MeshEndpointsTest, LabelsAreValidatedForAZoneControlPlane) {
  Json body = MeshBody("demo");
  body["labels"] = {{"kuma.io/zone", "elsewhere"}};
  Json err = Parse(Put("/meshes/demo", body));
  EXPECT_EQ(err["status"], 400);
  EXPECT_EQ(err["invalid_parameters"],
            Json::parse(R"([{"field":"labels[\"kuma.io/zone\"]",)"
                        R"("reason":"kuma.io/zone label should have default value"}])"));
}

TEST_F(MeshEndpointsTest, ImmutableLabelsCannotChangeOnUpdate) {
  Json body = MeshBody("demo");
  body["labels"] = {{"kuma.io/display-name", "demo"}};
  ASSERT_EQ(Put("/meshes/demo", body).status, 201);
  HttpResponse r = Put("/meshes/demo", MeshBody("demo"));
  EXPECT_EQ(r.status, 400);
  Json err = Parse(r);
  EXPECT_EQ(err["title"], "Could not update a resource");
  EXPECT_EQ(err["invalid_parameters"],
            Json::parse(R"json([{"field":"labels[\"kuma.io/display-name\"]",)json"
                        R"json("reason":"is immutable, cannot be removed (was \"demo\")"}])json"));
}

TEST_F(MeshEndpointsTest, MalformedJsonIsABadRequest) {
  HttpResponse r = PutRaw("/meshes/demo", "{\"type\": \"Mesh\",");
  EXPECT_EQ(r.status, 400);
  Json err = Parse(r);
  EXPECT_EQ(err["title"], "Bad Request");
  EXPECT_EQ(err["detail"].get<std::string>().rfind("invalid Mesh object: \"", 0), 0u) << r.body;
  EXPECT_EQ(err["detail"], err["details"]);
  EXPECT_FALSE(err.contains("invalid_parameters"));

  HttpResponse empty = PutRaw("/meshes/demo", " ");
  EXPECT_EQ(Parse(empty)["detail"], "invalid Mesh object: \"unexpected end of JSON input\"");
}

TEST_F(MeshEndpointsTest, DeeplyNestedBodyIsRejectedNotACrash) {
  const size_t depth = 200000;
  std::string body = R"({"type":"Mesh","name":"demo","mtls":)" + std::string(depth, '[') +
                     std::string(depth, ']') + "}";
  HttpResponse r = PutRaw("/meshes/demo", body);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(Parse(r)["title"], "Bad Request");
  EXPECT_EQ(Get("/meshes/demo").status, 404);
}

TEST_F(MeshEndpointsTest, WrongFieldTypeIsABadRequestWithGosMessage) {
  HttpResponse r = PutRaw("/meshes/demo", R"({"type":"Mesh","name":5})");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.body, Expected(R"({"type":"/std-errors","status":400,"title":"Bad Request",)"
                             R"("detail":"invalid Mesh object: \"json: cannot unmarshal number )"
                             R"(into Go struct field ResourceMeta.name of type string\"",)"
                             R"("details":"invalid Mesh object: \"json: cannot unmarshal number )"
                             R"(into Go struct field ResourceMeta.name of type string\""})"));
}

TEST_F(MeshEndpointsTest, UnknownFieldsAreAcceptedWithWarningHeaders) {
  Json body = MeshBody("demo");
  body["mtls"] = {{"foo", 1}};
  body["bar"] = true;
  HttpResponse r = Put("/meshes/demo", body);
  EXPECT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.headers["warning"],
            "299 - \"unknown field \\\"mtls.foo\\\"\", 299 - \"unknown field \\\"bar\\\"\"");
  EXPECT_FALSE(Parse(Get("/meshes/demo")).contains("bar"));
}

TEST_F(MeshEndpointsTest, NonDns1035NameIsAcceptedWithADeprecationWarning) {
  HttpResponse r = Put("/meshes/aa.a", MeshBody("aa.a"));
  EXPECT_EQ(r.status, 201);
  Json expected = {
      {"warnings",
       {"Invalid Mesh resource name: 'aa.a'. It does not conform to the DNS format (RFC 1035). "
        "This is deprecated. Errors: a DNS-1035 label must consist of lower case alphanumeric "
        "characters or '-', start with an alphabetic character, and end with an alphanumeric "
        "character (e.g. 'my-name',  or 'abc-123', regex used for validation is "
        "'[a-z]([-a-z0-9]*[a-z0-9])?')"}}};
  EXPECT_EQ(r.body, RenderJson(expected));
}

TEST_F(MeshEndpointsTest, FormatSelectsTheShape) {
  Json body = MeshBody("demo");
  body["labels"] = {{"team", "core"}};
  ASSERT_EQ(Put("/meshes/demo", body).status, 201);
  for (const char* format : {"k8s", "kubernetes"}) {
    Json k8s = Parse(Get(std::string("/meshes/demo?format=") + format));
    EXPECT_EQ(k8s["apiVersion"], "kuma.io/v1alpha1");
    EXPECT_EQ(k8s["kind"], "Mesh");
    EXPECT_EQ(k8s["metadata"]["name"], "demo");
    EXPECT_FALSE(k8s["metadata"].contains("labels"));
  }
  EXPECT_EQ(Parse(Get("/meshes/demo?format=universal"))["type"], "Mesh");

  HttpResponse bad = Get("/meshes/demo?format=yaml");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(
      bad.body,
      Expected(
          R"({"type":"/std-errors","status":400,"title":"Could not retrieve a resource",)"
          R"("detail":"Resource is not valid","invalid_parameters":[{"field":"",)"
          R"("reason":"\"format\" must be one of [\"k8s\", \"kubernetes\", \"universal\"]"}],)"
          R"("details":"Resource is not valid","causes":[{"field":"",)"
          R"("message":"\"format\" must be one of [\"k8s\", \"kubernetes\", \"universal\"]"}]})"));
}

TEST_F(MeshEndpointsTest, ReadOnlyModeRefusesWritesWithTheModesMessage) {
  ASSERT_EQ(Put("/meshes/demo", MeshBody("demo")).status, 201);
  ApiServerOptions options;
  options.read_only = true;
  StartServer(options);
  const std::string zone_msg =
      "On zone control plane you can only modify zone resources with 'kumactl apply' or via the "
      "HTTP API. You can still use 'kumactl' or the HTTP API to modify the rest of the resource "
      "on the global control plane.\n";
  Json expected = {{"type", "/std-errors"},
                   {"status", 405},
                   {"title", "Method not allowed"},
                   {"detail", zone_msg},
                   {"details", zone_msg}};
  HttpResponse put = Put("/meshes/demo", MeshBody("demo"));
  EXPECT_EQ(put.status, 405);
  EXPECT_EQ(put.body, RenderJson(expected));
  HttpResponse del = Delete("/meshes/demo");
  EXPECT_EQ(del.status, 405);
  EXPECT_EQ(del.body, RenderJson(expected));
  EXPECT_EQ(Get("/meshes/demo").status, 200);

  options.mode = "global";
  StartServer(options);
  EXPECT_EQ(Parse(Put("/meshes/demo", MeshBody("demo")))["detail"],
            "On global control plane you can not modify dataplane resources with 'kumactl "
            "apply' or via the HTTP API. You can still use 'kumactl' or the HTTP API to modify "
            "them on the zone control plane.\n");
}

TEST_F(MeshEndpointsTest, UnknownPathsAndMethodsAnswerLikeGoRestful) {
  HttpResponse missing = Get("/nothing-here");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.body, "404: Page Not Found");

  HttpResponse post =
      Must(client_->Request("POST", "/meshes/demo", "{}", {{"Content-Type", "application/json"}}));
  EXPECT_EQ(post.status, 405);
  EXPECT_EQ(post.body, "405: Method Not Allowed");
  EXPECT_EQ(post.headers["allow"], "DELETE, GET, PUT");
}

TEST_F(MeshEndpointsTest, PutBodyMustBeJson) {
  HttpResponse r = Must(client_->Request("PUT", "/meshes/demo", MeshBody("demo").dump(),
                                         {{"Content-Type", "text/plain"}}));
  EXPECT_EQ(r.status, 415);
  EXPECT_EQ(Must(client_->Request("PUT", "/meshes/demo", MeshBody("demo").dump(),
                                  {{"Content-Type", "application/json; charset=utf-8"}}))
                .status,
            201);
}

TEST_F(MeshEndpointsTest, HugeBodyIsRefusedWith413AndTheClientCarriesOn) {
  ApiServerOptions options;
  options.max_body_bytes = 1024 * 1024;
  StartServer(options);
  std::string big =
      R"({"type":"Mesh","name":"big","x":")" + std::string(2 * 1024 * 1024, 'a') + "\"}";
  HttpResponse r = PutRaw("/meshes/big", big);
  EXPECT_EQ(r.status, 413);
  Json err = Parse(r);
  EXPECT_EQ(err["type"], "/std-errors");
  EXPECT_EQ(err["status"], 413);
  EXPECT_EQ(err["title"], "Request Entity Too Large");
  // The connection was closed after the 413; the client reconnects.
  EXPECT_EQ(Put("/meshes/small", MeshBody("small")).status, 201);
}

TEST_F(MeshEndpointsTest, SystemEndpoints) {
  ApiServerOptions options;
  options.instance_id = "instance-1";
  options.cluster_id = "cluster-1";
  options.config = {{"mode", "zone"}, {"store", {{"type", "memory"}}}};
  StartServer(options);

  Json index = Parse(Get("/"));
  EXPECT_EQ(index["product"], "meshplane");
  EXPECT_EQ(index["tagline"], "meshplane");
  EXPECT_EQ(index["version"], MESHPLANE_VERSION);
  EXPECT_EQ(index["instanceId"], "instance-1");
  EXPECT_EQ(index["clusterId"], "cluster-1");
  EXPECT_EQ(index["basedOnKuma"], "2.14.3");
  EXPECT_TRUE(index["hostname"].is_string());

  EXPECT_EQ(Parse(Get("/config")), options.config);

  HttpResponse who = Get("/who-am-i");
  EXPECT_EQ(who.body,
            "{\n \"name\": \"mesh-system:admin\",\n \"groups\": [\n"
            "  \"mesh-system:admin\",\n  \"mesh-system:authenticated\"\n ]\n}\n");

  Json resources = Parse(Get("/_resources"))["resources"];
  ASSERT_TRUE(resources.is_array());
  bool found = false;
  std::string previous;
  for (const auto& r : resources) {
    EXPECT_LT(previous, r["name"].get<std::string>());
    previous = r["name"];
    if (r["name"] == "Mesh") {
      found = true;
      EXPECT_EQ(r.dump(), R"({"includeInFederation":true,"name":"Mesh","path":"meshes",)"
                          R"("pluralDisplayName":"Meshes","readOnly":false,"scope":"Global",)"
                          R"("shortName":"m","singularDisplayName":"Mesh"})");
    }
  }
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace meshplane
