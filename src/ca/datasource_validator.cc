#include "ca/datasource_validator.h"

namespace meshplane {

using kuma::system::v1alpha1::DataSource;

ValidationError ValidateDataSource(const DataSource& source) {
  ValidationError err;
  switch (source.type_case()) {
    case DataSource::TYPE_NOT_SET:
      // Kuma's message predates inlineString and still lists three sources.
      err.AddViolation("", "data source has to be chosen. Available sources: secret, file, inline");
      break;
    case DataSource::kSecret:
      if (source.secret().empty()) {
        err.AddViolation("secret", "cannot be empty");
      }
      break;
    case DataSource::kInline:
      if (source.inline_().value().empty()) {
        err.AddViolation("inline", "cannot be empty");
      }
      break;
    case DataSource::kFile:
      if (source.file().empty()) {
        err.AddViolation("file", "cannot be empty");
      }
      break;
    case DataSource::kInlineString:
      break;
  }
  return err;
}

}  // namespace meshplane
