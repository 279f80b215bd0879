// Rewrites the Go duration strings of a policy spec in Go's canonical form ("1h" -> "1h0m0s",
// "90s" -> "1m30s"), which is what Kuma serves after decoding a metav1.Duration and encoding it
// again. Malformed strings are left as they are for the validator to report.
#pragma once

#include <google/protobuf/message.h>

namespace meshplane {

// Walks `spec` and canonicalizes every string field that holds a duration in Kuma's policies
// (connectionTimeout, idleTimeout, perTryTimeout, baseInterval, interval, ...).
void CanonicalizePolicyDurations(google::protobuf::Message& spec);

}  // namespace meshplane
