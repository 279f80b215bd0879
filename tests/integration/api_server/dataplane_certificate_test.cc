// POST /meshes/{mesh}/dataplanes/{name}/certificate through the real server, checked with
// OpenSSL: the chain verifies against the mesh's trust bundle, the identity comes from the stored
// Dataplane, and a CSR's key is the certificate's key.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <ifaddrs.h>
#include <netinet/in.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "api_server_fixture.h"
#include "non_loopback_address.h"

namespace meshplane {
namespace {

struct PkeyFree {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct X509Free {
  void operator()(X509* x) const { X509_free(x); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;
using Cert = std::unique_ptr<X509, X509Free>;

std::string BioText(BIO* bio) {
  char* data = nullptr;
  long n = BIO_get_mem_data(bio, &data);
  std::string out(data, static_cast<size_t>(n));
  BIO_free(bio);
  return out;
}

Pkey NewEcKey() { return Pkey(EVP_EC_gen("P-256")); }

// A PKCS#10 request for `key` whose subject and SAN claim another identity: the control plane
// must ignore both.
std::string CsrPem(EVP_PKEY* key) {
  X509_REQ* req = X509_REQ_new();
  X509_REQ_set_pubkey(req, key);
  X509_NAME* name = X509_REQ_get_subject_name(req);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("admin"), -1, -1, 0);
  X509_REQ_sign(req, key, EVP_sha256());
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_X509_REQ(bio, req);
  X509_REQ_free(req);
  return BioText(bio);
}

Cert ParseCert(const std::string& pem) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  Cert cert(PEM_read_bio_X509(bio, nullptr, nullptr, nullptr));
  BIO_free(bio);
  return cert;
}

Pkey ParseKey(const std::string& pem) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  Pkey key(PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr));
  BIO_free(bio);
  return key;
}

// "" when `leaf` verifies against the roots of `bundle`, OpenSSL's reason otherwise.
std::string Verify(X509* leaf, const Json& bundle) {
  X509_STORE* store = X509_STORE_new();
  for (const Json& pem : bundle) {
    Cert root = ParseCert(pem.get<std::string>());
    X509_STORE_add_cert(store, root.get());
  }
  X509_STORE_CTX* ctx = X509_STORE_CTX_new();
  X509_STORE_CTX_init(ctx, store, leaf, nullptr);
  std::string reason;
  if (X509_verify_cert(ctx) != 1) {
    reason = X509_verify_cert_error_string(X509_STORE_CTX_get_error(ctx));
  }
  X509_STORE_CTX_free(ctx);
  X509_STORE_free(store);
  return reason;
}

std::vector<std::string> UriSans(X509* cert) {
  std::vector<std::string> uris;
  auto* names =
      static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr));
  for (int i = 0; names != nullptr && i < sk_GENERAL_NAME_num(names); ++i) {
    const GENERAL_NAME* n = sk_GENERAL_NAME_value(names, i);
    if (n->type == GEN_URI) {
      const ASN1_IA5STRING* s = n->d.uniformResourceIdentifier;
      uris.emplace_back(reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)),
                        static_cast<size_t>(ASN1_STRING_length(s)));
    }
  }
  GENERAL_NAMES_free(names);
  return uris;
}

class DataplaneCertificateTest : public ApiServerFixture {
 protected:
  void SetUp() override {
    ApiServerFixture::SetUp();
    Json mesh = {{"type", "Mesh"},
                 {"name", "demo"},
                 {"mtls",
                  {{"enabledBackend", "ca-1"},
                   {"backends", Json::array({{{"name", "ca-1"}, {"type", "builtin"}}})}}}};
    ASSERT_EQ(Put("/meshes/demo", mesh).status, 201);
    ASSERT_EQ(Put("/meshes/demo/dataplanes/web-1", DataplaneBody("demo", "web-1")).status, 201);
  }

  static Json DataplaneBody(const std::string& mesh, const std::string& name) {
    return {{"type", "Dataplane"},
            {"mesh", mesh},
            {"name", name},
            {"networking",
             {{"address", "10.0.0.1"},
              {"inbound",
               Json::array({{{"port", 8080},
                             {"tags", {{"kuma.io/service", "web"}, {"version", "v1"}}}}})}}}};
  }

  HttpResponse Post(const std::string& target, const std::string& body) {
    return Must(client_->Request("POST", target, body, {{"Content-Type", "application/json"}}));
  }
};

