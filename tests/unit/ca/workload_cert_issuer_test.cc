#include "ca/workload_cert_issuer.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <set>

#include "ca/builtin/builtin_root_ca.h"
#include "unit/ca/ca_test_support.h"
#include "unit/ca/test_pki.h"

namespace meshplane {
namespace {

using ca_test::ParsePem;
using ca_test::VerifyChain;

const SigningCa& Root() {
  static const SigningCa* root = [] {
    auto ca = GenerateBuiltinRootCa("default", 2048, kDefaultCaValidity, Clock::now());
    EXPECT_TRUE(ca.ok()) << ca.status().message();
    return new SigningCa{ca->cert_pem, ca->key_pem};
  }();
  return *root;
}

WorkloadCertificateParams Params(IdentityTags tags = {{"kuma.io/service", {"web"}}}) {
  WorkloadCertificateParams p;
  p.mesh = "default";
  p.tags = std::move(tags);
  p.now = Clock::now();
  return p;
}

std::string MakeCsr(EVP_PKEY* key, const std::string& cn, const std::string& san) {
  X509_REQ* req = X509_REQ_new();
  X509_NAME* name = X509_REQ_get_subject_name(req);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                             reinterpret_cast<const unsigned char*>(cn.c_str()), -1, -1, 0);
  X509_REQ_set_pubkey(req, key);
  STACK_OF(X509_EXTENSION)* exts = sk_X509_EXTENSION_new_null();
  sk_X509_EXTENSION_push(exts,
                         X509V3_EXT_conf_nid(nullptr, nullptr, NID_subject_alt_name, san.c_str()));
  X509_REQ_add_extensions(req, exts);
  sk_X509_EXTENSION_pop_free(exts, X509_EXTENSION_free);
  X509_REQ_sign(req, key, EVP_sha256());
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_X509_REQ(bio, req);
  char* data = nullptr;
  long len = BIO_get_mem_data(bio, &data);
  std::string pem(data, static_cast<size_t>(len));
  BIO_free(bio);
  X509_REQ_free(req);
  return pem;
}

TEST(WorkloadKeyTypeTest, ParsesTheConfigValues) {
  EXPECT_EQ(*ParseWorkloadKeyType("RSA"), WorkloadKeyType::kRsa2048);
  EXPECT_EQ(*ParseWorkloadKeyType("ECDSA"), WorkloadKeyType::kEcdsaP256);
  EXPECT_EQ(ParseWorkloadKeyType("rsa").status().message(),
            "\"rsa\" is not a valid key type: expected RSA or ECDSA");
}

TEST(WorkloadUriSansTest, KumasExampleOrder) {
  auto uris =
      WorkloadUriSans("default", {{"kuma.io/service", {"web-api", "web"}}, {"version", {"v1"}}});
  ASSERT_TRUE(uris.ok()) << uris.status().message();
  EXPECT_EQ(*uris,
            (std::vector<std::string>{"spiffe://default/web", "spiffe://default/web-api",
                                      "kuma://kuma.io/service/web",
                                      "kuma://kuma.io/service/web-api", "kuma://version/v1"}));
}

TEST(WorkloadUriSansTest, RejectsMissingServiceAndBadSegments) {
  EXPECT_EQ(WorkloadUriSans("default", {{"version", {"v1"}}}).status().message(),
            "dataplane has no kuma.io/service tag, cannot derive mTLS identity");
  EXPECT_EQ(WorkloadUriSans("default", {{"kuma.io/service", {"web:8080"}}}).status().message(),
            "invalid path segment \"web:8080\": path segment characters are limited to "
            "letters, numbers, dots, dashes, and underscores");
  EXPECT_EQ(WorkloadUriSans("default", {{"kuma.io/service", {".."}}}).status().message(),
            "invalid path segment \"..\": path cannot contain dot segments");
  EXPECT_EQ(
      WorkloadUriSans("default", {{"kuma.io/service", {"web"}}, {"a:b", {"v"}}}).status().message(),
      "invalid Kuma URI: parse \"kuma://a:b/v\": invalid port \":b\" after host");
  EXPECT_TRUE(WorkloadUriSans("default", {{"kuma.io/service", {"web"}}, {"a:80", {"v"}}}).ok());
}

TEST(WorkloadCertIssuerTest, RsaCertificateFollowsKumasTemplate) {
  WorkloadCertificateParams params =
      Params({{"kuma.io/service", {"web-api", "web"}}, {"version", {"v1"}}});
  auto cert = IssueWorkloadCertificate(params, Root(),
                                       WorkloadKeyRequest::Generate(WorkloadKeyType::kRsa2048));
  ASSERT_TRUE(cert.ok()) << cert.status().message();
  EXPECT_EQ(VerifyChain(cert->certificate_pem, Root().cert_chain_pem), "");

  X509Ptr leaf = ParsePem(cert->certificate_pem);
  CertificateSummary s = SummarizeCertificate(leaf.get());
  EXPECT_EQ(s.subject, "");
  EXPECT_EQ(s.issuer, "CN=default,OU=Mesh,O=Kuma");
  EXPECT_EQ(s.uri_sans,
            (std::vector<std::string>{"spiffe://default/web", "spiffe://default/web-api",
                                      "kuma://kuma.io/service/web",
                                      "kuma://kuma.io/service/web-api", "kuma://version/v1"}));
  EXPECT_EQ(s.uri_sans, cert->uri_sans);
  EXPECT_TRUE(ca_test::IsExtensionCritical(leaf.get(), NID_subject_alt_name));
  EXPECT_EQ(ca_test::KeyUsage(leaf.get()),
            static_cast<uint32_t>(KU_DIGITAL_SIGNATURE | KU_KEY_ENCIPHERMENT | KU_KEY_AGREEMENT));
  EXPECT_EQ(ca_test::ExtendedKeyUsageNids(leaf.get()),
            (std::vector<int>{NID_server_auth, NID_client_auth}));
  EXPECT_FALSE(ca_test::IsCa(leaf.get()));
  EXPECT_TRUE(ca_test::IsExtensionCritical(leaf.get(), NID_basic_constraints));
  EXPECT_EQ(EVP_PKEY_get_base_id(X509_get0_pubkey(leaf.get())), EVP_PKEY_RSA);
  EXPECT_EQ(EVP_PKEY_get_bits(X509_get0_pubkey(leaf.get())), 2048);

  auto now_s = std::chrono::time_point_cast<std::chrono::seconds>(params.now);
  EXPECT_EQ(cert->not_before, now_s - std::chrono::seconds(10));
  EXPECT_EQ(cert->not_after, now_s + std::chrono::hours(24));
  EXPECT_EQ(cert->renew_at, params.now + (cert->not_after - params.now) / 5 * 4);
  EXPECT_NE(cert->private_key_pem.find("BEGIN RSA PRIVATE KEY"), std::string::npos);
  EXPECT_TRUE(ParseTlsKeyPair(cert->certificate_pem, cert->private_key_pem).ok());
  EXPECT_EQ(cert->ca_chain_pem, Root().cert_chain_pem);
}

TEST(WorkloadCertIssuerTest, ValidityComesFromTheParameters) {
  WorkloadCertificateParams params = Params();
  params.validity = std::chrono::hours(1);
  auto cert = IssueWorkloadCertificate(params, Root(),
                                       WorkloadKeyRequest::Generate(WorkloadKeyType::kEcdsaP256));
  ASSERT_TRUE(cert.ok());
  auto now_s = std::chrono::time_point_cast<std::chrono::seconds>(params.now);
  EXPECT_EQ(cert->not_after, now_s + std::chrono::hours(1));
  // Expired two hours later.
  time_t later = Clock::to_time_t(params.now + std::chrono::hours(2));
  EXPECT_EQ(VerifyChain(cert->certificate_pem, Root().cert_chain_pem, "", later),
            "certificate has expired");
}

TEST(WorkloadCertIssuerTest, EcdsaCertificateDropsKeyEncipherment) {
  auto cert = IssueWorkloadCertificate(Params(), Root(),
                                       WorkloadKeyRequest::Generate(WorkloadKeyType::kEcdsaP256));
  ASSERT_TRUE(cert.ok()) << cert.status().message();
  EXPECT_EQ(VerifyChain(cert->certificate_pem, Root().cert_chain_pem), "");
  X509Ptr leaf = ParsePem(cert->certificate_pem);
  EXPECT_EQ(EVP_PKEY_get_base_id(X509_get0_pubkey(leaf.get())), EVP_PKEY_EC);
  EXPECT_EQ(ca_test::KeyUsage(leaf.get()),
            static_cast<uint32_t>(KU_DIGITAL_SIGNATURE | KU_KEY_AGREEMENT));
  EXPECT_NE(cert->private_key_pem.find("BEGIN EC PRIVATE KEY"), std::string::npos);
  EXPECT_TRUE(ParseTlsKeyPair(cert->certificate_pem, cert->private_key_pem).ok());
}

TEST(WorkloadCertIssuerTest, CsrKeyIsUsedAndItsIdentityIgnored) {
  EvpPkeyPtr key = test_pki::GenerateKey(test_pki::KeyType::kEcP256);
  std::string csr = MakeCsr(key.get(), "admin", "URI:spiffe://other/admin");
  auto cert = IssueWorkloadCertificate(Params(), Root(), WorkloadKeyRequest::FromCsr(csr));
  ASSERT_TRUE(cert.ok()) << cert.status().message();
  EXPECT_TRUE(cert->private_key_pem.empty());
  X509Ptr leaf = ParsePem(cert->certificate_pem);
  EXPECT_EQ(EVP_PKEY_eq(X509_get0_pubkey(leaf.get()), key.get()), 1);
  CertificateSummary s = SummarizeCertificate(leaf.get());
  EXPECT_EQ(s.subject, "");
  EXPECT_EQ(s.uri_sans,
            (std::vector<std::string>{"spiffe://default/web", "kuma://kuma.io/service/web"}));
  // The caller's own key completes the pair.
  EXPECT_TRUE(ParseTlsKeyPair(cert->certificate_pem, test_pki::PrivateKeyPem(key.get())).ok());
  EXPECT_EQ(VerifyChain(cert->certificate_pem, Root().cert_chain_pem), "");
}

TEST(WorkloadCertIssuerTest, RejectsCsrsThatAreBrokenOrForged) {
  EXPECT_EQ(IssueWorkloadCertificate(Params(), Root(), WorkloadKeyRequest::FromCsr("garbage"))
                .status()
                .message(),
            "invalid CSR: no valid CERTIFICATE REQUEST PEM block");
  EXPECT_EQ(IssueWorkloadCertificate(Params(), Root(), WorkloadKeyRequest::FromCsr(""))
                .status()
                .message(),
            "invalid CSR: no valid CERTIFICATE REQUEST PEM block");
  // A CSR whose signature was made by another key than the one it carries.
  EvpPkeyPtr key = test_pki::GenerateKey(test_pki::KeyType::kEcP256);
  EvpPkeyPtr other = test_pki::GenerateKey(test_pki::KeyType::kEcP256);
  X509_REQ* req = X509_REQ_new();
  X509_REQ_set_pubkey(req, key.get());
  X509_REQ_sign(req, other.get(), EVP_sha256());
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_X509_REQ(bio, req);
  char* data = nullptr;
  long len = BIO_get_mem_data(bio, &data);
  std::string forged(data, static_cast<size_t>(len));
  BIO_free(bio);
  X509_REQ_free(req);
  auto cert = IssueWorkloadCertificate(Params(), Root(), WorkloadKeyRequest::FromCsr(forged));
  EXPECT_EQ(cert.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(cert.status().message(), "invalid CSR: the signature does not verify");
}

TEST(WorkloadCertIssuerTest, SerialsAreDistinctAndWithin128Bits) {
  std::set<std::string> serials;
  for (int i = 0; i < 200; ++i) {
    auto cert = IssueWorkloadCertificate(Params(), Root(),
                                         WorkloadKeyRequest::Generate(WorkloadKeyType::kEcdsaP256));
    ASSERT_TRUE(cert.ok());
    X509Ptr leaf = ParsePem(cert->certificate_pem);
    BIGNUM* bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(leaf.get()), nullptr);
    EXPECT_FALSE(BN_is_zero(bn));
    EXPECT_FALSE(BN_is_negative(bn));
    EXPECT_LE(BN_num_bits(bn), 128);
    BN_free(bn);
    serials.insert(cert->serial_number);
  }
  EXPECT_EQ(serials.size(), 200u);
}

TEST(WorkloadCertIssuerTest, ProvidedChainWithIntermediateIssuesUnderTheIntermediate) {
  SigningCa intermediate = ca_test::MakeIntermediate(Root(), "intermediate");
  auto cert = IssueWorkloadCertificate(Params(), intermediate,
                                       WorkloadKeyRequest::Generate(WorkloadKeyType::kRsa2048));
  ASSERT_TRUE(cert.ok()) << cert.status().message();
  X509Ptr leaf = ParsePem(cert->certificate_pem);
  EXPECT_EQ(SummarizeCertificate(leaf.get()).issuer, "CN=intermediate");
  // The leaf alone (as Kuma serves it) verifies once the intermediate is known; the trust
  // bundle of a provided backend is its whole chain.
  EXPECT_EQ(VerifyChain(cert->certificate_pem, Root().cert_chain_pem, cert->ca_chain_pem), "");
  EXPECT_EQ(VerifyChain(cert->certificate_pem, Root().cert_chain_pem),
            "unable to get local issuer certificate");
  EXPECT_EQ(cert->ca_chain_pem, intermediate.cert_chain_pem);
}

TEST(WorkloadCertIssuerTest, EcdsaProvidedCaSigns) {
  test_pki::CaMaterial ca = test_pki::MakeCa(test_pki::KeyType::kEcP256);
  auto cert = IssueWorkloadCertificate(Params(), SigningCa{ca.cert_pem, ca.key_pem},
                                       WorkloadKeyRequest::Generate(WorkloadKeyType::kRsa2048));
  ASSERT_TRUE(cert.ok()) << cert.status().message();
  EXPECT_EQ(VerifyChain(cert->certificate_pem, ca.cert_pem), "");
}

TEST(WorkloadCertIssuerTest, MismatchedCaKeyIsReported) {
  test_pki::CaMaterial other = test_pki::MakeCa(test_pki::KeyType::kRsa2048);
  auto cert = IssueWorkloadCertificate(Params(), SigningCa{Root().cert_chain_pem, other.key_pem},
                                       WorkloadKeyRequest::Generate(WorkloadKeyType::kRsa2048));
  EXPECT_EQ(cert.status().message(),
            "failed to load CA key pair: failed to parse TLS key pair: tls: private key does not "
            "match public key");
}

}  // namespace
}  // namespace meshplane
