#include "ca/workload_cert_issuer.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include "ca/builtin/builtin_root_ca.h"
#include "ca/tls_key_pair.h"
#include "ca/x509_certificate.h"

namespace meshplane {

namespace {

std::string Quoted(const std::string& s) { return "\"" + s + "\""; }

bool IsSpiffePathChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '-' || c == '_';
}

bool IsTrustDomainChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
}

// go-spiffe's FromSegments checks on one path segment.
Status ValidatePathSegment(const std::string& segment) {
  std::string reason;
  if (segment.empty()) {
    reason = "path cannot contain empty segments";
  } else if (segment == "." || segment == "..") {
    reason = "path cannot contain dot segments";
  } else {
    for (char c : segment) {
      if (!IsSpiffePathChar(c)) {
        reason =
            "path segment characters are limited to letters, numbers, dots, dashes, and "
            "underscores";
        break;
      }
    }
  }
  if (reason.empty()) {
    return Status::Ok();
  }
  return Status::InvalidArgument("invalid path segment " + Quoted(segment) + ": " + reason);
}

// What Go's url.Parse rejects in `kuma://<key>/<value>`: the authority is the key up to its
// first '/', and a ':' in it starts a port that must be all digits.
Status ValidateKumaUri(const std::string& uri, const std::string& key) {
  const std::string host = key.substr(0, key.find('/'));
  size_t colon = host.rfind(':');
  if (colon == std::string::npos) {
    return Status::Ok();
  }
  const std::string port = host.substr(colon);
  for (size_t i = 1; i < port.size(); ++i) {
    if (port[i] < '0' || port[i] > '9') {
      return Status::InvalidArgument("invalid Kuma URI: parse " + Quoted(uri) + ": invalid port " +
                                     Quoted(port) + " after host");
    }
  }
  return Status::Ok();
}

struct X509ReqDeleter {
  void operator()(X509_REQ* r) const { X509_REQ_free(r); }
};
using X509ReqPtr = std::unique_ptr<X509_REQ, X509ReqDeleter>;

// The public key of a CSR whose self-signature verifies.
Result<EvpPkeyPtr> PublicKeyFromCsr(const std::string& csr_pem) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(
      BIO_new_mem_buf(csr_pem.data(), static_cast<int>(csr_pem.size())), &BIO_free);
  X509ReqPtr req(PEM_read_bio_X509_REQ(bio.get(), nullptr, nullptr, nullptr));
  if (!req) {
    ERR_clear_error();
    return Status::InvalidArgument("invalid CSR: no valid CERTIFICATE REQUEST PEM block");
  }
  EVP_PKEY* pub = X509_REQ_get0_pubkey(req.get());
  if (pub == nullptr) {
    return Status::InvalidArgument(OpenSslError("invalid CSR: unreadable public key"));
  }
  if (X509_REQ_verify(req.get(), pub) != 1) {
    ERR_clear_error();
    return Status::InvalidArgument("invalid CSR: the signature does not verify");
  }
  EVP_PKEY_up_ref(pub);
  return EvpPkeyPtr(pub);
}

std::string KeyUsageFor(EVP_PKEY* leaf_key) {
  switch (EVP_PKEY_get_base_id(leaf_key)) {
    case EVP_PKEY_RSA:
      return "critical,digitalSignature,keyEncipherment,keyAgreement";
    case EVP_PKEY_EC:
      return "critical,digitalSignature,keyAgreement";
    default:
      return "critical,digitalSignature";
  }
}

// Uniform in [1, 2^128 - 1], as Kuma's newSerialNumber.
Status SetRandomSerial(X509* cert) {
  std::unique_ptr<BIGNUM, decltype(&BN_free)> range(BN_new(), &BN_free);
  std::unique_ptr<BIGNUM, decltype(&BN_free)> serial(BN_new(), &BN_free);
  if (!range || !serial || BN_set_word(range.get(), 1) != 1 ||
      BN_lshift(range.get(), range.get(), 128) != 1 ||
      BN_sub_word(range.get(), 1) != 1 ||               // 2^128 - 1
      BN_rand_range(serial.get(), range.get()) != 1 ||  // [0, 2^128 - 2]
      BN_add_word(serial.get(), 1) != 1 ||              // [1, 2^128 - 1]
      BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert)) == nullptr) {
    return Status::Internal(OpenSslError("failed to generate a serial number"));
  }
  return Status::Ok();
}

}  // namespace

Result<WorkloadKeyType> ParseWorkloadKeyType(const std::string& name) {
  if (name == "RSA") {
    return WorkloadKeyType::kRsa2048;
  }
  if (name == "ECDSA") {
    return WorkloadKeyType::kEcdsaP256;
  }
  return Status::InvalidArgument(Quoted(name) + " is not a valid key type: expected RSA or ECDSA");
}

Result<std::vector<std::string>> WorkloadUriSans(const std::string& mesh,
                                                 const IdentityTags& tags) {
  for (char c : mesh) {
    if (!IsTrustDomainChar(c)) {
      return Status::InvalidArgument(
          "trust domain characters are limited to lowercase letters, numbers, dots, dashes, and "
          "underscores");
    }
  }
  auto services = tags.find(kServiceTag);
  if (services == tags.end() || services->second.empty()) {
    return Status::InvalidArgument(
        "dataplane has no kuma.io/service tag, cannot derive mTLS identity");
  }
  std::vector<std::string> uris;
  for (const std::string& service : services->second) {
    MP_RETURN_IF_ERROR(ValidatePathSegment(service));
    uris.push_back("spiffe://" + mesh + "/" + service);
  }
  for (const auto& [key, values] : tags) {
    for (const std::string& value : values) {
      std::string uri = "kuma://" + key + "/" + value;
      MP_RETURN_IF_ERROR(ValidateKumaUri(uri, key));
      uris.push_back(std::move(uri));
    }
  }
  return uris;
}

