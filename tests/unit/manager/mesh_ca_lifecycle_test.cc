// The Mesh write's CA side effects and the mesh-level CA entry points, against real SQLite and
// real OpenSSL.
#include <gtest/gtest.h>
#include <openssl/x509v3.h>

#include <atomic>
#include <thread>

#include "ca/builtin/builtin_ca_plugin.h"
#include "ca/builtin/builtin_root_ca.h"
#include "ca/mesh_ca.h"
#include "ca/provided/provided_ca_plugin.h"
#include "core/json_proto.h"
#include "defaults/signing_key.h"
#include "manager/mesh_lifecycle.h"
#include "resources/mesh/mesh_type.h"
#include "resources/secret/secret_type.h"
#include "store/store_factory.h"
#include "unit/ca/ca_test_support.h"
#include "unit/ca/test_pki.h"

namespace meshplane {
namespace {

using ca_test::ParsePem;

Json BuiltinSpec(const std::string& name, const std::string& enabled, Json conf = nullptr) {
  Json backend = {{"name", name}, {"type", "builtin"}};
  if (!conf.is_null()) {
    backend["conf"] = conf;
  }
  Json mtls = {{"backends", Json::array({backend})}};
  if (!enabled.empty()) {
    mtls["enabledBackend"] = enabled;
  }
  return {{"mtls", mtls}};
}

Resource MeshResource(const std::string& name, const Json& spec) {
  Resource r(MeshType());
  r.meta().name = name;
  Status st = JsonToMessage(spec, &r.spec(), nullptr);
  EXPECT_TRUE(st.ok()) << st.message();
  return r;
}

// A plugin that makes the builtin CA and then fails, to prove the Secrets roll back too.
class FailingAfterWritePlugin : public BuiltinCaPlugin {
 public:
  Status EnsureBackend(const std::string& mesh,
                       const kuma::mesh::v1alpha1::CertificateAuthorityBackend& backend,
                       ResourceStore& tx, const ResourceTypeRegistry& registry,
                       Timestamp now) const override {
    MP_RETURN_IF_ERROR(BuiltinCaPlugin::EnsureBackend(mesh, backend, tx, registry, now));
    return Status::Unavailable("disk full");
  }
};

class MeshCaTest : public ::testing::Test {
 protected:
  void SetUp() override { Open(&store_, &manager_, StoreOptions{"memory", ""}); }

  void Open(std::unique_ptr<ResourceStore>* store, std::unique_ptr<ResourceManager>* manager,
            const StoreOptions& options,
            const CaPluginRegistry& plugins = CaPluginRegistry::Builtin()) {
    auto opened = OpenResourceStore(options);
    ASSERT_TRUE(opened.ok()) << opened.status().message();
    *store = std::move(opened).value();
    *manager = std::make_unique<ResourceManager>(**store, ResourceTypeRegistry::Builtin());
    RegisterMeshLifecycle(**manager, plugins);
  }

  Status Create(const std::string& name, const Json& spec) {
    Resource r = MeshResource(name, spec);
    return manager_->Create(r);
  }
  Status Update(const std::string& name, const Json& spec) {
    Resource r = MeshResource(name, spec);
    return manager_->Update(r);
  }

  std::vector<std::string> SecretNames(ResourceManager& manager, const std::string& mesh) {
    ListOptions opts;
    opts.mesh = mesh;
    auto list = manager.List(SecretType(), opts);
    EXPECT_TRUE(list.ok());
    std::vector<std::string> names;
    for (const Resource& r : list->items) {
      names.push_back(r.meta().name);
    }
    return names;
  }
  std::vector<std::string> SecretNames(const std::string& mesh) {
    return SecretNames(*manager_, mesh);
  }
  // The Secrets of `mesh` but its data plane token signing keys, which every new mesh gets
  // (defaults/initial_mesh_resources.h) whatever its CA backends.
  std::vector<std::string> CaSecretNames(const std::string& mesh) {
    const std::string signing_key_prefix = DataplaneTokenSigningKeyPrefix(mesh) + "-";
    std::vector<std::string> names;
    for (std::string& name : SecretNames(mesh)) {
      if (name.rfind(signing_key_prefix, 0) != 0) {
        names.push_back(std::move(name));
      }
    }
    return names;
  }
  static std::string SigningKey(const std::string& mesh) {
    return DataplaneTokenSigningKeyPrefix(mesh) + "-1";
  }
  static std::vector<std::string> BuiltinCaSecrets(const std::string& mesh,
                                                   const std::string& backend) {
    return {BuiltinCaCertSecretName(mesh, backend), BuiltinCaKeySecretName(mesh, backend)};
  }

