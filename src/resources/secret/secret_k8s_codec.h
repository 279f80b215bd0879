// The Kubernetes form of Secret and GlobalSecret: Kuma stores them as native `v1/Secret`s
// (pkg/plugins/secrets/k8s, pkg/plugins/runtime/k8s/webhooks/secret_validator.go):
//   apiVersion: v1
//   kind: Secret
//   type: system.kuma.io/secret         # system.kuma.io/global-secret for a GlobalSecret
//   metadata: {name, labels: {kuma.io/mesh: <mesh>}}   # no mesh label on a GlobalSecret
//   data: {value: <base64 of the bytes>}
// A mesh Secret without the label belongs to mesh `default`. Decoding reports Kuma's webhook
// violations: an empty `data.value`, and a mesh label on a GlobalSecret.
#pragma once

#include <string>
#include <vector>

#include "core/error.h"
#include "core/json.h"
#include "core/resource.h"

namespace meshplane {

inline constexpr const char* kK8sSecretType = "system.kuma.io/secret";
inline constexpr const char* kK8sGlobalSecretType = "system.kuma.io/global-secret";

Json EncodeKubernetesSecret(const Resource& secret);

// `default_kind` ("Secret" or "GlobalSecret") is used when the document has no `type`.
Result<Resource> DecodeKubernetesSecret(const Json& doc, const std::string& default_kind,
                                        std::vector<std::string>* warnings);

}  // namespace meshplane
