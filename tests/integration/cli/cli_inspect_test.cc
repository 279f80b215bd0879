// `meshplane inspect mesh` and the wide Mesh table, run as the real binary against a real server.
#include <gtest/gtest.h>

#include "ca/x509_certificate.h"
#include "cli_fixture.h"
#include "resources/secret/secret_type.h"

namespace meshplane {
namespace {

constexpr const char* kSecureMesh =
    R"({"type":"Mesh","name":"secure",
        "mtls":{"enabledBackend":"ca-1","backends":[{"name":"ca-1","type":"builtin"}]}})";

CertificateSummary StoredCa(ResourceManager& manager) {
  auto secret = manager.Get(SecretType(), ResourceKey{"secure", "secure.ca-builtin-cert-ca-1"});
  EXPECT_TRUE(secret.ok());
  auto certs = ParseCertificatesPem(SecretData(*secret));
  EXPECT_TRUE(certs.ok());
  return SummarizeCertificate(certs->front().get());
}

TEST_F(CliTest, InspectMeshShowsTheCaCertificate) {
  CreateMesh(kSecureMesh);
  CertificateSummary ca = StoredCa(*manager_);
  CliRun run = Cli({"inspect", "mesh", "secure"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("BACKEND   TYPE      MODE     ENABLED   CA SUBJECT"), std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("ca-1      builtin   STRICT   yes       CN=secure,OU=Mesh,O=Kuma"),
            std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find(ca.sha256_fingerprint), std::string::npos) << run.out;
  EXPECT_NE(run.out.find(FormatRfc3339(ca.not_after)), std::string::npos) << run.out;

  CliRun json = Cli({"inspect", "mesh", "secure", "-o", "json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  Json body = Json::parse(json.out);
  EXPECT_EQ(body["backends"][0]["ca"]["sha256Fingerprint"], ca.sha256_fingerprint);

  CliRun yaml = Cli({"inspect", "mesh", "secure", "-o", "yaml"});
  ASSERT_EQ(yaml.exit_code, 0) << yaml.err;
  EXPECT_NE(yaml.out.find("sha256Fingerprint: " + ca.sha256_fingerprint), std::string::npos)
      << yaml.out;
}

TEST_F(CliTest, InspectMeshErrors) {
  CliRun missing = Cli({"inspect", "mesh", "nope"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("there is no Mesh with name \"nope\""), std::string::npos)
      << missing.err;
  CreateMesh(R"({"type":"Mesh","name":"plain"})");
  CliRun plain = Cli({"inspect", "mesh", "plain"});
  EXPECT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_NE(plain.out.find("mesh \"plain\" has no mTLS backend"), std::string::npos) << plain.out;
  CliRun wide = Cli({"inspect", "mesh", "plain", "-o", "wide"});
  EXPECT_EQ(wide.exit_code, 1);
}

TEST_F(CliTest, GetMeshWideShowsModeAndBackends) {
  CreateMesh(kSecureMesh);
  CliRun run = Cli({"get", "mesh", "secure", "-o", "wide"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out.substr(0, run.out.find('\n')),
            "NAME     mTLS           mTLS MODE   CA BACKENDS    LOCALITY   ZONEEGRESS   AGE");
  EXPECT_NE(run.out.find("secure   builtin/ca-1   STRICT      builtin/ca-1   off        off"),
            std::string::npos)
      << run.out;
}

}  // namespace
}  // namespace meshplane
