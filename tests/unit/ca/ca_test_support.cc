#include "unit/ca/ca_test_support.h"

#include <openssl/err.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include <stdexcept>

#include "ca/tls_key_pair.h"

namespace meshplane::ca_test {

X509Ptr ParsePem(const std::string& pem) {
  auto certs = ParseCertificatesPem(pem);
  if (!certs.ok()) {
    throw std::runtime_error("bad PEM: " + certs.status().message());
  }
  return std::move(certs->front());
}

std::string VerifyChain(const std::string& leaf_pem, const std::string& roots_pem,
                        const std::string& untrusted_pem, time_t at) {
  X509Ptr leaf = ParsePem(leaf_pem);
  X509_STORE* store = X509_STORE_new();
  auto roots = ParseCertificatesPem(roots_pem);
  for (auto& root : *roots) {
    X509_STORE_add_cert(store, root.get());
  }
  STACK_OF(X509)* untrusted = sk_X509_new_null();
  std::vector<X509Ptr> keep;
  if (!untrusted_pem.empty()) {
    auto certs = ParseCertificatesPem(untrusted_pem);
    for (auto& c : *certs) {
      sk_X509_push(untrusted, c.get());
      keep.push_back(std::move(c));
    }
  }
  X509_STORE_CTX* ctx = X509_STORE_CTX_new();
  X509_STORE_CTX_init(ctx, store, leaf.get(), untrusted);
  if (at != 0) {
    X509_STORE_CTX_set_time(ctx, 0, at);
  }
  int ok = X509_verify_cert(ctx);
  std::string reason = ok == 1 ? "" : X509_verify_cert_error_string(X509_STORE_CTX_get_error(ctx));
  X509_STORE_CTX_free(ctx);
  sk_X509_free(untrusted);
  X509_STORE_free(store);
  ERR_clear_error();
  return reason;
}

uint32_t KeyUsage(X509* cert) { return X509_get_key_usage(cert); }

std::vector<int> ExtendedKeyUsageNids(X509* cert) {
  std::vector<int> nids;
  auto* eku =
      static_cast<EXTENDED_KEY_USAGE*>(X509_get_ext_d2i(cert, NID_ext_key_usage, nullptr, nullptr));
  if (eku == nullptr) {
    return nids;
  }
  for (int i = 0; i < sk_ASN1_OBJECT_num(eku); ++i) {
    nids.push_back(OBJ_obj2nid(sk_ASN1_OBJECT_value(eku, i)));
  }
  EXTENDED_KEY_USAGE_free(eku);
  return nids;
}

bool IsCa(X509* cert) { return X509_check_ca(cert) != 0; }

bool IsExtensionCritical(X509* cert, int nid) {
  int idx = X509_get_ext_by_NID(cert, nid, -1);
  return idx >= 0 && X509_EXTENSION_get_critical(X509_get_ext(cert, idx)) == 1;
}

SigningCa MakeIntermediate(const SigningCa& parent, const std::string& common_name) {
  auto pair = ParseTlsKeyPair(parent.cert_chain_pem, parent.key_pem);
  if (!pair.ok()) {
    throw std::runtime_error(pair.status().message());
  }
  X509Ptr parent_cert = ParsePem(parent.cert_chain_pem);
  auto key = GenerateRsaKey(2048);
  X509Ptr cert(X509_new());
  X509_set_version(cert.get(), X509_VERSION_3);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 7);
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                             reinterpret_cast<const unsigned char*>(common_name.c_str()), -1, -1,
                             0);
  X509_set_issuer_name(cert.get(), X509_get_subject_name(parent_cert.get()));
  X509_set_pubkey(cert.get(), key->get());
  auto now = Clock::now();
  (void)SetValidity(cert.get(), now - std::chrono::hours(1), now + std::chrono::hours(24 * 365));
  (void)AddExtension(cert.get(), parent_cert.get(), NID_basic_constraints, "critical,CA:TRUE");
  (void)AddExtension(cert.get(), parent_cert.get(), NID_key_usage, "critical,keyCertSign,cRLSign");
  (void)AddExtension(cert.get(), parent_cert.get(), NID_subject_key_identifier, "hash");
  (void)AddExtension(cert.get(), parent_cert.get(), NID_authority_key_identifier, "keyid:always");
  X509_sign(cert.get(), pair->private_key.get(), EVP_sha256());
  // The chain as a provided backend takes it: issuing CA first, then its parents.
  return SigningCa{CertificatePem(cert.get()) + parent.cert_chain_pem, PrivateKeyPem(key->get())};
}

}  // namespace meshplane::ca_test
