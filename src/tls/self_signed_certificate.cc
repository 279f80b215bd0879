#include "tls/self_signed_certificate.h"

#include <arpa/inet.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <chrono>
#include <memory>

#include "core/validation.h"

namespace meshplane {

namespace {

template <auto Free>
struct OpenSslDeleter {
  template <typename T>
  void operator()(T* p) const {
    Free(p);
  }
};
using X509Ptr = std::unique_ptr<X509, OpenSslDeleter<X509_free>>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, OpenSslDeleter<EVP_PKEY_free>>;
using BioPtr = std::unique_ptr<BIO, OpenSslDeleter<BIO_free>>;
using BignumPtr = std::unique_ptr<BIGNUM, OpenSslDeleter<BN_free>>;
using NamesPtr = std::unique_ptr<GENERAL_NAMES, OpenSslDeleter<GENERAL_NAMES_free>>;
using EkuPtr = std::unique_ptr<EXTENDED_KEY_USAGE, OpenSslDeleter<EXTENDED_KEY_USAGE_free>>;
using BasicConstraintsPtr =
    std::unique_ptr<BASIC_CONSTRAINTS, OpenSslDeleter<BASIC_CONSTRAINTS_free>>;
using BitStringPtr = std::unique_ptr<ASN1_BIT_STRING, OpenSslDeleter<ASN1_BIT_STRING_free>>;
using OctetStringPtr = std::unique_ptr<ASN1_OCTET_STRING, OpenSslDeleter<ASN1_OCTET_STRING_free>>;

// Kuma's DefaultAllowedClockSkew and DefaultValidityPeriod.
constexpr auto kAllowedClockSkew = std::chrono::minutes(5);
constexpr auto kValidity = std::chrono::hours(10 * 365 * 24);

Status OpenSslError(const std::string& what) {
  std::string detail;
  if (unsigned long code = ERR_get_error(); code != 0) {
    char buf[256];
    ERR_error_string_n(code, buf, sizeof(buf));
    detail = std::string(": ") + buf;
  }
  ERR_clear_error();
  return Status::Internal(what + detail);
}

// Go's net.ParseIP, as the 4 or 16 bytes x509 puts in an IP SAN (IPv4, IPv4-mapped IPv6
// included, in 4 bytes). Empty when `host` is not an IP address.
std::string IpBytes(const std::string& host) {
  unsigned char buf[16];
  if (inet_pton(AF_INET, host.c_str(), buf) == 1) {
    return std::string(reinterpret_cast<char*>(buf), 4);
  }
  if (inet_pton(AF_INET6, host.c_str(), buf) == 1) {
    static const unsigned char kV4Prefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (std::equal(kV4Prefix, kV4Prefix + 12, buf)) {
      return std::string(reinterpret_cast<char*>(buf + 12), 4);
    }
    return std::string(reinterpret_cast<char*>(buf), 16);
  }
  return "";
}

bool IsIa5String(const std::string& s) {
  for (unsigned char c : s) {
    if (c > 0x7f) {
      return false;
    }
  }
  return true;
}

Result<PkeyPtr> GenerateKey(TlsKeyType type) {
  EVP_PKEY* key = type == TlsKeyType::kRsa ? EVP_RSA_gen(2048) : EVP_EC_gen("P-256");
  if (key == nullptr) {
    return OpenSslError("failed to generate TLS key");
  }
  return PkeyPtr(key);
}

// A random serial in [1, 2^128), as Go's rand.Int(2^128) (zero, which Go would also refuse,
// is drawn again).
Status SetRandomSerial(X509* cert) {
  BignumPtr serial(BN_new());
  if (!serial) {
    return OpenSslError("failed to generate serial number");
  }
  do {
    if (BN_rand(serial.get(), 128, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) != 1) {
      return OpenSslError("failed to generate serial number");
    }
  } while (BN_is_zero(serial.get()));
  if (BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert)) == nullptr) {
    return OpenSslError("failed to generate serial number");
  }
  return Status::Ok();
}

Status SetValidity(X509* cert, Timestamp now) {
  using std::chrono::duration_cast;
  using std::chrono::seconds;
  const auto not_before = now - kAllowedClockSkew;
  const auto not_after = not_before + kValidity;
  const time_t from = duration_cast<seconds>(not_before.time_since_epoch()).count();
  const time_t to = duration_cast<seconds>(not_after.time_since_epoch()).count();
  if (ASN1_TIME_set(X509_getm_notBefore(cert), from) == nullptr ||
      ASN1_TIME_set(X509_getm_notAfter(cert), to) == nullptr) {
    return OpenSslError("failed to set the validity");
  }
  return Status::Ok();
}

