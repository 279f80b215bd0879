#include "ca/datasource_loader.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace meshplane {

namespace {

using kuma::system::v1alpha1::DataSource;

// Go's syscall error texts are strerror() texts starting in lower case
// ("no such file or directory", "permission denied", "is a directory").
std::string GoErrnoText(int err) {
  std::string text = std::strerror(err);
  if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z') {
    text[0] = static_cast<char>(text[0] - 'A' + 'a');
  }
  return text;
}

ErrorCode CodeForErrno(int err) {
  switch (err) {
    case ENOENT:
    case ENOTDIR:
      return ErrorCode::kNotFound;
    case EACCES:
    case EPERM:
      return ErrorCode::kAccessDenied;
    default:
      return ErrorCode::kInvalidArgument;
  }
}

// Reads a whole file the way Go's os.ReadFile does, with its `open <path>: <reason>` and
// `read <path>: <reason>` error texts (reading a directory fails at the read, not the open).
Result<std::string> ReadWholeFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    int err = errno;
    return Status(CodeForErrno(err), "open " + path + ": " + GoErrnoText(err));
  }
  std::string data;
  char buf[16384];
  while (true) {
    ssize_t n = ::read(fd, buf, sizeof(buf));
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      int err = errno;
      ::close(fd);
      return Status(CodeForErrno(err), "read " + path + ": " + GoErrnoText(err));
    }
    if (n == 0) {
      break;
    }
    data.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return data;
}

}  // namespace

Status SecretNotFound(const std::string& mesh, const std::string& name) {
  return Status::ResourceNotFound("Secret", mesh, name);
}

SecretLookup MissingSecretLookup() {
  return [](const std::string& mesh, const std::string& name) -> Result<std::string> {
    return SecretNotFound(mesh, name);
  };
}

DataSourceLoader::DataSourceLoader(SecretLookup secret_lookup)
    : secret_lookup_(std::move(secret_lookup)) {}

Result<std::string> DataSourceLoader::Load(const std::string& mesh,
                                           const DataSource& source) const {
  Result<std::string> data = std::string();
  switch (source.type_case()) {
    case DataSource::kSecret:
      data = secret_lookup_ ? secret_lookup_(mesh, source.secret())
                            : Result<std::string>(Status::Internal("no resource manager"));
      break;
    case DataSource::kInline:
      data = source.inline_().value();
      break;
    case DataSource::kInlineString:
      data = source.inlinestring();
      break;
    case DataSource::kFile:
      data = ReadWholeFile(source.file());
      break;
    case DataSource::TYPE_NOT_SET:
      return Status::InvalidArgument("unsupported type of the DataSource");
  }
  if (!data.ok()) {
    return Status(data.status().code(), "could not load data: " + data.status().message());
  }
  return data;
}

}  // namespace meshplane
