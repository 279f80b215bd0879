// Loads the bytes a `kuma.system.v1alpha1.DataSource` points at (Kuma's dynamic loader,
// pkg/core/datasource/dynamic.go): a Secret of the same mesh, a file on the control plane, or
// inline data. Failures carry Kuma's texts, e.g.
//   could not load data: open /some/file: no such file or directory
//   could not load data: resource not found: type="Secret" name="ca-cert" mesh="default"
#pragma once

#include <functional>
#include <string>

#include "core/error.h"
#include "system/v1alpha1/datasource.pb.h"

namespace meshplane {

// Returns the `data` bytes of Secret `name` in `mesh`; a NotFound status (see SecretNotFound)
// when there is no such Secret.
using SecretLookup =
    std::function<Result<std::string>(const std::string& mesh, const std::string& name)>;

// Kuma's store error for a missing Secret:
// `resource not found: type="Secret" name="<name>" mesh="<mesh>"`.
Status SecretNotFound(const std::string& mesh, const std::string& name);

// A lookup that finds no Secret at all, for when no Secret kind is available.
SecretLookup MissingSecretLookup();

class DataSourceLoader {
 public:
  explicit DataSourceLoader(SecretLookup secret_lookup);

  // The bytes of `source`. Secrets are read from `mesh`. A failure to read is reported as
  // `could not load data: <reason>` with the code of the underlying failure (kNotFound for a
  // missing secret or file); a DataSource without a type as `unsupported type of the DataSource`.
  Result<std::string> Load(const std::string& mesh,
                           const kuma::system::v1alpha1::DataSource& source) const;

 private:
  SecretLookup secret_lookup_;
};

}  // namespace meshplane