  std::string SecretText(const std::string& mesh, const std::string& name) {
    auto r = manager_->Get(SecretType(), ResourceKey{mesh, name});
    EXPECT_TRUE(r.ok()) << name;
    return r.ok() ? SecretData(*r) : "";
  }

  std::string Fingerprint(const std::string& mesh, const std::string& backend) {
    X509Ptr cert = ParsePem(SecretText(mesh, BuiltinCaCertSecretName(mesh, backend)));
    return SummarizeCertificate(cert.get()).sha256_fingerprint;
  }

  std::unique_ptr<ResourceStore> store_;
  std::unique_ptr<ResourceManager> manager_;
};

TEST_F(MeshCaTest, BuiltinRootFollowsKumasTemplate) {
  Timestamp before = std::chrono::time_point_cast<std::chrono::seconds>(Clock::now());
  ASSERT_TRUE(Create("demo", BuiltinSpec("ca-1", "ca-1")).ok());
  // What `get secrets --mesh demo` shows: the CA pair next to the mesh's token signing key.
  EXPECT_EQ(SecretNames("demo"),
            (std::vector<std::string>{"dataplane-token-signing-key-demo-1",
                                      "demo.ca-builtin-cert-ca-1", "demo.ca-builtin-key-ca-1"}));
  std::string cert_pem = SecretText("demo", "demo.ca-builtin-cert-ca-1");
  std::string key_pem = SecretText("demo", "demo.ca-builtin-key-ca-1");
  EXPECT_EQ(cert_pem.rfind("-----BEGIN CERTIFICATE-----", 0), 0u);
  EXPECT_EQ(key_pem.rfind("-----BEGIN RSA PRIVATE KEY-----", 0), 0u);
  EXPECT_TRUE(ParseTlsKeyPair(cert_pem, key_pem).ok());

  X509Ptr cert = ParsePem(cert_pem);
  CertificateSummary s = SummarizeCertificate(cert.get());
  EXPECT_EQ(s.subject, "CN=demo,OU=Mesh,O=Kuma");
  EXPECT_EQ(s.issuer, s.subject);
  EXPECT_EQ(s.serial_number, "0");
  EXPECT_EQ(s.uri_sans, std::vector<std::string>{"spiffe://demo"});
  EXPECT_GE(s.not_before, before - std::chrono::seconds(10));
  EXPECT_LE(s.not_before, before);
  EXPECT_GE(s.not_after, before + std::chrono::hours(10 * 365 * 24));
  EXPECT_LE(s.not_after, before + std::chrono::hours(10 * 365 * 24) + std::chrono::seconds(60));
  EXPECT_TRUE(ca_test::IsCa(cert.get()));
  EXPECT_EQ(ca_test::KeyUsage(cert.get()), static_cast<uint32_t>(KU_KEY_CERT_SIGN | KU_CRL_SIGN));
  EXPECT_TRUE(ca_test::ExtendedKeyUsageNids(cert.get()).empty());
  EXPECT_NE(X509_get0_subject_key_id(cert.get()), nullptr);
  EXPECT_EQ(X509_get_signature_nid(cert.get()), NID_sha256WithRSAEncryption);
  EXPECT_EQ(EVP_PKEY_get_bits(X509_get0_pubkey(cert.get())), 2048);
  // Self-signed and usable as a trust anchor.
  EXPECT_EQ(ca_test::VerifyChain(cert_pem, cert_pem), "");
}

TEST_F(MeshCaTest, BuiltinRootHonoursRsaBitsAndExpiration) {
  ASSERT_TRUE(Create("demo", BuiltinSpec("ca-1", "",
                                         {{"caCert", {{"RSAbits", 3072}, {"expiration", "2h"}}}}))
                  .ok());
  X509Ptr cert = ParsePem(SecretText("demo", "demo.ca-builtin-cert-ca-1"));
  EXPECT_EQ(EVP_PKEY_get_bits(X509_get0_pubkey(cert.get())), 3072);
  CertificateSummary s = SummarizeCertificate(cert.get());
  EXPECT_EQ(s.not_after - s.not_before, std::chrono::hours(2) + std::chrono::seconds(10));
}

TEST_F(MeshCaTest, DisabledBuiltinBackendGetsItsCaToo) {
  ASSERT_TRUE(Create("demo", BuiltinSpec("ca-1", "")).ok());
  EXPECT_EQ(CaSecretNames("demo"), BuiltinCaSecrets("demo", "ca-1"));
}

TEST_F(MeshCaTest, MeshWithoutBuiltinBackendHasNoCaSecrets) {
  ASSERT_TRUE(Create("demo", Json::object()).ok());
  EXPECT_EQ(SecretNames("demo"), std::vector<std::string>{SigningKey("demo")});
}

TEST_F(MeshCaTest, FailedCaCreationStoresNothing) {
  // skipValidation lets a bad expiration through validation; making the CA then fails.
  Json spec = BuiltinSpec("ca-1", "ca-1", {{"caCert", {{"expiration", "soon"}}}});
  spec["mtls"]["skipValidation"] = true;
  Status st = Create("demo", spec);
  EXPECT_EQ(st.code(), ErrorCode::kBadRequest);
  EXPECT_EQ(st.message(),
            "could not ensure CA of backend \"ca-1\": could not create the CA of backend "
            "\"ca-1\": invalid caCert.expiration \"soon\"");
  EXPECT_TRUE(manager_->Get(MeshType(), ResourceKey{"", "demo"}).status().IsNotFound());
  EXPECT_TRUE(SecretNames("demo").empty());
}

TEST_F(MeshCaTest, FailureAfterTheSecretsWereWrittenRollsThemBack) {
  CaPluginRegistry plugins;
  plugins.Install(std::make_unique<FailingAfterWritePlugin>());
  Open(&store_, &manager_, StoreOptions{"memory", ""}, plugins);
  Status st = Create("demo", BuiltinSpec("ca-1", "ca-1"));
  EXPECT_EQ(st.message(), "could not ensure CA of backend \"ca-1\": disk full");
  EXPECT_TRUE(manager_->Get(MeshType(), ResourceKey{"", "demo"}).status().IsNotFound());
  EXPECT_TRUE(SecretNames("demo").empty());
}

TEST_F(MeshCaTest, FailedUpdateKeepsTheOldMeshAndAddsNoSecret) {
  ASSERT_TRUE(Create("demo", Json::object()).ok());
  Json spec = BuiltinSpec("ca-1", "", {{"caCert", {{"expiration", "soon"}}}});
  spec["mtls"]["skipValidation"] = true;
  EXPECT_FALSE(Update("demo", spec).ok());
  auto stored = manager_->Get(MeshType(), ResourceKey{"", "demo"});
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->SpecAs<kuma::mesh::v1alpha1::Mesh>().mtls().backends_size(), 0);
  EXPECT_EQ(SecretNames("demo"), std::vector<std::string>{SigningKey("demo")});
}

TEST_F(MeshCaTest, UpdateAddingABuiltinBackendCreatesItsCaAndReapplyKeepsIt) {
  ASSERT_TRUE(Create("demo", Json::object()).ok());
  ASSERT_TRUE(Update("demo", BuiltinSpec("ca-1", "")).ok());
  std::string fingerprint = Fingerprint("demo", "ca-1");
  EXPECT_EQ(fingerprint.size(), 32u * 3 - 1);
  // Re-apply, enable it, change its settings: the CA stays the same.
  ASSERT_TRUE(Update("demo", BuiltinSpec("ca-1", "")).ok());
  ASSERT_TRUE(Update("demo", BuiltinSpec("ca-1", "ca-1")).ok());
  ASSERT_TRUE(Update("demo", BuiltinSpec("ca-1", "ca-1", {{"caCert", {{"RSAbits", 4096}}}})).ok());
  EXPECT_EQ(Fingerprint("demo", "ca-1"), fingerprint);
  EXPECT_EQ(CaSecretNames("demo"), BuiltinCaSecrets("demo", "ca-1"));
}

TEST_F(MeshCaTest, AnIncompleteCaIsReportedNotReplaced) {
  ASSERT_TRUE(Create("demo", BuiltinSpec("ca-1", "ca-1")).ok());
  std::string cert = SecretText("demo", "demo.ca-builtin-cert-ca-1");
  ASSERT_TRUE(store_->Delete(SecretType(), ResourceKey{"demo", "demo.ca-builtin-key-ca-1"}).ok());
  Status st = Update("demo", BuiltinSpec("ca-1", "ca-1"));
  EXPECT_EQ(st.message(),
            "could not ensure CA of backend \"ca-1\": CA of backend \"ca-1\" in mesh \"demo\" is "
            "incomplete: Secret \"demo.ca-builtin-key-ca-1\" is missing; delete Secret "
            "\"demo.ca-builtin-cert-ca-1\" to have a new CA generated");
  EXPECT_EQ(SecretText("demo", "demo.ca-builtin-cert-ca-1"), cert);
  // Following the advice recovers.
  ASSERT_TRUE(store_->Delete(SecretType(), ResourceKey{"demo", "demo.ca-builtin-cert-ca-1"}).ok());
  ASSERT_TRUE(Update("demo", BuiltinSpec("ca-1", "ca-1")).ok());
  EXPECT_EQ(CaSecretNames("demo"), BuiltinCaSecrets("demo", "ca-1"));
  EXPECT_NE(SecretText("demo", "demo.ca-builtin-cert-ca-1"), cert);
}

TEST_F(MeshCaTest, DeletingTheMeshDeletesItsCa) {
  ASSERT_TRUE(Create("demo", BuiltinSpec("ca-1", "ca-1")).ok());
  ASSERT_TRUE(Create("other", BuiltinSpec("ca-1", "ca-1")).ok());
  ASSERT_TRUE(manager_->Delete(MeshType(), ResourceKey{"", "demo"}).ok());
  EXPECT_TRUE(SecretNames("demo").empty());
  EXPECT_EQ(CaSecretNames("other"), BuiltinCaSecrets("other", "ca-1"));
  // A new mesh of the same name gets a new CA.
  std::string old_other = Fingerprint("other", "ca-1");
  ASSERT_TRUE(Create("demo", BuiltinSpec("ca-1", "ca-1")).ok());
  EXPECT_NE(Fingerprint("demo", "ca-1"), old_other);
}

TEST_F(MeshCaTest, StartupEnsuresTheCaOfMeshesStoredWithoutOne) {
  // A mesh written straight to the store (as by an older version) has no CA yet.
  Resource stored = MeshResource("legacy", BuiltinSpec("ca-1", "ca-1"));
  ASSERT_TRUE(store_->Create(stored).ok());
  Resource plain = MeshResource("plain", Json::object());
  ASSERT_TRUE(store_->Create(plain).ok());
  ASSERT_TRUE(CaSecretNames("legacy").empty());

  Result<int> failed = EnsureAllMeshCas(*store_, ResourceTypeRegistry::Builtin(),
                                        CaPluginRegistry::Builtin(), Clock::now());
  ASSERT_TRUE(failed.ok()) << failed.status().message();
  EXPECT_EQ(*failed, 0);
  EXPECT_EQ(CaSecretNames("legacy"), BuiltinCaSecrets("legacy", "ca-1"));
  EXPECT_TRUE(CaSecretNames("plain").empty());

  // Running again keeps the CA.
  const std::string fingerprint = Fingerprint("legacy", "ca-1");
  ASSERT_TRUE(EnsureAllMeshCas(*store_, ResourceTypeRegistry::Builtin(),
                               CaPluginRegistry::Builtin(), Clock::now())
                  .ok());
  EXPECT_EQ(Fingerprint("legacy", "ca-1"), fingerprint);
}

TEST_F(MeshCaTest, RacingWritersOnOneDatabaseMakeOneCa) {
  test_pki::TempDir dir;
  const std::string path = dir.path() + "/race.db";
  std::unique_ptr<ResourceStore> stores[2];
  std::unique_ptr<ResourceManager> managers[2];
  for (int i = 0; i < 2; ++i) {
    Open(&stores[i], &managers[i], StoreOptions{"sqlite", path});
  }
  std::atomic<int> failures{0};
  auto writer = [&](int i) {
    for (int round = 0; round < 3; ++round) {
      Resource r = MeshResource("race", BuiltinSpec("ca-1", "ca-1"));
      Status st = managers[i]->Create(r);
      if (st.code() == ErrorCode::kAlreadyExists) {
        Resource u = MeshResource("race", BuiltinSpec("ca-1", "ca-1"));
        st = managers[i]->Update(u);
      }
      if (!st.ok()) {
        ADD_FAILURE() << st.message();
        ++failures;
      }
    }
  };
  std::thread a(writer, 0);
  std::thread b(writer, 1);
  a.join();
  b.join();
  EXPECT_EQ(failures.load(), 0);
  // One CA and one signing key, whichever writer created the mesh.
  EXPECT_EQ(SecretNames(*managers[0], "race"),
            (std::vector<std::string>{"dataplane-token-signing-key-race-1",
                                      "race.ca-builtin-cert-ca-1", "race.ca-builtin-key-ca-1"}));
  auto cert = managers[1]->Get(SecretType(), ResourceKey{"race", "race.ca-builtin-cert-ca-1"});
  auto key = managers[1]->Get(SecretType(), ResourceKey{"race", "race.ca-builtin-key-ca-1"});
  ASSERT_TRUE(cert.ok() && key.ok());
  EXPECT_TRUE(ParseTlsKeyPair(SecretData(*cert), SecretData(*key)).ok());
}

// --- mesh-level entry points ---

TEST_F(MeshCaTest, IssuesFromTheEnabledBuiltinBackend) {
  Json spec = BuiltinSpec("ca-1", "ca-1");
  spec["mtls"]["backends"][0]["dpCert"] = {{"rotation", {{"expiration", "2h"}}}};
  ASSERT_TRUE(Create("demo", spec).ok());
  Timestamp now = Clock::now();
  auto cert = IssueMeshWorkloadCertificate(
      *store_, ResourceTypeRegistry::Builtin(), CaPluginRegistry::Builtin(), "demo",
      {{"kuma.io/service", {"web"}}}, WorkloadKeyRequest::Generate(WorkloadKeyType::kEcdsaP256),
      now);
  ASSERT_TRUE(cert.ok()) << cert.status().message();
  EXPECT_EQ(cert->not_after,
            std::chrono::time_point_cast<std::chrono::seconds>(now) + std::chrono::hours(2));
  auto bundle = MeshTrustBundle(*store_, ResourceTypeRegistry::Builtin(),
                                CaPluginRegistry::Builtin(), "demo");
  ASSERT_TRUE(bundle.ok());
  ASSERT_EQ(bundle->size(), 1u);
  EXPECT_EQ(bundle->front(), SecretText("demo", "demo.ca-builtin-cert-ca-1"));
  EXPECT_EQ(ca_test::VerifyChain(cert->certificate_pem, bundle->front()), "");
}

TEST_F(MeshCaTest, IssuanceIsCountedByMeshAndBackend) {
  MetricsRegistry registry;
  WorkloadCertificateMetrics metrics(registry);
  ASSERT_TRUE(Create("demo", BuiltinSpec("ca-1", "ca-1")).ok());
  auto issue = [&](IdentityTags tags) {
    return IssueMeshWorkloadCertificate(
        *store_, ResourceTypeRegistry::Builtin(), CaPluginRegistry::Builtin(), "demo", tags,
        WorkloadKeyRequest::Generate(WorkloadKeyType::kEcdsaP256), Clock::now(), &metrics);
  };
  EXPECT_TRUE(issue({{"kuma.io/service", {"web"}}}).ok());
  EXPECT_TRUE(issue({{"kuma.io/service", {"api"}}}).ok());
  EXPECT_FALSE(issue({{"version", {"v1"}}}).ok());
  std::string text = registry.Render();
  EXPECT_NE(text.find(R"(workload_certificates_issued_total{mesh="demo",backend="ca-1"} 2)"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find(R"(workload_certificate_failures_total{mesh="demo",backend="ca-1"} 1)"),
            std::string::npos)
      << text;
}

TEST_F(MeshCaTest, EntryPointsExplainWhyTheyCannotIssue) {
  const auto& registry = ResourceTypeRegistry::Builtin();
  const auto& plugins = CaPluginRegistry::Builtin();
  IdentityTags tags = {{"kuma.io/service", {"web"}}};
  auto rsa = WorkloadKeyRequest::Generate(WorkloadKeyType::kRsa2048);
  auto missing =
      IssueMeshWorkloadCertificate(*store_, registry, plugins, "nope", tags, rsa, Clock::now());
  EXPECT_EQ(missing.status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(missing.status().message(), R"(resource not found: type="Mesh" name="nope" mesh="")");

  ASSERT_TRUE(Create("demo", BuiltinSpec("ca-1", "")).ok());
  auto disabled =
      IssueMeshWorkloadCertificate(*store_, registry, plugins, "demo", tags, rsa, Clock::now());
  EXPECT_EQ(disabled.status().code(), ErrorCode::kBadRequest);
  EXPECT_EQ(disabled.status().message(), "CA default backend in mesh \"demo\" has to be defined");
  EXPECT_EQ(MeshTrustBundle(*store_, registry, plugins, "demo").status().message(),
            "CA default backend in mesh \"demo\" has to be defined");

  ASSERT_TRUE(Update("demo", BuiltinSpec("ca-1", "ca-1")).ok());
  ASSERT_TRUE(store_->Delete(SecretType(), ResourceKey{"demo", "demo.ca-builtin-cert-ca-1"}).ok());
  auto no_ca =
      IssueMeshWorkloadCertificate(*store_, registry, plugins, "demo", tags, rsa, Clock::now());
  EXPECT_EQ(no_ca.status().message(),
            "failed to load CA key pair for Mesh \"demo\" and backend \"ca-1\": resource not "
            "found: type=\"Secret\" name=\"demo.ca-builtin-cert-ca-1\" mesh=\"demo\"");
}

TEST_F(MeshCaTest, ProvidedChainFromSecretsIssuesAndTrustsTheWholeChain) {
  SigningCa root;
  {
    auto generated = GenerateBuiltinRootCa("root", 2048, std::chrono::hours(24), Clock::now());
    ASSERT_TRUE(generated.ok());
    root = SigningCa{generated->cert_pem, generated->key_pem};
  }
  SigningCa intermediate = ca_test::MakeIntermediate(root, "intermediate");
  ASSERT_TRUE(Create("demo", Json::object()).ok());
  for (auto [name, data] : {std::pair{"ca-cert", intermediate.cert_chain_pem},
                            std::pair{"ca-key", intermediate.key_pem}}) {
    Resource secret = NewSecret(SecretType(), "demo", name, data);
    ASSERT_TRUE(manager_->Create(secret).ok());
  }
  Json backend = {{"name", "ca-1"},
                  {"type", "provided"},
                  {"conf", {{"cert", {{"secret", "ca-cert"}}}, {"key", {{"secret", "ca-key"}}}}}};
  ASSERT_TRUE(
      Update("demo", {{"mtls", {{"enabledBackend", "ca-1"}, {"backends", Json::array({backend})}}}})
          .ok());
  // A provided backend adds no Secret of its own.
  EXPECT_EQ(CaSecretNames("demo"), (std::vector<std::string>{"ca-cert", "ca-key"}));

  auto cert = IssueMeshWorkloadCertificate(
      *store_, ResourceTypeRegistry::Builtin(), CaPluginRegistry::Builtin(), "demo",
      {{"kuma.io/service", {"web"}}}, WorkloadKeyRequest::Generate(WorkloadKeyType::kRsa2048),
      Clock::now());
  ASSERT_TRUE(cert.ok()) << cert.status().message();
  auto bundle = MeshTrustBundle(*store_, ResourceTypeRegistry::Builtin(),
                                CaPluginRegistry::Builtin(), "demo");
  ASSERT_TRUE(bundle.ok());
  EXPECT_EQ(*bundle, std::vector<std::string>{intermediate.cert_chain_pem});
  // Trusting the root only, with the bundle's intermediate supplied.
  EXPECT_EQ(ca_test::VerifyChain(cert->certificate_pem, root.cert_chain_pem, bundle->front()), "");
}

TEST_F(MeshCaTest, ProvidedCaFromFileAndInlineString) {
  test_pki::CaMaterial ca = test_pki::MakeCa(test_pki::KeyType::kRsa2048);
  test_pki::TempDir dir;
  std::string key_file = dir.WriteFile("ca.key", ca.key_pem);
  Json backend = {
      {"name", "ca-1"},
      {"type", "provided"},
      {"conf", {{"cert", {{"inlineString", ca.cert_pem}}}, {"key", {{"file", key_file}}}}}};
  ASSERT_TRUE(
      Create("demo", {{"mtls", {{"enabledBackend", "ca-1"}, {"backends", Json::array({backend})}}}})
          .ok());
  auto cert = IssueMeshWorkloadCertificate(
      *store_, ResourceTypeRegistry::Builtin(), CaPluginRegistry::Builtin(), "demo",
      {{"kuma.io/service", {"web"}}}, WorkloadKeyRequest::Generate(WorkloadKeyType::kRsa2048),
      Clock::now());
  ASSERT_TRUE(cert.ok()) << cert.status().message();
  EXPECT_EQ(ca_test::VerifyChain(cert->certificate_pem, ca.cert_pem), "");
}

TEST_F(MeshCaTest, DescribeShowsEveryBackendAndItsCa) {
  ASSERT_TRUE(Create("demo", BuiltinSpec("ca-1", "ca-1")).ok());
  auto status = DescribeMeshMtls(*store_, ResourceTypeRegistry::Builtin(),
                                 CaPluginRegistry::Builtin(), "demo");
  ASSERT_TRUE(status.ok());
  EXPECT_EQ(status->enabled_backend, "ca-1");
  ASSERT_EQ(status->backends.size(), 1u);
  const MeshCaBackendStatus& b = status->backends[0];
  EXPECT_EQ(b.name, "ca-1");
  EXPECT_EQ(b.type, "builtin");
  EXPECT_EQ(b.mode, "STRICT");
  EXPECT_TRUE(b.enabled);
  ASSERT_TRUE(b.ca.has_value()) << b.error;
  EXPECT_EQ(b.ca->subject, "CN=demo,OU=Mesh,O=Kuma");
  EXPECT_EQ(b.ca->sha256_fingerprint, Fingerprint("demo", "ca-1"));

  ASSERT_TRUE(store_->Delete(SecretType(), ResourceKey{"demo", "demo.ca-builtin-cert-ca-1"}).ok());
  status = DescribeMeshMtls(*store_, ResourceTypeRegistry::Builtin(), CaPluginRegistry::Builtin(),
                            "demo");
  ASSERT_TRUE(status.ok());
  EXPECT_FALSE(status->backends[0].ca.has_value());
  EXPECT_NE(status->backends[0].error.find("resource not found"), std::string::npos);
}

}  // namespace
}  // namespace meshplane
