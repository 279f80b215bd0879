// `meshplane generate tls-certificate`: kumactl generate tls-certificate
// (app/kumactl/cmd/generate/generate_certificate.go). Makes a self-signed key and certificate
// (src/tls/self_signed_certificate.h) and writes them to files or standard output. Nothing is
// sent to the control plane.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <CLI/CLI.hpp>

#include <cerrno>
#include <cstring>
#include <memory>

#include "cli/commands.h"
#include "core/validation.h"
#include "tls/self_signed_certificate.h"

namespace meshplane {

namespace {

struct TlsCertificateOptions {
  std::string key_file = "key.pem";
  std::string cert_file = "cert.pem";
  std::string type;
  std::string key_type;
  std::vector<std::string> hostnames;
};

// Go's error text for a failed open/write: `open <path>: permission denied`.
std::string SystemError(const std::string& op, const std::string& path, int err) {
  std::string text = std::strerror(err);
  if (!text.empty()) {
    text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
  }
  return op + " " + path + ": " + text;
}

// Writes `data` to `path`, creating it with `mode`. With `force_mode` an existing file gets
// `mode` too (a private key must not stay readable by others because the file existed before).
Status WriteFileWithMode(const std::string& path, const std::string& data, mode_t mode,
                         bool force_mode) {
  int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  if (fd < 0) {
    return Status::InvalidArgument(SystemError("open", path, errno));
  }
  if (force_mode && fchmod(fd, mode) != 0) {
    int err = errno;
    close(fd);
    return Status::InvalidArgument(SystemError("chmod", path, err));
  }
  size_t written = 0;
  while (written < data.size()) {
    ssize_t n = write(fd, data.data() + written, data.size() - written);
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      int err = errno;
      close(fd);
      return Status::InvalidArgument(SystemError("write", path, err));
    }
    written += static_cast<size_t>(n);
  }
  if (close(fd) != 0) {
    return Status::InvalidArgument(SystemError("close", path, errno));
  }
  return Status::Ok();
}

int RunGenerateTlsCertificate(CliContext& ctx, const TlsCertificateOptions& opts, bool type_set,
                              bool hostname_set) {
  // cobra's check of required flags, names sorted.
  std::vector<std::string> missing;
  if (!hostname_set) {
    missing.push_back("\"hostname\"");
  }
  if (!type_set) {
    missing.push_back("\"type\"");
  }
  if (!missing.empty()) {
    std::string names;
    for (const auto& m : missing) {
      names += (names.empty() ? "" : ", ") + m;
    }
    return ctx.Fail("required flag(s) " + names + " not set");
  }

  SelfSignedCertificateRequest request;
  if (opts.type == "server") {
    request.type = TlsCertType::kServer;
  } else if (opts.type == "client") {
    request.type = TlsCertType::kClient;
  } else {
    return ctx.Fail("invalid certificate type " + GoQuote(opts.type));
  }
  for (const std::string& value : opts.hostnames) {
    size_t start = 0;
    while (start <= value.size()) {
      size_t comma = value.find(',', start);
      if (comma == std::string::npos) {
        comma = value.size();
      }
      if (comma > start) {
        request.hosts.push_back(value.substr(start, comma - start));
      }
      // `--hostname= --key-file=k` hands the next flag over as a value: refuse it rather than
      // write the key somewhere the user did not ask for.
      if (!request.hosts.empty() && request.hosts.back()[0] == '-') {
        return ctx.Fail("invalid hostname " + GoQuote(request.hosts.back()) +
                        ": a hostname cannot start with '-'");
      }
      start = comma + 1;
    }
  }
  if (request.hosts.empty()) {
    return ctx.Fail("at least one hostname must be given");
  }
  if (opts.key_type.empty() || opts.key_type == "rsa") {
    request.key_type = TlsKeyType::kRsa;
  } else if (opts.key_type == "ecdsa") {
    request.key_type = TlsKeyType::kEcdsa;
  } else {
    return ctx.Fail("invalid key type " + GoQuote(opts.key_type));
  }

  auto pair = NewSelfSignedCertificate(request);
  if (!pair.ok()) {
    return ctx.Fail("could not generate certificate: " + pair.status().message());
  }

  if (opts.key_file == "-") {
    *ctx.out << pair->key_pem;
  } else if (Status st = WriteFileWithMode(opts.key_file, pair->key_pem, 0600, true); !st.ok()) {
    return ctx.Fail("could not write the key file: " + st.message());
  }
  if (opts.cert_file == "-") {
    *ctx.out << pair->cert_pem;
  } else if (Status st = WriteFileWithMode(opts.cert_file, pair->cert_pem, 0600, false); !st.ok()) {
    return ctx.Fail("could not write the cert file: " + st.message());
  }
  if (opts.key_file != "-" && opts.cert_file != "-") {
    *ctx.out << "Private key saved in " << opts.key_file << "\n";
    *ctx.out << "Certificate saved in " << opts.cert_file << "\n";
  }
  return 0;
}

void AddTlsCertificateCommand(CLI::App& generate, CliContext& ctx) {
  auto opts = std::make_shared<TlsCertificateOptions>();
  CLI::App* cmd = generate.add_subcommand(
      "tls-certificate",
      "Generate a TLS certificate: a self-signed key and certificate pair that can be used for "
      "example to serve HTTPS");
  cmd->add_option("--key-file", opts->key_file,
                  "path to a file with a generated private key ('-' for stdout)")
      ->capture_default_str();
  cmd->add_option("--cert-file", opts->cert_file,
                  "path to a file with a generated TLS certificate ('-' for stdout)")
      ->capture_default_str();
  CLI::Option* type =
      cmd->add_option("--type", opts->type, "type of the certificate: one of client|server");
  cmd->add_option("--key-type", opts->key_type, "type of the private key: one of rsa|ecdsa");
  // One value per flag, split on commas in RunGenerateTlsCertificate (pflag's StringSlice):
  // CLI11's own delimiter would take the next argument as the value of `--hostname=,`.
  CLI::Option* hostname =
      cmd->add_option("--hostname", opts->hostnames,
                      "DNS hostname(s) or IP address(es) to issue the certificate for "
                      "(repeatable, or comma-separated)")
          ->allow_extra_args(false);
  cmd->footer(
      "Examples:\n"
      "  # A certificate for an HTTPS server\n"
      "  meshplane generate tls-certificate --type=server --hostname=localhost\n"
      "  # A client certificate, key and certificate on standard output\n"
      "  meshplane generate tls-certificate --type=client --hostname=dataplane-1 \\\n"
      "      --key-file=- --cert-file=-");
  cmd->callback([&ctx, opts, type, hostname] {
    ctx.exit_code = RunGenerateTlsCertificate(ctx, *opts, type->count() > 0, hostname->count() > 0);
  });
}

}  // namespace

void AddGenerateCommand(CLI::App& root, CliContext& ctx) {
  CLI::App* generate = root.add_subcommand("generate", "Generate resources, tokens, etc");
  generate->require_subcommand(1);
  AddTlsCertificateCommand(*generate, ctx);
}

}  // namespace meshplane
