#include "ca/builtin/builtin_root_ca.h"

#include <openssl/x509v3.h>

#include "ca/x509_certificate.h"

namespace meshplane {

namespace {

Status AddNameEntry(X509_NAME* name, const char* field, const std::string& value) {
  if (X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8,
                                 reinterpret_cast<const unsigned char*>(value.c_str()), -1, -1,
                                 0) != 1) {
    return Status::Internal(OpenSslError(std::string("failed to set subject ") + field));
  }
  return Status::Ok();
}

}  // namespace

Result<GeneratedRootCa> GenerateBuiltinRootCa(const std::string& mesh, int rsa_bits,
                                              std::chrono::seconds validity, Timestamp now) {
  Result<EvpPkeyPtr> key = GenerateRsaKey(rsa_bits);
  if (!key.ok()) {
    return key.status();
  }
  X509Ptr cert(X509_new());
  if (!cert || X509_set_version(cert.get(), X509_VERSION_3) != 1 ||
      ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 0) != 1) {
    return Status::Internal(OpenSslError("failed to create the CA certificate"));
  }
  // Go writes a pkix.Name as O, OU, CN; the DER keeps that order.
  X509_NAME* name = X509_get_subject_name(cert.get());
  MP_RETURN_IF_ERROR(AddNameEntry(name, "O", "Kuma"));
  MP_RETURN_IF_ERROR(AddNameEntry(name, "OU", "Mesh"));
  MP_RETURN_IF_ERROR(AddNameEntry(name, "CN", mesh));
  if (X509_set_issuer_name(cert.get(), name) != 1 || X509_set_pubkey(cert.get(), key->get()) != 1) {
    return Status::Internal(OpenSslError("failed to create the CA certificate"));
  }
  const Timestamp not_after = now + validity;
  MP_RETURN_IF_ERROR(SetValidity(cert.get(), now - kAllowedClockSkew, not_after));
  X509* c = cert.get();
  MP_RETURN_IF_ERROR(AddExtension(c, c, NID_basic_constraints, "critical,CA:TRUE"));
  MP_RETURN_IF_ERROR(AddExtension(c, c, NID_key_usage, "critical,keyCertSign,cRLSign"));
  MP_RETURN_IF_ERROR(AddExtension(c, c, NID_subject_key_identifier, "hash"));
  MP_RETURN_IF_ERROR(AddExtension(c, c, NID_subject_alt_name, "URI:spiffe://" + mesh));
  if (X509_sign(c, key->get(), EVP_sha256()) <= 0) {
    return Status::Internal(OpenSslError("failed to sign the CA certificate"));
  }
  GeneratedRootCa out;
  out.cert_pem = CertificatePem(c);
  out.key_pem = PrivateKeyPem(key->get());
  out.not_after = AsnTimeToTimestamp(X509_get0_notAfter(c));
  return out;
}

}  // namespace meshplane
