// Shape validation of a DataSource (Kuma's pkg/core/datasource/validator.go): exactly one source
// chosen, and a chosen secret name, file path or inline value is not empty. Paths are relative
// to the DataSource (`""`, `secret`, `file`, `inline`). An empty `inlineString` passes here, as in
// Kuma; whatever consumes the bytes rejects it.
#pragma once

#include "core/validation.h"
#include "system/v1alpha1/datasource.pb.h"

namespace meshplane {

ValidationError ValidateDataSource(const kuma::system::v1alpha1::DataSource& source);

}  // namespace meshplane
