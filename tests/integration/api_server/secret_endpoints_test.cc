// Secret and GlobalSecret over the real API server: base64 round trips, the alias routes of
// GlobalSecret, delete protection by CA backends, the owner cascade, and the loopback-only rule.
#include <arpa/inet.h>
#include <ifaddrs.h>
#include <netinet/in.h>
#include <openssl/evp.h>

#include <optional>

#include "ca/builtin/builtin_ca_plugin.h"
#include "integration/api_server/api_server_fixture.h"
#include "integration/api_server/non_loopback_address.h"
#include "manager/secret_lifecycle.h"
#include "resources/secret/secret_type.h"
#include "tls/self_signed_certificate.h"

namespace meshplane {
namespace {

std::string Base64(const std::string& in) {
  std::string out(4 * ((in.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(in.data()),
                          static_cast<int>(in.size()));
  out.resize(static_cast<size_t>(n));
  return out;
}

class SecretEndpointsTest : public ApiServerFixture {
 protected:
  void SetUp() override {
    ApiServerFixture::SetUp();
    ASSERT_EQ(Put("/meshes/default", MeshBody("default")).status, 201);
  }

  static Json SecretBody(const std::string& mesh, const std::string& name,
                         const std::string& base64) {
    return Json{{"type", "Secret"}, {"mesh", mesh}, {"name", name}, {"data", base64}};
  }

  // "<mesh>/<name>" of each item of a list response, in order.
  static std::vector<std::string> Keys(const Json& list) {
    std::vector<std::string> keys;
    for (const Json& item : list["items"]) {
      keys.push_back(item["mesh"].get<std::string>() + "/" + item["name"].get<std::string>());
    }
    return keys;
  }
};

TEST_F(SecretEndpointsTest, DataRoundTripsAsBase64WithTimes) {
  // "\0\xff binary\n" in base64.
  const std::string data = "AP8gYmluYXJ5Cg==";
  auto put = Put("/meshes/default/secrets/s1", SecretBody("default", "s1", data));
  ASSERT_EQ(put.status, 201) << put.body;

  auto stored = manager_->Get(SecretType(), ResourceKey{"default", "s1"});
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(SecretData(*stored), std::string("\0\xff binary\n", 10));

  auto got = Get("/meshes/default/secrets/s1");
  ASSERT_EQ(got.status, 200) << got.body;
  Json body = Parse(got);
  EXPECT_EQ(body["type"], "Secret");
  EXPECT_EQ(body["mesh"], "default");
  EXPECT_EQ(body["name"], "s1");
  EXPECT_EQ(body["data"], data);
  EXPECT_TRUE(body["creationTime"].is_string());
  EXPECT_TRUE(body["modificationTime"].is_string());

  // Update keeps the creation time and serves the new bytes.
  auto update = Put("/meshes/default/secrets/s1", SecretBody("default", "s1", "bmV3"));
  ASSERT_EQ(update.status, 200) << update.body;
  Json updated = Parse(Get("/meshes/default/secrets/s1"));
  EXPECT_EQ(updated["data"], "bmV3");
  EXPECT_EQ(updated["creationTime"], body["creationTime"]);

  // Listed next to the token signing key every mesh is created with.
  Json list = Parse(Get("/meshes/default/secrets"));
  EXPECT_EQ(list["total"], 2);
  ASSERT_EQ(Keys(list), (std::vector<std::string>{"default/dataplane-token-signing-key-default-1",
                                                  "default/s1"}));
  EXPECT_EQ(list["items"][1]["data"], "bmV3");
  EXPECT_TRUE(list["items"][1]["creationTime"].is_string());

  EXPECT_EQ(Delete("/meshes/default/secrets/s1").status, 200);
  EXPECT_EQ(Get("/meshes/default/secrets/s1").status, 404);
}

TEST_F(SecretEndpointsTest, KubernetesFormatIsANativeSecret) {
  ASSERT_EQ(Put("/meshes/default/secrets/s1", SecretBody("default", "s1", "aGVsbG8=")).status, 201);
  Json k8s = Parse(Get("/meshes/default/secrets/s1?format=k8s"));
  EXPECT_EQ(k8s["apiVersion"], "v1");
  EXPECT_EQ(k8s["kind"], "Secret");
  EXPECT_EQ(k8s["type"], "system.kuma.io/secret");
  EXPECT_EQ(k8s["metadata"]["labels"]["kuma.io/mesh"], "default");
  EXPECT_EQ(k8s["data"]["value"], "aGVsbG8=");
}

TEST_F(SecretEndpointsTest, InvalidBase64IsABadRequest) {
  auto put = Put("/meshes/default/secrets/s1", SecretBody("default", "s1", "not base64!"));
  EXPECT_EQ(put.status, 400) << put.body;
  EXPECT_EQ(Get("/meshes/default/secrets/s1").status, 404);
}

TEST_F(SecretEndpointsTest, SameNameInTwoMeshesIsTwoResources) {
  ASSERT_EQ(Put("/meshes/other", MeshBody("other")).status, 201);
  ASSERT_EQ(Put("/meshes/default/secrets/s", SecretBody("default", "s", "ZGVm")).status, 201);
  ASSERT_EQ(Put("/meshes/other/secrets/s", SecretBody("other", "s", "b3Ro")).status, 201);

  EXPECT_EQ(Parse(Get("/meshes/default/secrets/s"))["data"], "ZGVm");
  EXPECT_EQ(Parse(Get("/meshes/other/secrets/s"))["data"], "b3Ro");
  Json all = Parse(Get("/secrets"));
  EXPECT_EQ(all["total"], 4);
  EXPECT_EQ(Keys(all),
            (std::vector<std::string>{"default/dataplane-token-signing-key-default-1", "default/s",
                                      "other/dataplane-token-signing-key-other-1", "other/s"}));

  EXPECT_EQ(Delete("/meshes/other/secrets/s").status, 200);
  EXPECT_EQ(Get("/meshes/default/secrets/s").status, 200);
}

TEST_F(SecretEndpointsTest, SecretInAMissingMeshIsRefused) {
  auto put = Put("/meshes/nope/secrets/s", SecretBody("nope", "s", "YQ=="));
  EXPECT_GE(put.status, 400);
  EXPECT_LT(put.status, 500);
  EXPECT_FALSE(manager_->Get(SecretType(), ResourceKey{"nope", "s"}).ok());
}

TEST_F(SecretEndpointsTest, GlobalSecretsAreServedOnBothPaths) {
  Json body = {{"type", "GlobalSecret"}, {"name", "g1"}, {"data", "Z2xvYmFs"}};
  ASSERT_EQ(Put("/global-secrets/g1", body).status, 201);
  Json got = Parse(Get("/globalsecrets/g1"));
  EXPECT_EQ(got["type"], "GlobalSecret");
  EXPECT_EQ(got["data"], "Z2xvYmFs");
  EXPECT_FALSE(got.contains("mesh"));
  EXPECT_TRUE(got["creationTime"].is_string());
  EXPECT_TRUE(got["modificationTime"].is_string());
  EXPECT_EQ(Parse(Get("/global-secrets/g1"))["data"], "Z2xvYmFs");
  EXPECT_EQ(Parse(Get("/globalsecrets"))["total"], 1);
  EXPECT_EQ(Parse(Get("/global-secrets"))["total"], 1);

  body["data"] = "bmV3";
  EXPECT_EQ(Put("/globalsecrets/g1", body).status, 200);
  EXPECT_EQ(Parse(Get("/global-secrets/g1"))["data"], "bmV3");
  EXPECT_EQ(Delete("/global-secrets/g1").status, 200);
  EXPECT_EQ(Get("/globalsecrets/g1").status, 404);
}

TEST_F(SecretEndpointsTest, SecretUsedByABuiltinBackendCannotBeDeleted) {
  const std::string cert = BuiltinCaCertSecretName("demo", "ca-1");
  Json mesh = MeshBody("demo");
  mesh["mtls"] = {{"enabledBackend", "ca-1"},
                  {"backends", Json::array({{{"name", "ca-1"}, {"type", "builtin"}}})}};
  ASSERT_EQ(Put("/meshes/demo", mesh).status, 201);
  // Creating the mesh made its CA pair.
  ASSERT_EQ(Get("/meshes/demo/secrets/" + cert).status, 200);
  ASSERT_EQ(Get("/meshes/demo/secrets/" + BuiltinCaKeySecretName("demo", "ca-1")).status, 200);

  auto del = Delete("/meshes/demo/secrets/" + cert);
  EXPECT_EQ(del.status, 400);
  const std::string message = SecretInUseMessage(cert, "demo", "ca-1");
  EXPECT_EQ(
      del.body,
      Expected(Json{{"type", "/std-errors"},
                    {"status", 400},
                    {"title", "Could not delete a resource"},
                    {"detail", "Resource is not valid"},
                    {"invalid_parameters", Json::array({{{"field", "name"}, {"reason", message}}})},
                    {"details", "Resource is not valid"},
                    {"causes", Json::array({{{"field", "name"}, {"message", message}}})}}
                   .dump()));
  EXPECT_EQ(Get("/meshes/demo/secrets/" + cert).status, 200);
}

TEST_F(SecretEndpointsTest, SecretReferencedByAProvidedBackendCannotBeDeleted) {
  // A self-signed certificate is its own CA: good enough for a provided backend.
  SelfSignedCertificateRequest request;
  request.hosts = {"ca.example"};
  auto ca = NewSelfSignedCertificate(request);
  ASSERT_TRUE(ca.ok()) << ca.status().message();
  ASSERT_EQ(Put("/meshes/demo", MeshBody("demo")).status, 201);
  auto b64 = [](const std::string& s) { return Base64(s); };
  ASSERT_EQ(
      Put("/meshes/demo/secrets/ca-cert", SecretBody("demo", "ca-cert", b64(ca->cert_pem))).status,
      201);
  ASSERT_EQ(
      Put("/meshes/demo/secrets/ca-key", SecretBody("demo", "ca-key", b64(ca->key_pem))).status,
      201);
  ASSERT_EQ(Put("/meshes/demo/secrets/unused", SecretBody("demo", "unused", "YQ==")).status, 201);
  Json mesh = MeshBody("demo");
  mesh["mtls"] = {
      {"enabledBackend", "ca-1"},
      {"backends",
       Json::array(
           {{{"name", "ca-1"},
             {"type", "provided"},
             {"conf", {{"cert", {{"secret", "ca-cert"}}}, {"key", {{"secret", "ca-key"}}}}}}})}};
  auto update = Put("/meshes/demo", mesh);
  ASSERT_EQ(update.status, 200) << update.body;

  auto del = Delete("/meshes/demo/secrets/ca-key");
  EXPECT_EQ(del.status, 400);
  Json err = Parse(del);
  ASSERT_EQ(err["invalid_parameters"].size(), 1u);
  EXPECT_EQ(err["invalid_parameters"][0]["field"], "name");
  EXPECT_EQ(err["invalid_parameters"][0]["reason"],
            "The secret \"ca-key\" that you are trying to remove is currently in use in Mesh "
            "\"demo\" in mTLS backend \"ca-1\". Please remove the reference from the \"ca-1\" "
            "backend before removing the secret.");
  EXPECT_EQ(Get("/meshes/demo/secrets/ca-key").status, 200);

  EXPECT_EQ(Delete("/meshes/demo/secrets/unused").status, 200);
  EXPECT_EQ(Get("/meshes/demo/secrets/unused").status, 404);
}

TEST_F(SecretEndpointsTest, SecretsOfADeletedMeshAreGone) {
  ASSERT_EQ(Put("/meshes/demo", MeshBody("demo")).status, 201);
  ASSERT_EQ(Put("/meshes/demo/secrets/s1", SecretBody("demo", "s1", "YQ==")).status, 201);
  ASSERT_EQ(Delete("/meshes/demo").status, 200);
  // Only the other mesh's signing key is left.
  Json all = Parse(Get("/secrets"));
  EXPECT_EQ(all["total"], 1);
  EXPECT_EQ(Keys(all), std::vector<std::string>{"default/dataplane-token-signing-key-default-1"});
  EXPECT_FALSE(manager_->Get(SecretType(), ResourceKey{"demo", "s1"}).ok());
  // A new mesh of the same name starts without them.
  ASSERT_EQ(Put("/meshes/demo", MeshBody("demo")).status, 201);
  EXPECT_EQ(Get("/meshes/demo/secrets/s1").status, 404);
}

TEST_F(SecretEndpointsTest, RemoteClientsAreRefusedOverTheNetwork) {
  std::optional<std::string> address = NonLoopbackAddress();
  if (!address) {
    GTEST_SKIP() << "this host has no non-loopback IPv4 address";
  }
  ASSERT_EQ(Put("/meshes/default/secrets/s1", SecretBody("default", "s1", "c2VjcmV0")).status, 201);
  ApiServerOptions options;
  options.address = "0.0.0.0";
  options.port = 0;
  MetricsRegistry metrics;
  ApiServer wide(*manager_, metrics, options);
  ASSERT_TRUE(wide.Start().ok());
  HttpClient remote("http://" + *address + ":" + std::to_string(wide.port()));

  for (const std::string& target : {"/meshes/default/secrets/s1", "/meshes/default/secrets",
                                    "/secrets", "/globalsecrets", "/global-secrets"}) {
    auto r = remote.Get(target);
    ASSERT_TRUE(r.ok()) << r.status().message();
    EXPECT_EQ(r->status, 403) << target;
    EXPECT_EQ(r->body.find("c2VjcmV0"), std::string::npos);
    Json body = Json::parse(r->body);
    EXPECT_EQ(body["title"], "Access Denied");
  }
  auto put = remote.Put("/meshes/default/secrets/s2", SecretBody("default", "s2", "YQ==").dump());
  ASSERT_TRUE(put.ok());
  EXPECT_EQ(put->status, 403);
  auto del = remote.Delete("/meshes/default/secrets/s1");
  ASSERT_TRUE(del.ok());
  EXPECT_EQ(del->status, 403);
  // Other kinds are served to the same client.
  auto mesh = remote.Get("/meshes/default");
  ASSERT_TRUE(mesh.ok());
  EXPECT_EQ(mesh->status, 200);
  wide.Shutdown(std::chrono::milliseconds(1000));

  EXPECT_EQ(Get("/meshes/default/secrets/s1").status, 200);
  EXPECT_EQ(Get("/meshes/default/secrets/s2").status, 404);
}

}  // namespace
}  // namespace meshplane