TEST_F(DataplaneCertificateTest, CsrKeyStaysWithTheProxyAndIdentityComesFromTheDataplane) {
  Pkey key = NewEcKey();
  HttpResponse r =
      Post("/meshes/demo/dataplanes/web-1/certificate", Json{{"csr", CsrPem(key.get())}}.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  Json body = Parse(r);
  EXPECT_FALSE(body.contains("privateKey"));

  Cert leaf = ParseCert(body["certificate"].get<std::string>());
  ASSERT_TRUE(leaf);
  EXPECT_EQ(Verify(leaf.get(), body["trustBundle"]), "");
  Pkey leaf_key(X509_get_pubkey(leaf.get()));
  EXPECT_EQ(EVP_PKEY_eq(leaf_key.get(), key.get()), 1);
  // The CSR's CN=admin is ignored; the zone tag injected by the control plane is part of the
  // identity.
  const std::vector<std::string> expected = {"spiffe://demo/web", "kuma://kuma.io/service/web",
                                             "kuma://kuma.io/zone/default", "kuma://version/v1"};
  EXPECT_EQ(UriSans(leaf.get()), expected);
  EXPECT_EQ(body["uriSans"], Json(expected));
  EXPECT_EQ(X509_NAME_entry_count(X509_get_subject_name(leaf.get())), 0);

  Timestamp not_before, not_after, renew_at;
  ASSERT_TRUE(ParseRfc3339(body["notBefore"], &not_before));
  ASSERT_TRUE(ParseRfc3339(body["notAfter"], &not_after));
  ASSERT_TRUE(ParseRfc3339(body["renewAt"], &renew_at));
  using Hours = std::chrono::duration<double, std::ratio<3600>>;
  EXPECT_NEAR(Hours(not_after - not_before).count(), 24.0, 0.01);
  EXPECT_LT(renew_at, not_after);
  EXPECT_GT(renew_at, not_before);
}

TEST_F(DataplaneCertificateTest, WithoutCsrTheControlPlaneGeneratesTheKey) {
  HttpResponse r = Post("/meshes/demo/dataplanes/web-1/certificate", "");
  ASSERT_EQ(r.status, 200) << r.body;
  Json body = Parse(r);
  ASSERT_TRUE(body.contains("privateKey"));
  Cert leaf = ParseCert(body["certificate"].get<std::string>());
  Pkey key = ParseKey(body["privateKey"].get<std::string>());
  ASSERT_TRUE(leaf && key);
  EXPECT_EQ(X509_check_private_key(leaf.get(), key.get()), 1);
  EXPECT_EQ(EVP_PKEY_get_base_id(key.get()), EVP_PKEY_RSA);  // Kuma's default key type
  EXPECT_EQ(Verify(leaf.get(), body["trustBundle"]), "");
}

TEST_F(DataplaneCertificateTest, ConfiguredEcdsaKeysAreGenerated) {
  ApiServerOptions options;
  options.workload_key_type = WorkloadKeyType::kEcdsaP256;
  StartServer(options);
  HttpResponse r = Post("/meshes/demo/dataplanes/web-1/certificate", "{}");
  ASSERT_EQ(r.status, 200) << r.body;
  Pkey key = ParseKey(Parse(r)["privateKey"].get<std::string>());
  ASSERT_TRUE(key);
  EXPECT_EQ(EVP_PKEY_get_base_id(key.get()), EVP_PKEY_EC);
}

TEST_F(DataplaneCertificateTest, EveryIssuanceHasItsOwnSerial) {
  Pkey key = NewEcKey();
  const std::string body = Json{{"csr", CsrPem(key.get())}}.dump();
  std::string first =
      Parse(Post("/meshes/demo/dataplanes/web-1/certificate", body))["serialNumber"];
  std::string second =
      Parse(Post("/meshes/demo/dataplanes/web-1/certificate", body))["serialNumber"];
  EXPECT_NE(first, second);
}

TEST_F(DataplaneCertificateTest, ClearErrorsForWhatCannotBeIssued) {
  HttpResponse r = Post("/meshes/demo/dataplanes/missing/certificate", "");
  EXPECT_EQ(r.status, 404) << r.body;
  r = Post("/meshes/nope/dataplanes/web-1/certificate", "");
  EXPECT_EQ(r.status, 404) << r.body;

  r = Post("/meshes/demo/dataplanes/web-1/certificate", R"({"csr":"not a csr"})");
  EXPECT_EQ(r.status, 400) << r.body;
  Json body = Parse(r);
  ASSERT_TRUE(body.contains("invalid_parameters")) << r.body;
  EXPECT_EQ(body["invalid_parameters"][0]["field"], "csr");

  r = Post("/meshes/demo/dataplanes/web-1/certificate", R"({"key":"x"})");
  EXPECT_EQ(r.status, 400) << r.body;
  r = Post("/meshes/demo/dataplanes/web-1/certificate", "[1]");
  EXPECT_EQ(r.status, 400) << r.body;

  // A mesh without mTLS has no CA to sign with.
  ASSERT_EQ(Put("/meshes/plain", MeshBody("plain")).status, 201);
  ASSERT_EQ(Put("/meshes/plain/dataplanes/web-1", DataplaneBody("plain", "web-1")).status, 201);
  r = Post("/meshes/plain/dataplanes/web-1/certificate", "");
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_NE(r.body.find("has to be defined"), std::string::npos) << r.body;
}

TEST_F(DataplaneCertificateTest, RemoteClientsAreRefusedUntilProxiesAuthenticate) {
  std::optional<std::string> address = NonLoopbackAddress();
  if (!address) {
    GTEST_SKIP() << "this host has no non-loopback IPv4 address";
  }
  ApiServerOptions options;
  options.address = "0.0.0.0";
  options.port = 0;
  MetricsRegistry metrics;
  ApiServer wide(*manager_, metrics, options);
  ASSERT_TRUE(wide.Start().ok());
  HttpClient remote("http://" + *address + ":" + std::to_string(wide.port()));
  auto r = remote.Request("POST", "/meshes/demo/dataplanes/web-1/certificate", "",
                          {{"Content-Type", "application/json"}});
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->status, 403);
  EXPECT_EQ(r->body.find("PRIVATE KEY"), std::string::npos);
  wide.Shutdown(std::chrono::milliseconds(1000));
}

}  // namespace
}  // namespace meshplane
