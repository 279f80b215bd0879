#include "ca/builtin/builtin_ca_plugin.h"

#include <gtest/gtest.h>

#include "ca/ca_plugin_registry.h"
#include "core/json_proto.h"
#include "unit/ca/test_printers.h"

namespace meshplane {
namespace {

using kuma::mesh::v1alpha1::CertificateAuthorityBackend;

std::vector<Violation> Validate(const std::string& mesh, const std::string& backend_name,
                                const Json& conf = nullptr) {
  Json json = {{"name", backend_name}, {"type", "builtin"}};
  if (!conf.is_null()) {
    json["conf"] = conf;
  }
  CertificateAuthorityBackend backend;
  Status st = JsonToMessage(json, &backend, nullptr);
  EXPECT_TRUE(st.ok()) << st.message();
  DataSourceLoader loader(MissingSecretLookup());
  return BuiltinCaPlugin().ValidateBackend(mesh, backend, loader).Violations();
}

std::string DnsMessage(const std::string& name) {
  return "\"" + name + "\" name must be valid dns name";
}

TEST(BuiltinCaPluginTest, IsInstalledAsBuiltin) {
  const CaPlugin* plugin = CaPluginRegistry::Builtin().Find("builtin");
  ASSERT_NE(plugin, nullptr);
  EXPECT_EQ(plugin->Type(), "builtin");
  EXPECT_EQ(CaPluginRegistry::Builtin().Types(), (std::vector<std::string>{"builtin", "provided"}));
  EXPECT_EQ(CaPluginRegistry::Builtin().Find("vault"), nullptr);
}

TEST(BuiltinCaPluginTest, SecretNames) {
  EXPECT_EQ(BuiltinCaCertSecretName("default", "ca-1"), "default.ca-builtin-cert-ca-1");
  EXPECT_EQ(BuiltinCaKeySecretName("default", "ca-1"), "default.ca-builtin-key-ca-1");
}

TEST(BuiltinCaPluginTest, AcceptsUsualConfigs) {
  EXPECT_TRUE(Validate("default", "ca-1").empty());
  EXPECT_TRUE(Validate("default", "ca-1", Json::object()).empty());
  EXPECT_TRUE(
      Validate("default", "ca-1", Json{{"caCert", {{"RSAbits", 2048}, {"expiration", "10y"}}}})
          .empty());
  EXPECT_TRUE(Validate("default", "ca-1", Json{{"caCert", {{"RSAbits", 4096}}}}).empty());
  EXPECT_TRUE(Validate("default", "ca-1", Json{{"caCert", {{"RSAbits", 3072}}}}).empty());
  // Unknown conf fields are ignored, as Kuma does.
  EXPECT_TRUE(Validate("default", "ca-1", Json{{"caCrt", {{"RSAbits", 1}}}}).empty());
}

TEST(BuiltinCaPluginTest, UppercaseNameIsNotADnsName) {
  EXPECT_EQ(Validate("default", "CA-1"), (std::vector<Violation>{{"name", DnsMessage("CA-1")}}));
  // The mesh name is part of the secret name too.
  EXPECT_EQ(Validate("Default", "ca-1"), (std::vector<Violation>{{"name", DnsMessage("ca-1")}}));
}

TEST(BuiltinCaPluginTest, UnderscoreAndEmptyNamesPass) {
  EXPECT_TRUE(Validate("default", "ca_1").empty());
  EXPECT_TRUE(Validate("default", "").empty());
  EXPECT_TRUE(Validate("default", "ca.1").empty());
}

TEST(BuiltinCaPluginTest, OtherCharactersFail) {
  EXPECT_EQ(Validate("default", "ca 1"), (std::vector<Violation>{{"name", DnsMessage("ca 1")}}));
  EXPECT_EQ(Validate("default", "ca/1"), (std::vector<Violation>{{"name", DnsMessage("ca/1")}}));
  EXPECT_EQ(Validate("default", "ca..1"), (std::vector<Violation>{{"name", DnsMessage("ca..1")}}));
  EXPECT_EQ(Validate("default", "ca.-1"), (std::vector<Violation>{{"name", DnsMessage("ca.-1")}}));
}

TEST(BuiltinCaPluginTest, LabelOfSecretNameIsAtMost63Characters) {
  // "ca-builtin-cert-" is 16 characters, so a dot-free backend name has room for 47.
  EXPECT_TRUE(Validate("default", std::string(47, 'a')).empty());
  std::string name(48, 'a');
  EXPECT_EQ(Validate("default", name), (std::vector<Violation>{{"name", DnsMessage(name)}}));
}

TEST(BuiltinCaPluginTest, SecretNameIsAtMost255Characters) {
  // "m.ca-builtin-cert-" + 12 labels of 19 characters: 257 characters, but only 245 without
  // the dots, which is still a DNS name.
  std::string name;
  for (int i = 0; i < 12; ++i) {
    name += (i ? "." : "") + std::string(19, 'a');
  }
  ASSERT_EQ(BuiltinCaCertSecretName("m", name).size(), 257u);
  EXPECT_EQ(Validate("m", name),
            (std::vector<Violation>{{"name", "Backend name is too long. Max length: 255"}}));

  std::string flat(250, 'a');
  EXPECT_EQ(Validate("default", flat),
            (std::vector<Violation>{{"name", "Backend name is too long. Max length: 255"},
                                    {"name", DnsMessage(flat)}}));
}

TEST(BuiltinCaPluginTest, UndecodableConfStillChecksTheName) {
  auto v = Validate("default", "CA", Json{{"caCert", "x"}});
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].field, "conf");
  // The decoder's reason follows, naming the offending field.
  EXPECT_EQ(v[0].message.rfind("could not convert backend config: caCert: ", 0), 0u)
      << v[0].message;
  EXPECT_EQ(v[1], (Violation{"name", DnsMessage("CA")}));
}

TEST(BuiltinCaPluginTest, CaCertExpirationMustBeAKumaDuration) {
  for (const char* bad : {"1h30m", "1.5y", "ten years", "10"}) {
    EXPECT_EQ(Validate("default", "ca-1", Json{{"caCert", {{"expiration", bad}}}}),
              (std::vector<Violation>{{"conf.caCert.expiration", "has to be a valid format"}}))
        << bad;
  }
  for (const char* good : {"1y", "52w", "365d", "8760h", "0"}) {
    EXPECT_TRUE(Validate("default", "ca-1", Json{{"caCert", {{"expiration", good}}}}).empty())
        << good;
  }
}

TEST(BuiltinCaPluginTest, RsaBitsMustBeASupportedKeySize) {
  for (int bad : {1, 1024, 2047, 8192}) {
    EXPECT_EQ(
        Validate("default", "ca-1", Json{{"caCert", {{"RSAbits", bad}}}}),
        (std::vector<Violation>{{"conf.caCert.RSAbits", "must be one of 2048, 3072 or 4096"}}))
        << bad;
  }
  // 0 means "the default" to Kuma.
  EXPECT_TRUE(Validate("default", "ca-1", Json{{"caCert", {{"RSAbits", 0}}}}).empty());
}

TEST(BuiltinCaPluginTest, ConfViolationsComeBeforeNameViolations) {
  EXPECT_EQ(Validate("default", "CA", Json{{"caCert", {{"RSAbits", 1}, {"expiration", "x"}}}}),
            (std::vector<Violation>{{"conf.caCert.expiration", "has to be a valid format"},
                                    {"conf.caCert.RSAbits", "must be one of 2048, 3072 or 4096"},
                                    {"name", DnsMessage("CA")}}));
}

}  // namespace
}  // namespace meshplane
