#include "ca/provided/provided_ca_plugin.h"

#include <gtest/gtest.h>

#include <map>

#include "ca/ca_plugin_registry.h"
#include "core/json_proto.h"
#include "unit/ca/test_pki.h"
#include "unit/ca/test_printers.h"

namespace meshplane {
namespace {

using kuma::mesh::v1alpha1::CertificateAuthorityBackend;
using test_pki::CaMaterial;
using test_pki::CertOptions;
using test_pki::KeyType;
using test_pki::MakeCa;

constexpr const char* kNotCa =
    "basic constraint 'CA' must be set to 'true' (see X509-SVID: 4.1. Basic Constraints)";
constexpr const char* kNoKeyCertSign =
    "key usage extension 'keyCertSign' must be set (see X509-SVID: 4.3. Key Usage)";
constexpr const char* kKeyAgreement =
    "key usage extension 'keyAgreement' must NOT be set (see X509-SVID: Appendix A. X.509 Field "
    "Reference)";

CertificateAuthorityBackend Backend(const Json& conf) {
  Json json = {{"name", "ca-1"}, {"type", "provided"}, {"conf", conf}};
  CertificateAuthorityBackend backend;
  Status st = JsonToMessage(json, &backend, nullptr);
  EXPECT_TRUE(st.ok()) << st.message();
  return backend;
}

Json Inline(const std::string& cert, const std::string& key) {
  return {{"cert", {{"inlineString", cert}}}, {"key", {{"inlineString", key}}}};
}

class ProvidedCaPluginTest : public ::testing::Test {
 protected:
  std::vector<Violation> Validate(const Json& conf, const std::string& mesh = "default") {
    DataSourceLoader loader(
        [this](const std::string& m, const std::string& name) -> Result<std::string> {
          auto it = secrets_.find({m, name});
          if (it == secrets_.end()) {
            return SecretNotFound(m, name);
          }
          return it->second;
        });
    return plugin_.ValidateBackend(mesh, Backend(conf), loader).Violations();
  }

  ProvidedCaPlugin plugin_;
  std::map<std::pair<std::string, std::string>, std::string> secrets_;
};

TEST_F(ProvidedCaPluginTest, IsInstalledAsProvided) {
  const CaPlugin* plugin = CaPluginRegistry::Builtin().Find("provided");
  ASSERT_NE(plugin, nullptr);
  EXPECT_EQ(plugin->Type(), "provided");
}

TEST_F(ProvidedCaPluginTest, AcceptsValidCaFromEverySource) {
  CaMaterial ca = MakeCa();
  EXPECT_TRUE(Validate(Inline(ca.cert_pem, ca.key_pem)).empty());

  test_pki::TempDir dir;
  Json files = {{"cert", {{"file", dir.WriteFile("ca.pem", ca.cert_pem)}}},
                {"key", {{"file", dir.WriteFile("ca.key", ca.key_pem)}}}};
  EXPECT_TRUE(Validate(files).empty());

  // `inline` holds bytes, written as base64 in JSON.
  kuma::system::v1alpha1::DataSource cert_source, key_source;
  cert_source.mutable_inline_()->set_value(ca.cert_pem);
  key_source.mutable_inline_()->set_value(ca.key_pem);
  Json inline_conf = {{"cert", MessageToJson(cert_source)}, {"key", MessageToJson(key_source)}};
  ASSERT_TRUE(inline_conf["cert"].contains("inline"));
  EXPECT_TRUE(Validate(inline_conf).empty());

  secrets_[{"demo", "ca-cert"}] = ca.cert_pem;
  secrets_[{"demo", "ca-key"}] = ca.key_pem;
  Json secrets = {{"cert", {{"secret", "ca-cert"}}}, {"key", {{"secret", "ca-key"}}}};
  EXPECT_TRUE(Validate(secrets, "demo").empty());
  // Secrets are read from the mesh being validated only.
  EXPECT_FALSE(Validate(secrets, "other").empty());
}

TEST_F(ProvidedCaPluginTest, AcceptsRsaEcdsaAndEd25519KeysInEveryEncoding) {
  for (KeyType type : {KeyType::kRsa2048, KeyType::kEcP256, KeyType::kEd25519}) {
    EvpPkeyPtr key = test_pki::GenerateKey(type);
    std::string cert = test_pki::SelfSignedCertPem(key.get());
    EXPECT_TRUE(Validate(Inline(cert, test_pki::PrivateKeyPem(key.get(), true))).empty());
    if (type != KeyType::kEd25519) {
      // PKCS#1 for RSA, SEC1 for ECDSA.
      EXPECT_TRUE(Validate(Inline(cert, test_pki::PrivateKeyPem(key.get(), false))).empty());
    }
  }
}

TEST_F(ProvidedCaPluginTest, UndecodableConfStopsValidation) {
  auto v = Validate(Json{{"cert", 5}});
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].field, "conf");
  // The decoder's reason follows, naming the offending field.
  EXPECT_EQ(v[0].message.rfind("could not convert backend config: cert: ", 0), 0u) << v[0].message;
}

