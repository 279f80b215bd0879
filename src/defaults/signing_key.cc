#include "defaults/signing_key.h"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <memory>

namespace meshplane {

Result<std::string> NewSigningKeyPem() {
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_RSA_gen(kSigningKeyBits),
                                                          &EVP_PKEY_free);
  if (!key) {
    return Status::Internal("could not generate an RSA signing key");
  }
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), &BIO_free);
  // The "traditional" form of an RSA key is PKCS#1, which is what Go's
  // x509.MarshalPKCS1PrivateKey writes for Kuma.
  if (!bio || PEM_write_bio_PrivateKey_traditional(bio.get(), key.get(), nullptr, nullptr, 0,
                                                   nullptr, nullptr) != 1) {
    return Status::Internal("could not encode the RSA signing key");
  }
  char* data = nullptr;
  long len = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<size_t>(len));
}

std::string DataplaneTokenSigningKeyPrefix(const std::string& mesh) {
  return "dataplane-token-signing-key-" + mesh;
}

}  // namespace meshplane