Status AddExtensions(X509* cert, const SelfSignedCertificateRequest& request) {
  BasicConstraintsPtr constraints(BASIC_CONSTRAINTS_new());
  if (!constraints) {
    return OpenSslError("failed to build basic constraints");
  }
  constraints->ca = 0xff;
  if (X509_add1_ext_i2d(cert, NID_basic_constraints, constraints.get(), 1, X509V3_ADD_DEFAULT) !=
      1) {
    return OpenSslError("failed to add basic constraints");
  }

  BitStringPtr usage(ASN1_BIT_STRING_new());
  if (!usage || ASN1_BIT_STRING_set_bit(usage.get(), 0, 1) != 1 ||  // digitalSignature
      ASN1_BIT_STRING_set_bit(usage.get(), 2, 1) != 1 ||            // keyEncipherment
      ASN1_BIT_STRING_set_bit(usage.get(), 5, 1) != 1 ||            // keyCertSign
      X509_add1_ext_i2d(cert, NID_key_usage, usage.get(), 1, X509V3_ADD_DEFAULT) != 1) {
    return OpenSslError("failed to add key usage");
  }

  EkuPtr eku(sk_ASN1_OBJECT_new_null());
  ASN1_OBJECT* purpose =
      OBJ_nid2obj(request.type == TlsCertType::kServer ? NID_server_auth : NID_client_auth);
  if (!eku || purpose == nullptr || sk_ASN1_OBJECT_push(eku.get(), OBJ_dup(purpose)) == 0 ||
      X509_add1_ext_i2d(cert, NID_ext_key_usage, eku.get(), 0, X509V3_ADD_DEFAULT) != 1) {
    return OpenSslError("failed to add extended key usage");
  }

  NamesPtr names(sk_GENERAL_NAME_new_null());
  if (!names) {
    return OpenSslError("failed to build subject alternative names");
  }
  for (const std::string& host : request.hosts) {
    GENERAL_NAME* name = GENERAL_NAME_new();
    if (name == nullptr) {
      return OpenSslError("failed to build subject alternative names");
    }
    const std::string ip = IpBytes(host);
    ASN1_STRING* value = ip.empty() ? ASN1_IA5STRING_new() : ASN1_OCTET_STRING_new();
    const std::string& bytes = ip.empty() ? host : ip;
    if (value == nullptr ||
        ASN1_STRING_set(value, bytes.data(), static_cast<int>(bytes.size())) != 1) {
      ASN1_STRING_free(value);
      GENERAL_NAME_free(name);
      return OpenSslError("failed to build subject alternative names");
    }
    GENERAL_NAME_set0_value(name, ip.empty() ? GEN_DNS : GEN_IPADD, value);
    if (sk_GENERAL_NAME_push(names.get(), name) == 0) {
      GENERAL_NAME_free(name);
      return OpenSslError("failed to build subject alternative names");
    }
  }
  // Go marks the SANs critical when the subject is empty (RFC 5280, 4.2.1.6).
  if (sk_GENERAL_NAME_num(names.get()) > 0 &&
      X509_add1_ext_i2d(cert, NID_subject_alt_name, names.get(), 1, X509V3_ADD_DEFAULT) != 1) {
    return OpenSslError("failed to add subject alternative names");
  }

  // Go adds the key identifier to every CA certificate it makes: SHA-1 of the public key bits.
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_len = 0;
  if (X509_pubkey_digest(cert, EVP_sha1(), digest, &digest_len) != 1) {
    return OpenSslError("failed to compute the subject key identifier");
  }
  OctetStringPtr key_id(ASN1_OCTET_STRING_new());
  if (!key_id || ASN1_OCTET_STRING_set(key_id.get(), digest, static_cast<int>(digest_len)) != 1 ||
      X509_add1_ext_i2d(cert, NID_subject_key_identifier, key_id.get(), 0, X509V3_ADD_DEFAULT) !=
          1) {
    return OpenSslError("failed to add the subject key identifier");
  }
  return Status::Ok();
}

Result<std::string> ToPem(int (*write)(BIO*, const void*), const void* object,
                          const std::string& what) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || write(bio.get(), object) != 1) {
    return OpenSslError("failed to PEM encode " + what);
  }
  char* data = nullptr;
  long len = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<size_t>(len));
}

}  // namespace

Result<PemKeyPair> NewSelfSignedCertificate(const SelfSignedCertificateRequest& request) {
  for (const std::string& host : request.hosts) {
    if (!IsIa5String(host)) {
      return Status::InvalidArgument("x509: " + GoQuote(host) +
                                     " cannot be encoded as an IA5String");
    }
  }
  auto key = GenerateKey(request.key_type);
  if (!key.ok()) {
    return key.status();
  }
  X509Ptr cert(X509_new());
  if (!cert || X509_set_version(cert.get(), X509_VERSION_3) != 1 ||
      X509_set_pubkey(cert.get(), key->get()) != 1) {
    return OpenSslError("failed to generate TLS certificate");
  }
  MP_RETURN_IF_ERROR(SetRandomSerial(cert.get()));
  MP_RETURN_IF_ERROR(SetValidity(cert.get(), request.now));
  // Subject and issuer stay empty, as in Kuma.
  MP_RETURN_IF_ERROR(AddExtensions(cert.get(), request));
  if (X509_sign(cert.get(), key->get(), EVP_sha256()) == 0) {
    return OpenSslError("failed to generate TLS certificate");
  }

  PemKeyPair out;
  auto cert_pem = ToPem(
      [](BIO* bio, const void* c) {
        return PEM_write_bio_X509(bio, static_cast<X509*>(const_cast<void*>(c)));
      },
      cert.get(), "the certificate");
  if (!cert_pem.ok()) {
    return cert_pem.status();
  }
  // PKCS#1 / SEC1 ("RSA PRIVATE KEY" / "EC PRIVATE KEY"), as Go's pemEncodeKey writes.
  auto key_pem = ToPem(
      [](BIO* bio, const void* k) {
        return PEM_write_bio_PrivateKey_traditional(bio,
                                                    static_cast<EVP_PKEY*>(const_cast<void*>(k)),
                                                    nullptr, nullptr, 0, nullptr, nullptr);
      },
      key->get(), "the private key");
  if (!key_pem.ok()) {
    return key_pem.status();
  }
  out.cert_pem = std::move(cert_pem).value();
  out.key_pem = std::move(key_pem).value();
  return out;
}

}  // namespace meshplane
