// Validation of the plugin-specific `conf` of Mesh logging, tracing and metrics backends (the
// per-type rules of Kuma's mesh_validator.go). Each function converts the Struct into its typed
// config message and returns violations relative to that config: a conversion failure is
// reported on the config itself (empty field) as `could not parse config: <err>`.
#pragma once

#include <google/protobuf/struct.pb.h>

#include "core/validation.h"

namespace meshplane {

// `file` logging: `path` is required.
ValidationError ValidateFileLoggingConfig(const google::protobuf::Struct& conf);
// `tcp` logging: `address` is required and must be HOST:PORT (Go's net.SplitHostPort).
ValidationError ValidateTcpLoggingConfig(const google::protobuf::Struct& conf);
// `zipkin` tracing: known apiVersion; `url` required, a request URI with an explicit port.
ValidationError ValidateZipkinTracingConfig(const google::protobuf::Struct& conf);
// `datadog` tracing: `address` required, `port` in [1, 65535].
ValidationError ValidateDatadogTracingConfig(const google::protobuf::Struct& conf);
// `prometheus` metrics: skipMTLS/tls consistency, envoy.filterRegex compiles as a Go regexp,
// aggregate names unique.
ValidationError ValidatePrometheusMetricsConfig(const google::protobuf::Struct& conf);

}  // namespace meshplane
