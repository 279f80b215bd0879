// `meshplane get|apply|delete` with Secret and GlobalSecret, and `meshplane generate
// tls-certificate`, through the real binary.
#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>

#include <gtest/gtest.h>

#include <regex>
#include <sstream>

#include "ca/builtin/builtin_ca_plugin.h"
#include "cli_fixture.h"
#include "manager/secret_lifecycle.h"
#include "resources/secret/secret_type.h"

namespace meshplane {
namespace {

// Replaces the trailing age (e.g. "0s") of every row but the header with "<age>".
std::string WithAgesMasked(const std::string& table) {
  static const std::regex kAge(R"(\b[0-9]+s$)");
  std::string out;
  std::istringstream in(table);
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (!header && !line.empty()) {
      EXPECT_TRUE(std::regex_search(line, kAge)) << line;
      line = std::regex_replace(line, kAge, "<age>");
    }
    header = false;
    out += line + "\n";
  }
  return out;
}

class CliSecretsTest : public CliTest {
 protected:
  void SetUp() override {
    CliTest::SetUp();
    CreateMesh(R"({"type":"Mesh","name":"default"})");
    CreateMesh(R"({"type":"Mesh","name":"other"})");
  }

  std::optional<std::string> StoredSecret(const std::string& mesh, const std::string& name) {
    auto r = manager_->Get(SecretType(), {mesh, name});
    return r.ok() ? std::optional<std::string>(SecretData(*r)) : std::nullopt;
  }
};

TEST_F(CliSecretsTest, ApplyGetAndDeleteSecrets) {
  // "hello" and "world" in base64.
  CliRun run = Cli({"apply", "-f", "-"},
                   "type: Secret\nmesh: default\nname: s1\ndata: aGVsbG8=\n"
                   "---\n"
                   "type: Secret\nmesh: other\nname: s1\ndata: d29ybGQ=\n");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(StoredSecret("default", "s1"), "hello");
  EXPECT_EQ(StoredSecret("other", "s1"), "world");
  // Contents are never echoed by apply.
  EXPECT_EQ(run.out.find("aGVsbG8="), std::string::npos) << run.out;
  EXPECT_EQ(run.err.find("aGVsbG8="), std::string::npos) << run.err;

  // Each mesh also lists the token signing key it was created with.
  run = Cli({"get", "secrets"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(WithAgesMasked(run.out),
            "MESH      NAME                                    AGE\n"
            "default   dataplane-token-signing-key-default-1   <age>\n"
            "default   s1                                      <age>\n");

  run = Cli({"get", "secrets", "--mesh", "other"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(WithAgesMasked(run.out),
            "MESH    NAME                                  AGE\n"
            "other   dataplane-token-signing-key-other-1   <age>\n"
            "other   s1                                    <age>\n");

  run = Cli({"get", "secret", "s1", "-o", "json"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  Json one = Json::parse(run.out);
  EXPECT_EQ(one["type"], "Secret");
  EXPECT_EQ(one["mesh"], "default");
  EXPECT_EQ(one["data"], "aGVsbG8=");
  EXPECT_TRUE(one["creationTime"].is_string());

  run = Cli({"get", "secret", "s1", "--mesh", "other", "-o", "yaml"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("data: d29ybGQ=\n"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("mesh: other\n"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("type: Secret\n"), std::string::npos) << run.out;

  run = Cli({"delete", "secret", "s1", "--mesh", "other"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "deleted Secret \"s1\"\n");
  EXPECT_FALSE(StoredSecret("other", "s1").has_value());
  EXPECT_TRUE(StoredSecret("default", "s1").has_value());

  run = Cli({"delete", "secret", "s1", "--mesh", "other"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.err, "Error: there is no Secret with name \"s1\"\n");
}

TEST_F(CliSecretsTest, ApplyTakesKumasKubernetesForm) {
  CliRun run = Cli({"apply", "-f", "-"},
                   "apiVersion: v1\nkind: Secret\ntype: system.kuma.io/secret\n"
                   "metadata:\n  name: k1\n  labels:\n    kuma.io/mesh: other\n"
                   "data:\n  value: aGVsbG8=\n"
                   "---\n"
                   "apiVersion: v1\nkind: Secret\ntype: system.kuma.io/global-secret\n"
                   "metadata:\n  name: g1\ndata:\n  value: d29ybGQ=\n");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(StoredSecret("other", "k1"), "hello");
  auto global = manager_->Get(GlobalSecretType(), {"", "g1"});
  ASSERT_TRUE(global.ok());
  EXPECT_EQ(SecretData(*global), "world");
}

TEST_F(CliSecretsTest, GlobalSecrets) {
  CliRun run = Cli({"apply", "-f", "-"}, "type: GlobalSecret\nname: g1\ndata: Z2xvYmFs\n");
  ASSERT_EQ(run.exit_code, 0) << run.err;

  run = Cli({"get", "global-secrets"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(WithAgesMasked(run.out),
            "NAME   AGE\n"
            "g1     <age>\n");

  run = Cli({"get", "global-secret", "g1", "-o", "yaml"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("data: Z2xvYmFs\n"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("type: GlobalSecret\n"), std::string::npos) << run.out;
  EXPECT_EQ(run.out.find("mesh:"), std::string::npos) << run.out;

  run = Cli({"delete", "global-secret", "g1"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "deleted GlobalSecret \"g1\"\n");
  EXPECT_FALSE(manager_->Get(GlobalSecretType(), {"", "g1"}).ok());
}

TEST_F(CliSecretsTest, DeletingASecretInUseShowsKumasMessage) {
  CreateMesh(R"({"type":"Mesh","name":"demo",
                 "mtls":{"enabledBackend":"ca-1","backends":[{"name":"ca-1","type":"builtin"}]}})");
  // Creating the mesh made its CA pair; the CLI lists it.
  const std::string cert = BuiltinCaCertSecretName("demo", "ca-1");
  ASSERT_TRUE(StoredSecret("demo", cert).has_value());
  CliRun list = Cli({"get", "secrets", "--mesh", "demo"});
  EXPECT_EQ(list.exit_code, 0) << list.err;
  EXPECT_EQ(WithAgesMasked(list.out),
            "MESH   NAME                                 AGE\n"
            "demo   dataplane-token-signing-key-demo-1   <age>\n"
            "demo   demo.ca-builtin-cert-ca-1            <age>\n"
            "demo   demo.ca-builtin-key-ca-1             <age>\n");

  CliRun run = Cli({"delete", "secret", cert, "--mesh", "demo"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.err.rfind("Error: failed to delete Secret with the name \"" + cert + "\": ", 0), 0u)
      << run.err;
  EXPECT_NE(run.err.find(SecretInUseMessage(cert, "demo", "ca-1")), std::string::npos) << run.err;
  EXPECT_TRUE(StoredSecret("demo", cert).has_value());
}

struct X509Free {
  void operator()(X509* x) const { X509_free(x); }
};

std::unique_ptr<X509, X509Free> ParseCert(const std::string& pem) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  X509* cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  return std::unique_ptr<X509, X509Free>(cert);
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST_F(CliTest, GenerateTlsCertificateWritesAPrivateKeyAndACertificate) {
  const std::string key = WriteFile("out/key.pem", "old contents");
  chmod(key.c_str(), 0644);  // an existing file must not keep a readable mode
  const std::string cert = (std::filesystem::path(key).parent_path() / "cert.pem").string();
  CliRun run = RunProcess({"generate", "tls-certificate", "--type=server",
                           "--hostname=cp.example.com,10.0.0.7", "--hostname", "localhost",
                           "--key-file", key, "--cert-file", cert});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "Private key saved in " + key + "\nCertificate saved in " + cert + "\n");

  struct stat st {};
  ASSERT_EQ(stat(key.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(stat(cert.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0077, 0u);

  const std::string key_pem = ReadAll(key);
  EXPECT_EQ(key_pem.rfind("-----BEGIN RSA PRIVATE KEY-----", 0), 0u);
  auto x509 = ParseCert(ReadAll(cert));
  ASSERT_TRUE(x509);
  BIO* bio = BIO_new_mem_buf(key_pem.data(), static_cast<int>(key_pem.size()));
  EVP_PKEY* pkey = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  ASSERT_NE(pkey, nullptr);
  EXPECT_EQ(X509_check_private_key(x509.get(), pkey), 1);
  EVP_PKEY_free(pkey);
  EXPECT_EQ(X509_check_host(x509.get(), "cp.example.com", 0, 0, nullptr), 1);
  EXPECT_EQ(X509_check_host(x509.get(), "localhost", 0, 0, nullptr), 1);
  EXPECT_EQ(X509_check_ip_asc(x509.get(), "10.0.0.7", 0), 1);
  EXPECT_EQ(X509_get_extended_key_usage(x509.get()), static_cast<uint32_t>(XKU_SSL_SERVER));
}

TEST_F(CliTest, GenerateTlsCertificateToStandardOutput) {
  CliRun run = RunProcess({"generate", "tls-certificate", "--type", "client", "--hostname",
                           "dataplane-1", "--key-type", "ecdsa", "--key-file=-", "--cert-file=-"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  // Key first, then the certificate, and no "saved in" lines.
  EXPECT_EQ(run.out.rfind("-----BEGIN EC PRIVATE KEY-----\n", 0), 0u) << run.out;
  size_t cert_at = run.out.find("-----BEGIN CERTIFICATE-----\n");
  ASSERT_NE(cert_at, std::string::npos);
  EXPECT_EQ(run.out.find("saved in"), std::string::npos);
  auto x509 = ParseCert(run.out.substr(cert_at));
  ASSERT_TRUE(x509);
  EXPECT_EQ(X509_get_extended_key_usage(x509.get()), static_cast<uint32_t>(XKU_SSL_CLIENT));
}

TEST_F(CliTest, GenerateTlsCertificateUsageErrors) {
  CliRun run = RunProcess({"generate", "tls-certificate"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.err, "Error: required flag(s) \"hostname\", \"type\" not set\n");

  run = RunProcess({"generate", "tls-certificate", "--hostname=a"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.err, "Error: required flag(s) \"type\" not set\n");

  run = RunProcess({"generate", "tls-certificate", "--type=peer", "--hostname=a"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.err, "Error: invalid certificate type \"peer\"\n");

  run = RunProcess({"generate", "tls-certificate", "--type=server", "--hostname=,"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.err, "Error: at least one hostname must be given\n");

  // An empty --hostname= must not swallow the next flag as a hostname.
  run = RunProcess({"generate", "tls-certificate", "--type=server",
                    "--hostname=", "--key-file=/nonexistent-dir/k.pem"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.err,
            "Error: invalid hostname \"--key-file=/nonexistent-dir/k.pem\": a hostname cannot "
            "start with '-'\n");

  run = RunProcess(
      {"generate", "tls-certificate", "--type=server", "--hostname=a", "--key-type=dsa"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.err, "Error: invalid key type \"dsa\"\n");

  run = RunProcess({"generate", "tls-certificate", "--type=server", "--hostname=a",
                    "--key-file=/nonexistent-dir/key.pem", "--cert-file=-"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.err,
            "Error: could not write the key file: open /nonexistent-dir/key.pem: no such file or "
            "directory\n");
  EXPECT_EQ(run.out, "");
}

}  // namespace
}  // namespace meshplane
