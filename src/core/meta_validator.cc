#include "core/meta_validator.h"

namespace meshplane {

ValidationError ValidateMeta(const ResourceTypeDescriptor& type, const std::string& name,
                             const std::string& mesh) {
  ValidationError err;
  return err;
}

std::vector<std::string> NameDeprecationWarnings(const Resource& r) { return {}; }

}  // namespace meshplane
