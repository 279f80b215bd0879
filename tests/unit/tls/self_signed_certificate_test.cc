#include "tls/self_signed_certificate.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <ctime>
#include <memory>
#include <string>
#include <vector>

namespace meshplane {
namespace {

struct X509Free {
  void operator()(X509* x) const { X509_free(x); }
};
struct PkeyFree {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
using X509Ptr = std::unique_ptr<X509, X509Free>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;

X509Ptr ParseCert(const std::string& pem) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  X509* cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  return X509Ptr(cert);
}

PkeyPtr ParseKey(const std::string& pem) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  EVP_PKEY* key = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  return PkeyPtr(key);
}

// "DNS:<name>" or "IP:<address>", in certificate order.
std::vector<std::string> Sans(X509* cert) {
  std::vector<std::string> out;
  auto* names =
      static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr));
  for (int i = 0; names != nullptr && i < sk_GENERAL_NAME_num(names); ++i) {
    const GENERAL_NAME* name = sk_GENERAL_NAME_value(names, i);
    if (name->type == GEN_DNS) {
      out.push_back("DNS:" + std::string(reinterpret_cast<const char*>(
                                             ASN1_STRING_get0_data(name->d.dNSName)),
                                         ASN1_STRING_length(name->d.dNSName)));
    } else if (name->type == GEN_IPADD) {
      char text[INET6_ADDRSTRLEN];
      int len = ASN1_STRING_length(name->d.iPAddress);
      inet_ntop(len == 4 ? AF_INET : AF_INET6, ASN1_STRING_get0_data(name->d.iPAddress), text,
                sizeof(text));
      out.push_back("IP:" + std::string(text));
    }
  }
  GENERAL_NAMES_free(names);
  return out;
}

bool Critical(X509* cert, int nid) {
  int index = X509_get_ext_by_NID(cert, nid, -1);
  EXPECT_GE(index, 0) << OBJ_nid2sn(nid) << " missing";
  return index >= 0 && X509_EXTENSION_get_critical(X509_get_ext(cert, index)) == 1;
}

time_t Seconds(const ASN1_TIME* t) {
  std::tm tm{};
  EXPECT_EQ(ASN1_TIME_to_tm(t, &tm), 1);
  return timegm(&tm);
}

Timestamp At(time_t seconds) { return Timestamp(std::chrono::seconds(seconds)); }

PemKeyPair Generate(TlsCertType type, std::vector<std::string> hosts,
                    TlsKeyType key_type = TlsKeyType::kRsa, Timestamp now = Now()) {
  SelfSignedCertificateRequest request;
  request.type = type;
  request.key_type = key_type;
  request.hosts = std::move(hosts);
  request.now = now;
  auto pair = NewSelfSignedCertificate(request);
  EXPECT_TRUE(pair.ok()) << pair.status().message();
  return pair.ok() ? *pair : PemKeyPair{};
}

TEST(SelfSignedCertificateTest, ServerCertificateFollowsKumasTemplate) {
  const time_t now = 1700000000;
  PemKeyPair pair = Generate(TlsCertType::kServer,
                             {"localhost", "127.0.0.1", "cp.example.com", "::1", "::ffff:10.0.0.1"},
                             TlsKeyType::kRsa, At(now));
  X509Ptr cert = ParseCert(pair.cert_pem);
  ASSERT_TRUE(cert);
  PkeyPtr key = ParseKey(pair.key_pem);
  ASSERT_TRUE(key);

  EXPECT_EQ(pair.key_pem.rfind("-----BEGIN RSA PRIVATE KEY-----\n", 0), 0u);
  EXPECT_EQ(pair.cert_pem.rfind("-----BEGIN CERTIFICATE-----\n", 0), 0u);
  EXPECT_EQ(EVP_PKEY_get_base_id(key.get()), EVP_PKEY_RSA);
  EXPECT_EQ(EVP_PKEY_get_bits(key.get()), 2048);
  EXPECT_EQ(X509_check_private_key(cert.get(), key.get()), 1);
  EXPECT_EQ(X509_verify(cert.get(), key.get()), 1);  // self-signed
  EXPECT_EQ(X509_get_signature_nid(cert.get()), NID_sha256WithRSAEncryption);

  EXPECT_EQ(X509_get_version(cert.get()), X509_VERSION_3);
  EXPECT_EQ(X509_NAME_entry_count(X509_get_subject_name(cert.get())), 0);
  EXPECT_EQ(X509_NAME_entry_count(X509_get_issuer_name(cert.get())), 0);

  EXPECT_EQ(Seconds(X509_get0_notBefore(cert.get())), now - 5 * 60);
  EXPECT_EQ(Seconds(X509_get0_notAfter(cert.get())), now - 5 * 60 + 3650LL * 24 * 3600);

  EXPECT_EQ(Sans(cert.get()),
            (std::vector<std::string>{"DNS:localhost", "IP:127.0.0.1", "DNS:cp.example.com",
                                      "IP:::1", "IP:10.0.0.1"}));
  EXPECT_TRUE(Critical(cert.get(), NID_subject_alt_name));

  EXPECT_EQ(X509_check_ca(cert.get()), 1);
  EXPECT_TRUE(Critical(cert.get(), NID_basic_constraints));
  EXPECT_EQ(X509_get_key_usage(cert.get()),
            static_cast<uint32_t>(KU_DIGITAL_SIGNATURE | KU_KEY_ENCIPHERMENT | KU_KEY_CERT_SIGN));
  EXPECT_TRUE(Critical(cert.get(), NID_key_usage));
  EXPECT_EQ(X509_get_extended_key_usage(cert.get()), static_cast<uint32_t>(XKU_SSL_SERVER));
  EXPECT_FALSE(Critical(cert.get(), NID_ext_key_usage));
  EXPECT_NE(X509_get0_subject_key_id(cert.get()), nullptr);
  EXPECT_EQ(X509_get_ext_by_NID(cert.get(), NID_authority_key_identifier, -1), -1);

  EXPECT_EQ(X509_check_purpose(cert.get(), X509_PURPOSE_SSL_SERVER, 0), 1);
  EXPECT_NE(X509_check_purpose(cert.get(), X509_PURPOSE_SSL_CLIENT, 0), 1);
  EXPECT_EQ(X509_check_host(cert.get(), "cp.example.com", 0, 0, nullptr), 1);
  EXPECT_EQ(X509_check_ip_asc(cert.get(), "127.0.0.1", 0), 1);
  EXPECT_NE(X509_check_host(cert.get(), "other.example.com", 0, 0, nullptr), 1);
}

