#include "unit/ca/test_pki.h"

#include <openssl/bio.h>
#include <openssl/ec.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace meshplane::test_pki {

namespace {

void Check(bool ok, const char* what) {
  if (!ok) {
    throw std::runtime_error(std::string("OpenSSL failed: ") + what);
  }
}

std::string BioContents(BIO* bio) {
  char* data = nullptr;
  long len = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<size_t>(len));
}

void AddExtension(X509* cert, int nid, const std::string& value) {
  if (value.empty()) {
    return;
  }
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
  Check(ext != nullptr, "X509V3_EXT_conf_nid");
  Check(X509_add_ext(cert, ext, -1) == 1, "X509_add_ext");
  X509_EXTENSION_free(ext);
}

}  // namespace

EvpPkeyPtr GenerateKey(KeyType type) {
  EVP_PKEY* key = nullptr;
  switch (type) {
    case KeyType::kRsa2048:
      key = EVP_RSA_gen(2048);
      break;
    case KeyType::kEcP256:
      key = EVP_EC_gen("P-256");
      break;
    case KeyType::kEd25519:
      key = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
      break;
  }
  Check(key != nullptr, "keygen");
  return EvpPkeyPtr(key);
}

std::string PrivateKeyPem(EVP_PKEY* key, bool pkcs8) {
  BIO* bio = BIO_new(BIO_s_mem());
  int ok =
      pkcs8 ? PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr)
            : PEM_write_bio_PrivateKey_traditional(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
  Check(ok == 1, "PEM_write_bio_PrivateKey");
  std::string pem = BioContents(bio);
  BIO_free(bio);
  return pem;
}

std::string SelfSignedCertPem(EVP_PKEY* key, const CertOptions& options) {
  X509* cert = X509_new();
  Check(cert != nullptr, "X509_new");
  X509_set_version(cert, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert), -60);
  X509_gmtime_adj(X509_getm_notAfter(cert), 3600);
  X509_set_pubkey(cert, key);
  X509_NAME* name = X509_get_subject_name(cert);
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("meshplane tests"), -1, -1, 0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(options.common_name.c_str()),
                             -1, -1, 0);
  X509_set_issuer_name(cert, name);
  AddExtension(cert, NID_basic_constraints, options.basic_constraints);
  AddExtension(cert, NID_key_usage, options.key_usage);
  const EVP_MD* md = EVP_PKEY_get_base_id(key) == EVP_PKEY_ED25519 ? nullptr : EVP_sha256();
  Check(X509_sign(cert, key, md) > 0, "X509_sign");
  BIO* bio = BIO_new(BIO_s_mem());
  Check(PEM_write_bio_X509(bio, cert) == 1, "PEM_write_bio_X509");
  std::string pem = BioContents(bio);
  BIO_free(bio);
  X509_free(cert);
  return pem;
}

CaMaterial MakeCa(KeyType type, const CertOptions& options) {
  EvpPkeyPtr key = GenerateKey(type);
  return CaMaterial{SelfSignedCertPem(key.get(), options), PrivateKeyPem(key.get())};
}

TempDir::TempDir() {
  std::string templ = (std::filesystem::temp_directory_path() / "meshplane-ca-XXXXXX").string();
  Check(::mkdtemp(templ.data()) != nullptr, "mkdtemp");
  path_ = templ;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::string TempDir::WriteFile(const std::string& name, const std::string& contents) const {
  std::string file = path_ + "/" + name;
  std::ofstream out(file, std::ios::binary);
  out << contents;
  return file;
}

}  // namespace meshplane::test_pki
