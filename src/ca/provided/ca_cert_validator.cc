#include "ca/provided/ca_cert_validator.h"

#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "ca/tls_key_pair.h"

namespace meshplane {

namespace {

// Bit positions of the KeyUsage BIT STRING (RFC 5280 4.2.1.3).
constexpr int kKeyAgreementBit = 4;
constexpr int kKeyCertSignBit = 5;

struct CertificateFacts {
  bool is_ca = false;
  bool key_cert_sign = false;
  bool key_agreement = false;
};

// What Go's x509 package reports as IsCA and KeyUsage: both come only from the extensions, so
// a certificate without a KeyUsage extension has no key usage at all.
bool ReadFacts(const std::string& der, CertificateFacts* facts) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(der.data());
  const unsigned char* end = p + der.size();
  X509* cert = d2i_X509(nullptr, &p, static_cast<long>(der.size()));
  if (cert == nullptr || p != end) {
    X509_free(cert);
    ERR_clear_error();
    return false;
  }
  auto* constraints = static_cast<BASIC_CONSTRAINTS*>(
      X509_get_ext_d2i(cert, NID_basic_constraints, nullptr, nullptr));
  facts->is_ca = constraints != nullptr && constraints->ca != 0;
  BASIC_CONSTRAINTS_free(constraints);
  auto* usage =
      static_cast<ASN1_BIT_STRING*>(X509_get_ext_d2i(cert, NID_key_usage, nullptr, nullptr));
  if (usage != nullptr) {
    facts->key_cert_sign = ASN1_BIT_STRING_get_bit(usage, kKeyCertSignBit) == 1;
    facts->key_agreement = ASN1_BIT_STRING_get_bit(usage, kKeyAgreementBit) == 1;
  }
  ASN1_BIT_STRING_free(usage);
  X509_free(cert);
  ERR_clear_error();
  return true;
}

}  // namespace

ValidationError ValidateCaCertificate(const std::string& cert_pem, const std::string& key_pem) {
  ValidationError err;
  Result<TlsKeyPair> pair = ParseTlsKeyPair(cert_pem, key_pem);
  if (!pair.ok()) {
    err.AddViolation("cert", "not a valid TLS key pair: " + pair.status().message());
    return err;
  }
  const PathBuilder cert_path = PathBuilder::RootedAt("cert");
  for (size_t i = 0; i < pair->certificates_der.size(); ++i) {
    const PathBuilder path = cert_path.Index(i);
    CertificateFacts facts;
    if (!ReadFacts(pair->certificates_der[i], &facts)) {
      err.AddViolationAt(path,
                         std::string("not a valid x509 certificate: ") + kMalformedCertificate);
      return err;
    }
    if (!facts.is_ca) {
      err.AddViolationAt(
          path,
          "basic constraint 'CA' must be set to 'true' (see X509-SVID: 4.1. Basic Constraints)");
    }
    if (!facts.key_cert_sign) {
      err.AddViolationAt(
          path, "key usage extension 'keyCertSign' must be set (see X509-SVID: 4.3. Key Usage)");
    }
    if (facts.key_agreement) {
      err.AddViolationAt(path,
                         "key usage extension 'keyAgreement' must NOT be set (see X509-SVID: "
                         "Appendix A. X.509 Field Reference)");
    }
  }
  return err;
}

}  // namespace meshplane