TEST(SelfSignedCertificateTest, ClientCertificateIsForClientAuthOnly) {
  PemKeyPair pair = Generate(TlsCertType::kClient, {"dataplane-1"});
  X509Ptr cert = ParseCert(pair.cert_pem);
  ASSERT_TRUE(cert);
  EXPECT_EQ(X509_get_extended_key_usage(cert.get()), static_cast<uint32_t>(XKU_SSL_CLIENT));
  EXPECT_EQ(X509_check_purpose(cert.get(), X509_PURPOSE_SSL_CLIENT, 0), 1);
  EXPECT_NE(X509_check_purpose(cert.get(), X509_PURPOSE_SSL_SERVER, 0), 1);
  EXPECT_EQ(Sans(cert.get()), (std::vector<std::string>{"DNS:dataplane-1"}));
}

TEST(SelfSignedCertificateTest, EcdsaKeyIsP256InSec1Pem) {
  PemKeyPair pair = Generate(TlsCertType::kServer, {"localhost"}, TlsKeyType::kEcdsa);
  EXPECT_EQ(pair.key_pem.rfind("-----BEGIN EC PRIVATE KEY-----\n", 0), 0u);
  X509Ptr cert = ParseCert(pair.cert_pem);
  PkeyPtr key = ParseKey(pair.key_pem);
  ASSERT_TRUE(cert && key);
  EXPECT_EQ(EVP_PKEY_get_base_id(key.get()), EVP_PKEY_EC);
  EXPECT_EQ(EVP_PKEY_get_bits(key.get()), 256);
  EXPECT_EQ(X509_check_private_key(cert.get(), key.get()), 1);
  EXPECT_EQ(X509_get_signature_nid(cert.get()), NID_ecdsa_with_SHA256);
}

TEST(SelfSignedCertificateTest, EveryCertificateHasItsOwnKeyAndSerial) {
  X509Ptr a = ParseCert(Generate(TlsCertType::kServer, {"a"}).cert_pem);
  X509Ptr b = ParseCert(Generate(TlsCertType::kServer, {"a"}).cert_pem);
  ASSERT_TRUE(a && b);
  EXPECT_NE(ASN1_INTEGER_cmp(X509_get0_serialNumber(a.get()), X509_get0_serialNumber(b.get())), 0);
  EXPECT_NE(EVP_PKEY_eq(X509_get0_pubkey(a.get()), X509_get0_pubkey(b.get())), 1);
}

TEST(SelfSignedCertificateTest, NonAsciiHostnameIsRefusedWithGosMessage) {
  SelfSignedCertificateRequest request;
  request.hosts = {"localhost", "bücher.example"};
  auto pair = NewSelfSignedCertificate(request);
  ASSERT_FALSE(pair.ok());
  EXPECT_EQ(pair.status().message(), "x509: \"bücher.example\" cannot be encoded as an IA5String");
}

}  // namespace
}  // namespace meshplane
