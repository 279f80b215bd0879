// GET /meshes/{mesh}/mtls over the real server: the CA the mesh's builtin backend got when the
// mesh was created, with the fingerprint of the stored certificate.
#include <gtest/gtest.h>

#include "ca/builtin/builtin_ca_plugin.h"
#include "ca/x509_certificate.h"
#include "integration/api_server/api_server_fixture.h"
#include "resources/secret/secret_type.h"

namespace meshplane {
namespace {

using MtlsEndpointTest = ApiServerFixture;

Json BuiltinMesh(const std::string& name, const std::string& enabled) {
  Json body = {{"type", "Mesh"},
               {"name", name},
               {"mtls", {{"backends", Json::array({{{"name", "ca-1"}, {"type", "builtin"}}})}}}};
  if (!enabled.empty()) {
    body["mtls"]["enabledBackend"] = enabled;
  }
  return body;
}

TEST_F(MtlsEndpointTest, ShowsTheBuiltinCaOfAMesh) {
  ASSERT_EQ(Put("/meshes/demo", BuiltinMesh("demo", "ca-1")).status, 201);
  HttpResponse r = Get("/meshes/demo/mtls");
  ASSERT_EQ(r.status, 200) << r.body;
  Json body = Parse(r);
  EXPECT_EQ(body["mesh"], "demo");
  EXPECT_EQ(body["enabledBackend"], "ca-1");
  ASSERT_EQ(body["backends"].size(), 1u);
  const Json& b = body["backends"][0];
  EXPECT_EQ(b["name"], "ca-1");
  EXPECT_EQ(b["type"], "builtin");
  EXPECT_EQ(b["mode"], "STRICT");
  EXPECT_EQ(b["enabled"], true);
  EXPECT_EQ(b["ca"]["subject"], "CN=demo,OU=Mesh,O=Kuma");
  EXPECT_EQ(b["ca"]["issuer"], "CN=demo,OU=Mesh,O=Kuma");
  EXPECT_EQ(b["ca"]["serialNumber"], "0");
  EXPECT_FALSE(b.contains("error"));

  auto secret = manager_->Get(SecretType(), ResourceKey{"demo", "demo.ca-builtin-cert-ca-1"});
  ASSERT_TRUE(secret.ok());
  auto certs = ParseCertificatesPem(SecretData(*secret));
  ASSERT_TRUE(certs.ok());
  CertificateSummary s = SummarizeCertificate(certs->front().get());
  EXPECT_EQ(b["ca"]["sha256Fingerprint"], s.sha256_fingerprint);
  EXPECT_EQ(b["ca"]["notAfter"], FormatRfc3339(s.not_after));
  // The private key never appears.
  EXPECT_EQ(r.body.find("PRIVATE KEY"), std::string::npos);
}

TEST_F(MtlsEndpointTest, AMeshWhoseCaCannotBeMadeIsNotStored) {
  Json body = BuiltinMesh("demo", "ca-1");
  body["mtls"]["skipValidation"] = true;
  body["mtls"]["backends"][0]["conf"] = {{"caCert", {{"expiration", "soon"}}}};
  HttpResponse r = Put("/meshes/demo", body);
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(Parse(r)["detail"],
            "could not ensure CA of backend \"ca-1\": could not create the CA of backend \"ca-1\": "
            "invalid caCert.expiration \"soon\"")
      << r.body;
  EXPECT_EQ(Get("/meshes/demo").status, 404);
  EXPECT_EQ(Parse(Get("/secrets"))["total"], 0);
}

TEST_F(MtlsEndpointTest, MeshWithoutMtlsAndUnknownMesh) {
  ASSERT_EQ(Put("/meshes/plain", MeshBody("plain")).status, 201);
  HttpResponse r = Get("/meshes/plain/mtls");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(Parse(r), Json::parse(R"({"mesh":"plain","enabledBackend":"","backends":[]})"));

  HttpResponse missing = Get("/meshes/nope/mtls");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(Parse(missing)["detail"], "Not found") << missing.body;
}

TEST_F(MtlsEndpointTest, ABackendWhoseCaIsMissingReportsWhy) {
  ASSERT_EQ(Put("/meshes/demo", BuiltinMesh("demo", "")).status, 201);
  ASSERT_TRUE(store_->Delete(SecretType(), ResourceKey{"demo", "demo.ca-builtin-cert-ca-1"}).ok());
  Json b = Parse(Get("/meshes/demo/mtls"))["backends"][0];
  EXPECT_EQ(b["enabled"], false);
  EXPECT_FALSE(b.contains("ca"));
  EXPECT_EQ(b["error"],
            "failed to load CA cert for Mesh \"demo\" and backend \"ca-1\": resource not found: "
            "type=\"Secret\" name=\"demo.ca-builtin-cert-ca-1\" mesh=\"demo\"");
}

}  // namespace
}  // namespace meshplane