Result<WorkloadCertificate> IssueWorkloadCertificate(const WorkloadCertificateParams& params,
                                                     const SigningCa& ca,
                                                     const WorkloadKeyRequest& key_request) {
  Result<std::vector<std::string>> uris = WorkloadUriSans(params.mesh, params.tags);
  if (!uris.ok()) {
    return uris.status();
  }
  if (params.validity.count() <= 0) {
    return Status::InvalidArgument("workload certificate validity must be positive");
  }
  Result<TlsKeyPair> pair = ParseTlsKeyPair(ca.cert_chain_pem, ca.key_pem);
  if (!pair.ok()) {
    return Status::InvalidArgument("failed to load CA key pair: failed to parse TLS key pair: " +
                                   pair.status().message());
  }
  Result<X509Ptr> issuer = ParseCertificateDer(pair->certificates_der[0]);
  if (!issuer.ok()) {
    return Status::InvalidArgument("failed to load CA key pair: " + issuer.status().message());
  }

  WorkloadCertificate out;
  EvpPkeyPtr leaf_key;
  if (key_request.uses_csr()) {
    Result<EvpPkeyPtr> pub = PublicKeyFromCsr(*key_request.csr_pem);
    if (!pub.ok()) {
      return pub.status();
    }
    leaf_key = std::move(pub).value();
  } else {
    Result<EvpPkeyPtr> generated = key_request.generate == WorkloadKeyType::kEcdsaP256
                                       ? GenerateEcdsaP256Key()
                                       : GenerateRsaKey(2048);
    if (!generated.ok()) {
      return generated.status();
    }
    leaf_key = std::move(generated).value();
    out.private_key_pem = PrivateKeyPem(leaf_key.get());
  }

  X509Ptr cert(X509_new());
  if (!cert || X509_set_version(cert.get(), X509_VERSION_3) != 1 ||
      X509_set_issuer_name(cert.get(), X509_get_subject_name(issuer->get())) != 1 ||
      X509_set_pubkey(cert.get(), leaf_key.get()) != 1) {
    return Status::Internal(OpenSslError("failed to create the workload certificate"));
  }
  MP_RETURN_IF_ERROR(SetRandomSerial(cert.get()));
  const Timestamp now = std::chrono::time_point_cast<std::chrono::seconds>(params.now);
  MP_RETURN_IF_ERROR(SetValidity(cert.get(), now - kAllowedClockSkew, now + params.validity));

  X509* c = cert.get();
  X509* parent = issuer->get();
  MP_RETURN_IF_ERROR(AddExtension(c, parent, NID_basic_constraints, "critical,CA:FALSE"));
  MP_RETURN_IF_ERROR(AddExtension(c, parent, NID_key_usage, KeyUsageFor(leaf_key.get())));
  MP_RETURN_IF_ERROR(AddExtension(c, parent, NID_ext_key_usage, "serverAuth,clientAuth"));
  if (X509_get0_subject_key_id(parent) != nullptr) {
    MP_RETURN_IF_ERROR(AddExtension(c, parent, NID_authority_key_identifier, "keyid:always"));
  }
  // Built directly rather than through the config syntax, which would read ',' in a tag value
  // as a separator.
  GENERAL_NAMES* names = sk_GENERAL_NAME_new_null();
  for (const std::string& uri : *uris) {
    GENERAL_NAME* name = GENERAL_NAME_new();
    ASN1_IA5STRING* ia5 = ASN1_IA5STRING_new();
    ASN1_STRING_set(ia5, uri.data(), static_cast<int>(uri.size()));
    GENERAL_NAME_set0_value(name, GEN_URI, ia5);
    sk_GENERAL_NAME_push(names, name);
  }
  int added = X509_add1_ext_i2d(c, NID_subject_alt_name, names, /*crit=*/1, X509V3_ADD_DEFAULT);
  GENERAL_NAMES_free(names);
  if (added != 1) {
    return Status::Internal(OpenSslError("failed to add the subject alternative names"));
  }
  if (X509_sign(c, pair->private_key.get(), SignatureDigestFor(pair->private_key.get())) <= 0) {
    return Status::Internal(OpenSslError("failed to sign the workload certificate"));
  }

  CertificateSummary summary = SummarizeCertificate(c);
  out.certificate_pem = CertificatePem(c);
  for (const std::string& der : pair->certificates_der) {
    Result<X509Ptr> ca_cert = ParseCertificateDer(der);
    if (ca_cert.ok()) {
      out.ca_chain_pem += CertificatePem(ca_cert->get());
    }
  }
  out.serial_number = summary.serial_number;
  out.uri_sans = std::move(uris).value();
  out.not_before = summary.not_before;
  out.not_after = summary.not_after;
  out.renew_at = params.now + (out.not_after - params.now) / 5 * 4;
  return out;
}

}  // namespace meshplane
