// Name and mesh rules shared by the REST API and the CLI (Kuma's ValidateMeta and the
// DNS-1035 deprecation warning).
#pragma once

#include <string>
#include <vector>

#include "core/resource.h"
#include "core/resource_type.h"
#include "core/validation.h"

namespace meshplane {

// Kuma's ValidateMeta: name non-empty, <= 253, RFC 1123 subdomain; for mesh-scoped kinds the
// mesh matches ^[0-9a-z-_.]*$ and is non-empty.
ValidationError ValidateMeta(const ResourceTypeDescriptor& type, const std::string& name,
                             const std::string& mesh);

// "Invalid <Type> resource name: '<name>'. It does not conform to the DNS format (RFC 1035).
// This is deprecated. Errors: ..." when the (display) name is not a DNS-1035 label.
std::vector<std::string> NameDeprecationWarnings(const Resource& r);

}  // namespace meshplane
