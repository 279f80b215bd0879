// Name, mesh and label rules shared by the REST API and the CLI: Kuma's ValidateMeta, the
// Kubernetes label syntax Kuma applies to every label, and the DNS-1035 name deprecation
// warning. Messages are Kuma's (and Kubernetes') verbatim, since users and scripts match on them.
#pragma once

#include <string>
#include <vector>

#include "core/resource.h"
#include "core/resource_type.h"
#include "core/validation.h"

namespace meshplane {

// Kuma's ValidateMeta: the name is non-empty, at most 253 characters and a lowercase RFC 1123
// subdomain (`name`); for mesh-scoped kinds the mesh is non-empty, at most 253 characters and
// matches ^[0-9a-z-_.]*$ (`mesh`). At most one violation per field.
ValidationError ValidateMeta(const ResourceTypeDescriptor& type, const std::string& name,
                             const std::string& mesh);

// Label checks of a PUT, each reported at `labels["<key>"]`, in this order: the
// `kuma.io/origin` value (`global` or `zone`), then for every label in key order the
// Kubernetes label-key rules (IsQualifiedName) and label-value rules (IsValidLabelValue).
// Rules that depend on the control plane's mode and zone are left to the caller.
ValidationError ValidateLabels(const Labels& labels);

// "Invalid <Type> resource name: '<name>'. It does not conform to the DNS format (RFC 1035).
// This is deprecated. Errors: <Kubernetes DNS-1035 errors joined by "; ">" when the display
// name (the `kuma.io/display-name` label if present, else the name) is not a DNS-1035 label.
std::vector<std::string> NameDeprecationWarnings(const Resource& r);

// The Kubernetes IsDNS1035Label error messages for `value` (empty when it is a valid label).
std::vector<std::string> Dns1035LabelErrors(const std::string& value);

}  // namespace meshplane