TEST_F(ProvidedCaPluginTest, CertAndKeyHaveToBeDefined) {
  EXPECT_EQ(Validate(Json::object()), (std::vector<Violation>{{"conf.cert", "has to be defined"},
                                                              {"conf.key", "has to be defined"}}));
  CaMaterial ca = MakeCa();
  EXPECT_EQ(Validate(Json{{"cert", {{"inlineString", ca.cert_pem}}}}),
            (std::vector<Violation>{{"conf.key", "has to be defined"}}));
}

TEST_F(ProvidedCaPluginTest, DataSourceShapeIsCheckedBeforeLoading) {
  test_pki::TempDir dir;
  // `key` would fail to load, but shape errors come first and stop before any loading.
  EXPECT_EQ(
      Validate(Json{{"cert", Json::object()}, {"key", {{"file", dir.path() + "/none"}}}}),
      (std::vector<Violation>{
          {"conf.cert", "data source has to be chosen. Available sources: secret, file, inline"}}));
  EXPECT_EQ(Validate(Json{{"cert", {{"secret", ""}}}, {"key", {{"file", ""}}}}),
            (std::vector<Violation>{{"conf.cert.secret", "cannot be empty"},
                                    {"conf.key.file", "cannot be empty"}}));
  EXPECT_EQ(
      Validate(Json{{"cert", {{"inline", ""}}}, {"key", {{"secret", nullptr}}}}),
      (std::vector<Violation>{
          {"conf.cert.inline", "cannot be empty"},
          {"conf.key", "data source has to be chosen. Available sources: secret, file, inline"}}));
}

TEST_F(ProvidedCaPluginTest, MissingSecretIsReportedOnCertAndKey) {
  // The key is loaded first, so its name is the one both fields report.
  std::string message =
      R"(could not load data: resource not found: type="Secret" name="ca-key" mesh="demo")";
  EXPECT_EQ(
      Validate(Json{{"cert", {{"secret", "ca-cert"}}}, {"key", {{"secret", "ca-key"}}}}, "demo"),
      (std::vector<Violation>{{"conf.cert", message}, {"conf.key", message}}));

  CaMaterial ca = MakeCa();
  secrets_[{"demo", "ca-key"}] = ca.key_pem;
  std::string cert_message =
      R"(could not load data: resource not found: type="Secret" name="ca-cert" mesh="demo")";
  EXPECT_EQ(
      Validate(Json{{"cert", {{"secret", "ca-cert"}}}, {"key", {{"secret", "ca-key"}}}}, "demo"),
      (std::vector<Violation>{{"conf.cert", cert_message}, {"conf.key", cert_message}}));
}

TEST_F(ProvidedCaPluginTest, MissingFileIsReportedOnCertAndKey) {
  test_pki::TempDir dir;
  CaMaterial ca = MakeCa();
  std::string missing = dir.path() + "/missing.pem";
  std::string message = "could not load data: open " + missing + ": no such file or directory";
  EXPECT_EQ(Validate(Json{{"cert", {{"file", missing}}}, {"key", {{"inlineString", ca.key_pem}}}}),
            (std::vector<Violation>{{"conf.cert", message}, {"conf.key", message}}));
}

