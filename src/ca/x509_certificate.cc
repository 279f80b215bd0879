#include "ca/x509_certificate.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <cstdio>

namespace meshplane {

namespace {

struct BioDeleter {
  void operator()(BIO* b) const { BIO_free(b); }
};
using BioPtr = std::unique_ptr<BIO, BioDeleter>;

std::string BioContents(BIO* bio) {
  char* data = nullptr;
  long len = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<size_t>(len));
}

std::string NameString(const X509_NAME* name) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253);
  return BioContents(bio.get());
}

}  // namespace

std::string OpenSslError(const std::string& what) {
  unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code == 0) {
    return what;
  }
  char buf[256];
  ERR_error_string_n(code, buf, sizeof(buf));
  return what + ": " + buf;
}

Result<EvpPkeyPtr> GenerateRsaKey(int bits) {
  EvpPkeyPtr key(EVP_RSA_gen(static_cast<unsigned int>(bits)));
  if (!key) {
    return Status::Internal(OpenSslError("failed to generate an RSA key"));
  }
  return key;
}

Result<EvpPkeyPtr> GenerateEcdsaP256Key() {
  EvpPkeyPtr key(EVP_EC_gen("P-256"));
  if (!key) {
    return Status::Internal(OpenSslError("failed to generate an ECDSA key"));
  }
  return key;
}

std::string CertificatePem(X509* cert) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_X509(bio.get(), cert);
  return BioContents(bio.get());
}

std::string PrivateKeyPem(EVP_PKEY* key) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  int id = EVP_PKEY_get_base_id(key);
  if (id == EVP_PKEY_RSA || id == EVP_PKEY_EC) {
    PEM_write_bio_PrivateKey_traditional(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr);
  } else {
    PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr);
  }
  return BioContents(bio.get());
}

Result<X509Ptr> ParseCertificateDer(const std::string& der) {
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  X509Ptr cert(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
  ERR_clear_error();
  if (!cert) {
    return Status::InvalidArgument(kMalformedCertificate);
  }
  return cert;
}

Result<std::vector<X509Ptr>> ParseCertificatesPem(std::string_view pem) {
  std::vector<X509Ptr> certs;
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  while (true) {
    char* name = nullptr;
    char* header = nullptr;
    unsigned char* data = nullptr;
    long len = 0;
    if (PEM_read_bio(bio.get(), &name, &header, &data, &len) != 1) {
      break;
    }
    bool is_cert = std::string(name) == "CERTIFICATE";
    std::string der(reinterpret_cast<char*>(data), static_cast<size_t>(len));
    OPENSSL_free(name);
    OPENSSL_free(header);
    OPENSSL_free(data);
    if (!is_cert) {
      continue;
    }
    Result<X509Ptr> cert = ParseCertificateDer(der);
    if (!cert.ok()) {
      return cert.status();
    }
    certs.push_back(std::move(cert).value());
  }
  ERR_clear_error();
  if (certs.empty()) {
    return Status::InvalidArgument("no CERTIFICATE PEM block found");
  }
  return certs;
}

Status AddExtension(X509* cert, X509* issuer, int nid, const std::string& value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
  if (ext == nullptr) {
    return Status::Internal(OpenSslError("invalid certificate extension " + value));
  }
  int added = X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
  if (added != 1) {
    return Status::Internal(OpenSslError("failed to add certificate extension"));
  }
  return Status::Ok();
}

Status SetValidity(X509* cert, Timestamp not_before, Timestamp not_after) {
  auto to_time_t = [](Timestamp t) {
    return static_cast<time_t>(
        std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count());
  };
  if (ASN1_TIME_set(X509_getm_notBefore(cert), to_time_t(not_before)) == nullptr ||
      ASN1_TIME_set(X509_getm_notAfter(cert), to_time_t(not_after)) == nullptr) {
    return Status::Internal(OpenSslError("failed to set the certificate validity"));
  }
  return Status::Ok();
}

const EVP_MD* SignatureDigestFor(EVP_PKEY* signing_key) {
  switch (EVP_PKEY_get_base_id(signing_key)) {
    case EVP_PKEY_ED25519:
    case EVP_PKEY_ED448:
      return nullptr;
    case EVP_PKEY_EC: {
      int bits = EVP_PKEY_get_bits(signing_key);
      if (bits > 384) {
        return EVP_sha512();
      }
      return bits > 256 ? EVP_sha384() : EVP_sha256();
    }
    default:
      return EVP_sha256();
  }
}

Timestamp AsnTimeToTimestamp(const ASN1_TIME* t) {
  struct tm tm {};
  if (ASN1_TIME_to_tm(t, &tm) != 1) {
    return Timestamp{};
  }
  return Timestamp(std::chrono::seconds(timegm(&tm)));
}

CertificateSummary SummarizeCertificate(X509* cert) {
  CertificateSummary s;
  s.subject = NameString(X509_get_subject_name(cert));
  s.issuer = NameString(X509_get_issuer_name(cert));
  BIGNUM* serial = ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert), nullptr);
  if (serial != nullptr) {
    char* dec = BN_bn2dec(serial);
    s.serial_number = dec;
    OPENSSL_free(dec);
    BN_free(serial);
  }
  s.not_before = AsnTimeToTimestamp(X509_get0_notBefore(cert));
  s.not_after = AsnTimeToTimestamp(X509_get0_notAfter(cert));
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int md_len = 0;
  if (X509_digest(cert, EVP_sha256(), md, &md_len) == 1) {
    for (unsigned int i = 0; i < md_len; ++i) {
      char hex[4];
      std::snprintf(hex, sizeof(hex), i == 0 ? "%02X" : ":%02X", md[i]);
      s.sha256_fingerprint += hex;
    }
  }
  auto* sans =
      static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr));
  if (sans != nullptr) {
    for (int i = 0; i < sk_GENERAL_NAME_num(sans); ++i) {
      const GENERAL_NAME* name = sk_GENERAL_NAME_value(sans, i);
      if (name->type == GEN_URI) {
        const ASN1_IA5STRING* uri = name->d.uniformResourceIdentifier;
        s.uri_sans.emplace_back(reinterpret_cast<const char*>(ASN1_STRING_get0_data(uri)),
                                static_cast<size_t>(ASN1_STRING_length(uri)));
      }
    }
    GENERAL_NAMES_free(sans);
  }
  ERR_clear_error();
  return s;
}

}  // namespace meshplane