TEST_F(ProvidedCaPluginTest, KeyPairErrorsUseGoTexts) {
  CaMaterial ca = MakeCa();
  CaMaterial other = MakeCa();
  auto pair_error = [&](const std::string& cert, const std::string& key) {
    auto v = Validate(Inline(cert, key));
    EXPECT_EQ(v.size(), 1u);
    EXPECT_EQ(v.empty() ? "" : v[0].field, "conf.cert");
    return v.empty() ? std::string() : v[0].message;
  };
  EXPECT_EQ(pair_error(ca.cert_pem, other.key_pem),
            "not a valid TLS key pair: tls: private key does not match public key");
  EXPECT_EQ(pair_error("not a certificate", ca.key_pem),
            "not a valid TLS key pair: tls: failed to find any PEM data in certificate input");
  EXPECT_EQ(pair_error("", ca.key_pem),
            "not a valid TLS key pair: tls: failed to find any PEM data in certificate input");
  EXPECT_EQ(pair_error(ca.cert_pem, "not a key"),
            "not a valid TLS key pair: tls: failed to find any PEM data in key input");
  EXPECT_EQ(pair_error(ca.key_pem, ca.cert_pem),
            "not a valid TLS key pair: tls: failed to find certificate PEM data in certificate "
            "input, but did find a private key; PEM inputs may have been switched");
  EXPECT_EQ(pair_error(ca.cert_pem, ca.cert_pem),
            "not a valid TLS key pair: tls: found a certificate rather than a key in the PEM for "
            "the private key");
  EXPECT_EQ(
      pair_error(ca.cert_pem, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"),
      "not a valid TLS key pair: tls: failed to parse private key");
  const std::string public_key = "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n";
  EXPECT_EQ(pair_error(public_key, ca.key_pem),
            "not a valid TLS key pair: tls: failed to find \"CERTIFICATE\" PEM block in "
            "certificate input after skipping PEM blocks of the following types: [PUBLIC KEY]");
  EXPECT_EQ(pair_error(ca.cert_pem, public_key + public_key),
            "not a valid TLS key pair: tls: failed to find PEM block with type ending in "
            "\"PRIVATE KEY\" in key input after skipping PEM blocks of the following types: "
            "[PUBLIC KEY PUBLIC KEY]");
  EXPECT_EQ(
      pair_error("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", ca.key_pem),
      "not a valid TLS key pair: x509: malformed certificate");

  EvpPkeyPtr rsa = test_pki::GenerateKey(KeyType::kRsa2048);
  EXPECT_EQ(pair_error(test_pki::SelfSignedCertPem(rsa.get()), ca.key_pem),
            "not a valid TLS key pair: tls: private key type does not match public key type");
}

TEST_F(ProvidedCaPluginTest, EveryCertificateMustBeASigningCa) {
  EvpPkeyPtr key = test_pki::GenerateKey(KeyType::kEcP256);
  std::string key_pem = test_pki::PrivateKeyPem(key.get());

  CertOptions leaf;
  leaf.basic_constraints = "critical,CA:FALSE";
  leaf.key_usage = "critical,digitalSignature,keyEncipherment";
  EXPECT_EQ(Validate(Inline(test_pki::SelfSignedCertPem(key.get(), leaf), key_pem)),
            (std::vector<Violation>{{"conf.cert[0]", kNotCa}, {"conf.cert[0]", kNoKeyCertSign}}));

  CertOptions no_extensions;
  no_extensions.basic_constraints = "";
  no_extensions.key_usage = "";
  EXPECT_EQ(Validate(Inline(test_pki::SelfSignedCertPem(key.get(), no_extensions), key_pem)),
            (std::vector<Violation>{{"conf.cert[0]", kNotCa}, {"conf.cert[0]", kNoKeyCertSign}}));

  CertOptions agreeing;
  agreeing.key_usage = "critical,keyCertSign,cRLSign,keyAgreement";
  EXPECT_EQ(Validate(Inline(test_pki::SelfSignedCertPem(key.get(), agreeing), key_pem)),
            (std::vector<Violation>{{"conf.cert[0]", kKeyAgreement}}));
}

TEST_F(ProvidedCaPluginTest, ChainIsCheckedCertificateByCertificate) {
  CaMaterial issuing = MakeCa();
  CaMaterial root = MakeCa();
  EXPECT_TRUE(Validate(Inline(issuing.cert_pem + root.cert_pem, issuing.key_pem)).empty());

  EvpPkeyPtr other = test_pki::GenerateKey(KeyType::kEcP256);
  CertOptions leaf;
  leaf.basic_constraints = "CA:FALSE";
  leaf.key_usage = "digitalSignature,keyAgreement";
  std::string bad = test_pki::SelfSignedCertPem(other.get(), leaf);
  EXPECT_EQ(Validate(Inline(issuing.cert_pem + bad + root.cert_pem, issuing.key_pem)),
            (std::vector<Violation>{{"conf.cert[1]", kNotCa},
                                    {"conf.cert[1]", kNoKeyCertSign},
                                    {"conf.cert[1]", kKeyAgreement}}));

  // The key must belong to the first certificate, not to any other.
  auto v = Validate(Inline(root.cert_pem + issuing.cert_pem, issuing.key_pem));
  EXPECT_EQ(
      v,
      (std::vector<Violation>{
          {"conf.cert", "not a valid TLS key pair: tls: private key does not match public key"}}));
}

TEST_F(ProvidedCaPluginTest, UnparsableLaterCertificateStopsTheChainCheck) {
  CaMaterial ca = MakeCa();
  CertOptions leaf;
  leaf.basic_constraints = "CA:FALSE";
  EvpPkeyPtr other = test_pki::GenerateKey(KeyType::kEcP256);
  std::string garbage = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
  EXPECT_EQ(Validate(Inline(ca.cert_pem + garbage + test_pki::SelfSignedCertPem(other.get(), leaf),
                            ca.key_pem)),
            (std::vector<Violation>{
                {"conf.cert[1]", "not a valid x509 certificate: x509: malformed certificate"}}));
}

}  // namespace
}  // namespace meshplane
