#include "resources/mesh/mesh_validator.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "unit/resources/mesh/mesh_yaml.h"

namespace meshplane {
namespace {

using testing::MeshFromYaml;

struct Case {
  std::string name;
  std::string yaml;
  std::vector<Violation> want;
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

class MeshValidatorTest : public ::testing::TestWithParam<Case> {};

std::string Describe(const std::vector<Violation>& vs) {
  std::string out;
  for (const Violation& v : vs) {
    out += "  " + v.field + ": " + v.message + "\n";
  }
  return out.empty() ? "  (none)\n" : out;
}

TEST_P(MeshValidatorTest, ReportsKumasViolationsInKumasOrder) {
  const Case& c = GetParam();
  ValidationError err = ValidateMesh(MeshFromYaml(c.yaml));
  EXPECT_EQ(err.Violations(), c.want) << "got:\n"
                                      << Describe(err.Violations()) << "want:\n"
                                      << Describe(c.want);
}

std::string CaseName(const ::testing::TestParamInfo<Case>& info) { return info.param.name; }

// ---------------------------------------------------------------------------------------------
// Valid meshes.
INSTANTIATE_TEST_SUITE_P(MeshValid, MeshValidatorTest,
                         ::testing::Values(Case{"EmptySpec", "", {}},
                                           Case{"EmptySections",
                                                R"(
      mtls: {}
      logging: {}
      tracing: {}
      metrics: {}
      constraints: {}
      routing: {}
    )",
                                                {}},
                                           Case{"EverySectionValid",
                                                R"(
      mtls:
        enabledBackend: ca-1
        backends:
        - name: ca-1
          type: builtin
          dpCert:
            rotation:
              expiration: 1d
            requestTimeout: 5s
          conf:
            caCert:
              RSAbits: 2048
              expiration: 10y
      logging:
        defaultBackend: file-1
        backends:
        - name: file-1
          type: file
          format: '{"start": "%START_TIME%"}'
          conf:
            path: /tmp/access.log
        - name: tcp-1
          type: tcp
          conf:
            address: 127.0.0.1:5000
        - name: tcp-v6
          type: tcp
          conf:
            address: '[::1]:9000'
      tracing:
        defaultBackend: zipkin-1
        backends:
        - name: zipkin-1
          type: zipkin
          sampling: 100
          conf:
            url: http://zipkin.local:9411/api/v2/spans
            apiVersion: httpProto
        - name: zipkin-v6
          type: zipkin
          sampling: 0
          conf:
            url: 'https://[::1]:9411/'
        - name: datadog-1
          type: datadog
          sampling: 50.5
          conf:
            address: 127.0.0.1
            port: 8126
      metrics:
        enabledBackend: prometheus-1
        backends:
        - name: prometheus-1
          type: prometheus
          conf:
            port: 5670
            path: /metrics
            skipMTLS: false
            tls:
              mode: activeMTLSBackend
            envoy:
              filterRegex: 'http2_act.*|cluster\..*'
            aggregate:
            - name: app
              port: 8080
            - name: sidecar
              port: 9090
      constraints:
        dataplaneProxy:
          requirements:
          - tags:
              kuma.io/zone: east
          restrictions:
          - tags:
              kuma.io/service: '*'
              team: core
      routing:
        zoneEgress: true
    )",
                                                {}},
                                           Case{"UnknownCaTypeIsLeftToTheManager",
                                                R"(
      mtls:
        enabledBackend: ca-1
        backends:
        - name: ca-1
          type: vault
    )",
                                                {}},
                                           Case{"EmptyMetricsBackendNameIsAllowed",
                                                R"(
      metrics:
        backends:
        - type: prometheus
    )",
                                                {}},
                                           Case{"UnsetSamplingCountsAsZero",
                                                R"(
      tracing:
        backends:
        - name: z
          type: zipkin
          conf:
            url: http://zipkin:9411
    )",
                                                {}},
                                           Case{"UnknownConfKeysAreIgnored",
                                                R"(
      logging:
        backends:
        - name: f
          type: file
          conf:
            path: /dev/stdout
            unknownKey: ignored
    )",
                                                {}},
                                           Case{"SkipMtlsTrueWithTlsDisabledAgrees",
                                                R"(
      metrics:
        backends:
        - name: p
          type: prometheus
          conf:
            skipMTLS: true
            tls:
              mode: disabled
    )",
                                                {}},
                                           Case{"SelectorValueStarMeansAnyValue",
                                                R"(
      constraints:
        dataplaneProxy:
          requirements:
          - tags:
              'kuma.io/service': '*'
              'k8s.kuma.io/namespace': kuma-demo
    )",
                                                {}},
                                           Case{"ZoneEgressOffNeedsNoMtls",
                                                R"(
      routing:
        zoneEgress: false
        localityAwareLoadBalancing: true
    )",
                                                {}}),
                         CaseName);

// ---------------------------------------------------------------------------------------------
// mtls
INSTANTIATE_TEST_SUITE_P(
    MeshMtls, MeshValidatorTest,
    ::testing::Values(
        Case{"MoreThanOneBackend",
             R"(
      mtls:
        backends:
        - name: ca-1
          type: builtin
        - name: ca-2
          type: builtin
    )",
             {{"mtls.backends", "cannot have more than 1 backends"}}},
        Case{"DuplicateBackendName",
             R"(
      mtls:
        backends:
        - name: ca-1
          type: builtin
        - name: ca-1
          type: provided
    )",
             {{"mtls.backends", "cannot have more than 1 backends"},
              {"mtls.backends[1].name", "\"ca-1\" name is already used for another backend"}}},
        Case{"EmptyNamesCountAsNames",
             R"(
      mtls:
        backends:
        - type: builtin
        - type: builtin
    )",
             {{"mtls.backends", "cannot have more than 1 backends"},
              {"mtls.backends[1].name", "\"\" name is already used for another backend"}}},
        Case{"EnabledBackendMustExist",
             R"(
      mtls:
        enabledBackend: ca-2
        backends:
        - name: ca-1
          type: builtin
    )",
             {{"mtls.enabledBackend", "has to be set to one of the backends in the mesh"}}},
        Case{"EnabledBackendWithoutBackends",
             R"(
      mtls:
        enabledBackend: ca-1
    )",
             {{"mtls.enabledBackend", "has to be set to one of the backends in the mesh"}}},
        Case{"DpCertCompoundExpirationIsInvalid",
             R"(
      mtls:
        backends:
        - name: ca-1
          type: builtin
          dpCert:
            rotation:
              expiration: 1h30m
    )",
             {{"mtls.backends[0].dpCert.rotation.expiration", "has to be a valid format"}}},
        Case{"DpCertWithOnlyRequestTimeoutIsRejected",
             R"(
      mtls:
        backends:
        - name: ca-1
          type: builtin
          dpCert:
            requestTimeout: 10s
    )",
             {{"mtls.backends[0].dpCert.rotation.expiration", "has to be a valid format"}}},
        Case{"EmptyDpCertIsRejected",
             R"(
      mtls:
        backends:
        - name: ca-1
          type: builtin
          dpCert: {}
    )",
             {{"mtls.backends[0].dpCert.rotation.expiration", "has to be a valid format"}}},
        Case{"PerBackendOrderThenEnabledBackend",
             R"(
      mtls:
        enabledBackend: missing
        backends:
        - name: ca-1
          type: builtin
          dpCert:
            rotation:
              expiration: 1.5h
        - name: ca-1
          type: builtin
          dpCert:
            rotation:
              expiration: "10"
    )",
             {{"mtls.backends", "cannot have more than 1 backends"},
              {"mtls.backends[0].dpCert.rotation.expiration", "has to be a valid format"},
              {"mtls.backends[1].name", "\"ca-1\" name is already used for another backend"},
              {"mtls.backends[1].dpCert.rotation.expiration", "has to be a valid format"},
              {"mtls.enabledBackend", "has to be set to one of the backends in the mesh"}}}),
    CaseName);

// Kuma duration examples (§5.2.1) through dpCert.rotation.expiration.
Case DpCertExpiration(const std::string& name, const std::string& value, bool valid) {
  std::string yaml =
      "mtls:\n  backends:\n  - name: ca-1\n    type: builtin\n    dpCert:\n"
      "      rotation:\n        expiration: '" +
      value + "'\n";
  std::vector<Violation> want;
  if (!valid) {
    want.push_back({"mtls.backends[0].dpCert.rotation.expiration", "has to be a valid format"});
  }
  return Case{name, yaml, want};
}

INSTANTIATE_TEST_SUITE_P(
    MeshDpCertDuration, MeshValidatorTest,
    ::testing::Values(
        DpCertExpiration("Zero", "0", true), DpCertExpiration("Milliseconds", "15ms", true),
        DpCertExpiration("Seconds", "10s", true), DpCertExpiration("Minutes", "5m", true),
        DpCertExpiration("Hours", "2h", true), DpCertExpiration("Days", "1d", true),
        DpCertExpiration("Weeks", "1w", true), DpCertExpiration("Years", "10y", true),
        DpCertExpiration("Empty", "", false), DpCertExpiration("Compound", "1h30m", false),
        DpCertExpiration("Decimal", "1.5h", false), DpCertExpiration("NoUnit", "10", false),
        DpCertExpiration("UnknownUnit", "1us", false), DpCertExpiration("Negative", "-1s", false),
        DpCertExpiration("UpperCaseUnit", "1H", false),
        DpCertExpiration("ZeroWithUnitIsFine", "0s", true)),
    CaseName);

// ---------------------------------------------------------------------------------------------
// logging
INSTANTIATE_TEST_SUITE_P(
    MeshLogging, MeshValidatorTest,
    ::testing::Values(
        Case{"NameCannotBeEmpty",
             R"(
      logging:
        backends:
        - type: file
          conf:
            path: /tmp/log
    )",
             {{"logging.backends[0].name", "cannot be empty"}}},
        Case{"FilePathCannotBeEmpty",
             R"(
      logging:
        backends:
        - name: f
          type: file
    )",
             {{"logging.backends[0].config.path", "cannot be empty"}}},
        Case{"FileConfigThatDoesNotParse",
             R"(
      logging:
        backends:
        - name: f
          type: file
          conf:
            path: 5
    )",
             {{"logging.backends[0].config",
               "could not parse config: path: cannot decode number as string"}}},
        Case{"TcpAddressCannotBeEmpty",
             R"(
      logging:
        backends:
        - name: t
          type: tcp
          conf: {}
    )",
             {{"logging.backends[0].config.address", "cannot be empty"}}},
        Case{"TcpAddressWithoutPort",
             R"(
      logging:
        backends:
        - name: t
          type: tcp
          conf:
            address: 127.0.0.1
    )",
             {{"logging.backends[0].config.address", "has to be in format of HOST:PORT"}}},
        Case{"TcpAddressWithoutHost",
             R"(
      logging:
        backends:
        - name: t
          type: tcp
          conf:
            address: ':5000'
    )",
             {{"logging.backends[0].config.address", "has to be in format of HOST:PORT"}}},
        Case{"TcpAddressWithEmptyPort",
             R"(
      logging:
        backends:
        - name: t
          type: tcp
          conf:
            address: 'logstash:'
    )",
             {{"logging.backends[0].config.address", "has to be in format of HOST:PORT"}}},
        Case{"TcpAddressUnbracketedIpv6",
             R"(
      logging:
        backends:
        - name: t
          type: tcp
          conf:
            address: '::1:9000'
    )",
             {{"logging.backends[0].config.address", "has to be in format of HOST:PORT"}}},
        Case{"TcpAddressBracketedIpv6WithoutPort",
             R"(
      logging:
        backends:
        - name: t
          type: tcp
          conf:
            address: '[::1]'
    )",
             {{"logging.backends[0].config.address", "has to be in format of HOST:PORT"}}},
        Case{"TcpConfigThatDoesNotParse",
             R"(
      logging:
        backends:
        - name: t
          type: tcp
          conf:
            address: [a, b]
    )",
             {{"logging.backends[0].config",
               "could not parse config: address: cannot decode array as string"}}},
        Case{"UnknownType",
             R"(
      logging:
        backends:
        - name: s
          type: syslog
    )",
             {{"logging.backends[0].type",
               "unknown backend type. Available backends: \"tcp\", \"file\""}}},
        Case{"MissingTypeIsUnknown",
             R"(
      logging:
        backends:
        - name: s
    )",
             {{"logging.backends[0].type",
               "unknown backend type. Available backends: \"tcp\", \"file\""}}},
        Case{"NameBeforeTypeWithinABackend",
             R"(
      logging:
        backends:
        - type: udp
    )",
             {{"logging.backends[0].name", "cannot be empty"},
              {"logging.backends[0].type",
               "unknown backend type. Available backends: \"tcp\", \"file\""}}},
        Case{"DuplicateNameComesAfterTheBackendsOwnRules",
             R"(
      logging:
        backends:
        - name: a
          type: file
        - name: a
          type: file
    )",
             {{"logging.backends[0].config.path", "cannot be empty"},
              {"logging.backends[1].config.path", "cannot be empty"},
              {"logging.backends[1].name", "\"a\" name is already used for another backend"}}},
        Case{"EmptyNamedSecondBackendGetsBothMessages",
             R"(
      logging:
        backends:
        - type: file
          conf:
            path: /a
        - type: file
          conf:
            path: /b
    )",
             {{"logging.backends[0].name", "cannot be empty"},
              {"logging.backends[1].name", "cannot be empty"},
              {"logging.backends[1].name", "\"\" name is already used for another backend"}}},
        Case{"DefaultBackendMustExist",
             R"(
      logging:
        defaultBackend: other
        backends:
        - name: f
          type: file
          conf:
            path: /a
    )",
             {{"logging.defaultBackend", "has to be set to one of the logging backend in mesh"}}}),
    CaseName);

// ---------------------------------------------------------------------------------------------
// tracing
Case ZipkinUrl(const std::string& name, const std::string& url, const std::string& message) {
  std::string yaml =
      "tracing:\n  backends:\n  - name: z\n    type: zipkin\n    conf:\n"
      "      url: '" +
      url + "'\n";
  std::vector<Violation> want;
  if (!message.empty()) {
    want.push_back({"tracing.backends[0].config.url", message});
  }
  return Case{name, yaml, want};
}

constexpr const char* kInvalidUrl = "invalid URL";
constexpr const char* kNoPort = "port has to be explicitly specified";

INSTANTIATE_TEST_SUITE_P(
    MeshZipkinUrl, MeshValidatorTest,
    ::testing::Values(
        ZipkinUrl("HttpWithPortAndPath", "http://zipkin:9411/api/v2/spans", ""),
        ZipkinUrl("HttpsWithPort", "https://zipkin.tracing.svc:443", ""),
        ZipkinUrl("Ipv6WithPort", "http://[::1]:9411/api/v2/spans", ""),
        ZipkinUrl("UserinfoAndQuery", "http://user:pass@zipkin:9411/api?x=1", ""),
        // Go parses "zipkin:9411" as scheme "zipkin" + opaque "9411": valid, but without a port.
        ZipkinUrl("HostPortWithoutSchemeIsOpaque", "zipkin:9411", kNoPort),
        ZipkinUrl("HostPortPathWithoutScheme", "localhost:9411/api/v2/spans", kNoPort),
        ZipkinUrl("NoPort", "http://zipkin/api/v2/spans", kNoPort),
        ZipkinUrl("EmptyPortAfterColon", "http://zipkin:/api", kNoPort),
        ZipkinUrl("Ipv6WithoutPort", "http://[::1]/api", kNoPort),
        ZipkinUrl("AbsolutePathOnly", "/api/v2/spans", kNoPort),
        ZipkinUrl("SchemeRelative", "//zipkin:9411/api", kNoPort),
        ZipkinUrl("IpWithoutSchemeIsNotARequestUri", "127.0.0.1:9411", kInvalidUrl),
        ZipkinUrl("PlainWords", "not a url", kInvalidUrl),
        ZipkinUrl("MissingScheme", "://zipkin:9411", kInvalidUrl),
        ZipkinUrl("NonNumericPort", "http://zipkin:port/api", kInvalidUrl),
        ZipkinUrl("TwoPorts", "http://zipkin:9411:9412/api", kInvalidUrl),
        ZipkinUrl("SpaceInHost", "http://zip kin:9411/", kInvalidUrl),
        ZipkinUrl("BadPercentEscape", "http://zipkin:9411/api/%zz", kInvalidUrl),
        ZipkinUrl("BracketsAroundIpv4", "http://[127.0.0.1]:9411/", kInvalidUrl),
        ZipkinUrl("UnclosedBracket", "http://[::1:9411/", kInvalidUrl)),
    CaseName);

INSTANTIATE_TEST_SUITE_P(
    MeshTracing, MeshValidatorTest,
    ::testing::Values(
        Case{"NameCannotBeEmptyAndSamplingAbove100",
             R"(
      tracing:
        backends:
        - type: zipkin
          sampling: 100.5
          conf:
            url: http://zipkin:9411
    )",
             {{"tracing.backends[0].name", "cannot be empty"},
              {"tracing.backends[0].sampling", "has to be in [0.0 - 100.0] range"}}},
        Case{"NegativeSampling",
             R"(
      tracing:
        backends:
        - name: z
          type: zipkin
          sampling: -1
          conf:
            url: http://zipkin:9411
    )",
             {{"tracing.backends[0].sampling", "has to be in [0.0 - 100.0] range"}}},
        Case{"ZipkinWithoutConfNeedsUrl",
             R"(
      tracing:
        backends:
        - name: z
          type: zipkin
    )",
             {{"tracing.backends[0].config.url", "cannot be empty"}}},
        Case{"ZipkinApiVersionThenEmptyUrl",
             R"(
      tracing:
        backends:
        - name: z
          type: zipkin
          conf:
            apiVersion: grpc
    )",
             {{"tracing.backends[0].config.apiVersion",
               "has invalid value. Allowed values: httpJsonV1, httpJson, httpProto"},
              {"tracing.backends[0].config.url", "cannot be empty"}}},
        Case{"ZipkinApiVersionAndBadUrl",
             R"(
      tracing:
        backends:
        - name: z
          type: zipkin
          conf:
            apiVersion: HTTPJSON
            url: zipkin
    )",
             {{"tracing.backends[0].config.apiVersion",
               "has invalid value. Allowed values: httpJsonV1, httpJson, httpProto"},
              {"tracing.backends[0].config.url", "invalid URL"}}},
        Case{"ZipkinConfigThatDoesNotParse",
             R"(
      tracing:
        backends:
        - name: z
          type: zipkin
          conf:
            url: 9411
            apiVersion: nope
    )",
             {{"tracing.backends[0].config",
               "could not parse config: url: cannot decode number as string"}}},
        Case{"DatadogWithoutConf",
             R"(
      tracing:
        backends:
        - name: d
          type: datadog
    )",
             {{"tracing.backends[0].config.address", "cannot be empty"},
              {"tracing.backends[0].config.port", "port must be in the range [1, 65535]"}}},
        Case{"DatadogPortTooLarge",
             R"(
      tracing:
        backends:
        - name: d
          type: datadog
          conf:
            address: datadog
            port: 65536
    )",
             {{"tracing.backends[0].config.port", "port must be in the range [1, 65535]"}}},
        Case{"DatadogConfigThatDoesNotParse",
             R"(
      tracing:
        backends:
        - name: d
          type: datadog
          conf:
            address: datadog
            port: -1
    )",
             {{"tracing.backends[0].config",
               "could not parse config: port: cannot decode number as uint32"}}},
        Case{"UnknownType",
             R"(
      tracing:
        backends:
        - name: j
          type: jaeger
    )",
             {{"tracing.backends[0].type",
               "unknown backend type. Available backends: \"zipkin\", \"datadog\""}}},
        Case{"DuplicateNameComesAfterTheBackendsOwnRules",
             R"(
      tracing:
        backends:
        - name: z
          type: zipkin
        - name: z
          type: zipkin
          sampling: 200
    )",
             {{"tracing.backends[0].config.url", "cannot be empty"},
              {"tracing.backends[1].sampling", "has to be in [0.0 - 100.0] range"},
              {"tracing.backends[1].config.url", "cannot be empty"},
              {"tracing.backends[1].name", "\"z\" name is already used for another backend"}}},
        Case{"DefaultBackendMustExist",
             R"(
      tracing:
        defaultBackend: z2
        backends:
        - name: z
          type: zipkin
          conf:
            url: http://zipkin:9411
    )",
             {{"tracing.defaultBackend", "has to be set to one of the tracing backend in mesh"}}}),
    CaseName);

// ---------------------------------------------------------------------------------------------
// metrics
INSTANTIATE_TEST_SUITE_P(
    MeshMetrics, MeshValidatorTest,
    ::testing::Values(
        Case{"UnknownType",
             R"(
      metrics:
        backends:
        - name: s
          type: statsd
    )",
             {{"metrics.backends[0].type",
               "unknown backend type. Available backends: \"prometheus\""}}},
        Case{"DuplicateNameComesBeforeTheType",
             R"(
      metrics:
        backends:
        - name: p
          type: statsd
        - name: p
          type: influx
    )",
             {{"metrics.backends[0].type",
               "unknown backend type. Available backends: \"prometheus\""},
              {"metrics.backends[1].name", "\"p\" name is already used for another backend"},
              {"metrics.backends[1].type",
               "unknown backend type. Available backends: \"prometheus\""}}},
        Case{"DuplicateNameComesBeforeTheConf",
             R"(
      metrics:
        backends:
        - name: p
          type: prometheus
        - name: p
          type: prometheus
          conf:
            envoy:
              filterRegex: '('
    )",
             {{"metrics.backends[1].name", "\"p\" name is already used for another backend"},
              {"metrics.backends[1].conf.envoy.filterRegex",
               "provided regexp isn't correct: error parsing regexp: missing closing ): `(`"}}},
        Case{"DuplicateEmptyNames",
             R"(
      metrics:
        backends:
        - type: prometheus
        - type: prometheus
    )",
             {{"metrics.backends[1].name", "\"\" name is already used for another backend"}}},
        Case{"ConfThatDoesNotParse",
             R"(
      metrics:
        backends:
        - name: p
          type: prometheus
          conf:
            port: abc
    )",
             {{"metrics.backends[0].conf",
               "could not parse config: port: cannot decode string as uint32"}}},
        Case{"SkipMtlsWithProvidedTls",
             R"(
      metrics:
        backends:
        - name: p
          type: prometheus
          conf:
            skipMTLS: true
            tls:
              mode: providedTLS
    )",
             {{"metrics.backends[0].conf",
               "skipMTLS and tls configuration cannot be defined together"}}},
        Case{"SkipMtlsFalseWithTlsDisabled",
             R"(
      metrics:
        backends:
        - name: p
          type: prometheus
          conf:
            skipMTLS: false
            tls:
              mode: disabled
    )",
             {{"metrics.backends[0].conf",
               "skipMTLS and tls configuration cannot be defined together"}}},
        Case{"SkipMtlsTrueWithEmptyTlsIsActiveMtls",
             R"(
      metrics:
        backends:
        - name: p
          type: prometheus
          conf:
            skipMTLS: true
            tls: {}
    )",
             {{"metrics.backends[0].conf",
               "skipMTLS and tls configuration cannot be defined together"}}},
        Case{"TlsConflictStopsBeforeRegexAndAggregates",
             R"(
      metrics:
        backends:
        - name: p
          type: prometheus
          conf:
            skipMTLS: true
            tls:
              mode: providedTLS
            envoy:
              filterRegex: '['
            aggregate:
            - name: a
            - name: a
    )",
             {{"metrics.backends[0].conf",
               "skipMTLS and tls configuration cannot be defined together"}}},
        Case{"BadRegexStopsBeforeAggregates",
             R"(
      metrics:
        backends:
        - name: p
          type: prometheus
          conf:
            envoy:
              filterRegex: 'a**'
            aggregate:
            - name: a
            - name: a
    )",
             {{"metrics.backends[0].conf.envoy.filterRegex",
               "provided regexp isn't correct: error parsing regexp: "
               "invalid nested repetition operator: `**`"}}},
        Case{"EveryRepeatedAggregateName",
             R"(
      metrics:
        backends:
        - name: p
          type: prometheus
          conf:
            aggregate:
            - name: a
              port: 1
            - name: b
              port: 2
            - name: a
              port: 3
            - name: a
              port: 4
    )",
             {{"metrics.backends[0].conf.aggregate[2].name",
               "duplicate entry: a, values have to be unique"},
              {"metrics.backends[0].conf.aggregate[3].name",
               "duplicate entry: a, values have to be unique"}}},
        Case{"EnabledBackendMustExist",
             R"(
      metrics:
        enabledBackend: prom
        backends:
        - name: prometheus-1
          type: prometheus
    )",
             {{"metrics.enabledBackend", "has to be set to one of the backends in the mesh"}}}),
    CaseName);

// Go regexp error texts for envoy.filterRegex.
Case FilterRegex(const std::string& name, const std::string& regex, const std::string& go_error) {
  std::string yaml =
      "metrics:\n  backends:\n  - name: p\n    type: prometheus\n    conf:\n"
      "      envoy:\n        filterRegex: '" +
      regex + "'\n";
  std::vector<Violation> want;
  if (!go_error.empty()) {
    want.push_back({"metrics.backends[0].conf.envoy.filterRegex",
                    "provided regexp isn't correct: error parsing regexp: " + go_error});
  }
  return Case{name, yaml, want};
}

INSTANTIATE_TEST_SUITE_P(
    MeshFilterRegex, MeshValidatorTest,
    ::testing::Values(
        FilterRegex("Valid", "^cluster\\.(inbound|outbound).*$", ""),
        FilterRegex("GoNamedGroup", "(?<svc>[a-z]+)_rq", ""),
        FilterRegex("PythonNamedGroup", "(?P<svc>[a-z]+)_rq", ""),
        FilterRegex("MissingParen", "(", "missing closing ): `(`"),
        FilterRegex("MissingParenQuotesWholeExpression", "cluster_(a|b",
                    "missing closing ): `cluster_(a|b`"),
        FilterRegex("UnexpectedParen", "ab)", "unexpected ): `ab)`"),
        FilterRegex("MissingBracket", "[a-z", "missing closing ]: `[a-z`"),
        FilterRegex("MissingRepeatArgument", "*rq", "missing argument to repetition operator: `*`"),
        FilterRegex("TrailingBackslash", "rq\\", "trailing backslash at end of expression: ``"),
        FilterRegex("InvalidEscape", "\\q", "invalid escape sequence: `\\q`"),
        FilterRegex("InvalidRange", "[z-a]", "invalid character class range: `z-a`"),
        FilterRegex("RepeatCount", "a{1001}", "invalid repeat count: `{1001}`"),
        FilterRegex("Lookahead", "(?=x)", "invalid or unsupported Perl syntax: `(?=`")),
    CaseName);

// ---------------------------------------------------------------------------------------------
// constraints
INSTANTIATE_TEST_SUITE_P(
    MeshConstraints, MeshValidatorTest,
    ::testing::Values(
        Case{"RequirementWithoutTags",
             R"(
      constraints:
        dataplaneProxy:
          requirements:
          - tags: {}
    )",
             {{"constraints.dataplaneProxy.requirements[0].tags", "must have at least one tag"}}},
        Case{"RestrictionWithoutTags",
             R"(
      constraints:
        dataplaneProxy:
          restrictions:
          - {}
    )",
             {{"constraints.dataplaneProxy.restrictions[0].tags", "must have at least one tag"}}},
        Case{"KeysInSortedOrderWithEveryRule",
             R"(
      constraints:
        dataplaneProxy:
          requirements:
          - tags:
              'zone!': east
              'app name': ''
              '': web
              kuma.io/service: 'a b'
    )",
             {{"constraints.dataplaneProxy.requirements[0].tags", "tag name must be non-empty"},
              {"constraints.dataplaneProxy.requirements[0].tags[\"app name\"]",
               "tag name must consist of alphanumeric characters, dots, dashes, slashes and "
               "underscores"},
              {"constraints.dataplaneProxy.requirements[0].tags[\"app name\"]",
               "tag value must be non-empty"},
              {"constraints.dataplaneProxy.requirements[0].tags[\"kuma.io/service\"]",
               "tag value must consist of alphanumeric characters, dots, dashes, slashes and "
               "underscores or be \"*\""},
              {"constraints.dataplaneProxy.requirements[0].tags[\"zone!\"]",
               "tag name must consist of alphanumeric characters, dots, dashes, slashes and "
               "underscores"}}},
        Case{"RequirementsBeforeRestrictions",
             R"(
      constraints:
        dataplaneProxy:
          restrictions:
          - tags:
              team: ''
          requirements:
          - tags:
              team: '**'
    )",
             {{"constraints.dataplaneProxy.requirements[0].tags[\"team\"]",
               "tag value must consist of alphanumeric characters, dots, dashes, slashes and "
               "underscores or be \"*\""},
              {"constraints.dataplaneProxy.restrictions[0].tags[\"team\"]",
               "tag value must be non-empty"}}},
        Case{"ConstraintsWithoutDataplaneProxy",
             R"(
      constraints: {}
    )",
             {}}),
    CaseName);

// ---------------------------------------------------------------------------------------------
// zoneEgress and ordering across sections
INSTANTIATE_TEST_SUITE_P(
    MeshZoneEgress, MeshValidatorTest,
    ::testing::Values(Case{"WithoutMtls",
                           R"(
      routing:
        zoneEgress: true
    )",
                           {{"mtls", "has to be set when zoneEgress enabled"}}},
                      Case{"WithMtlsButNoEnabledBackend",
                           R"(
      mtls:
        backends:
        - name: ca-1
          type: builtin
      routing:
        zoneEgress: true
    )",
                           {{"mtls", "has to be set when zoneEgress enabled"}}},
                      Case{"WithEnabledBackend",
                           R"(
      mtls:
        enabledBackend: ca-1
        backends:
        - name: ca-1
          type: builtin
      routing:
        zoneEgress: true
    )",
                           {}}),
    CaseName);

INSTANTIATE_TEST_SUITE_P(
    MeshOrdering, MeshValidatorTest,
    ::testing::Values(Case{
        "SectionsInKumasOrderWhateverTheYamlOrder",
        R"(
      routing:
        zoneEgress: true
      constraints:
        dataplaneProxy:
          requirements:
          - tags: {}
      metrics:
        backends:
        - name: m
          type: statsd
      tracing:
        backends:
        - name: t
          type: jaeger
      logging:
        backends:
        - name: l
          type: syslog
      mtls:
        enabledBackend: ca-1
    )",
        {{"mtls.enabledBackend", "has to be set to one of the backends in the mesh"},
         {"logging.backends[0].type",
          "unknown backend type. Available backends: \"tcp\", \"file\""},
         {"tracing.backends[0].type",
          "unknown backend type. Available backends: \"zipkin\", \"datadog\""},
         {"metrics.backends[0].type", "unknown backend type. Available backends: \"prometheus\""},
         {"constraints.dataplaneProxy.requirements[0].tags", "must have at least one tag"}}}),
    CaseName);

TEST(MeshValidatorErrorTest, RendersKumasErrorString) {
  ValidationError err = ValidateMesh(MeshFromYaml(R"(
    mtls:
      enabledBackend: ca-2
    routing:
      zoneEgress: false
    logging:
      backends:
      - type: file
  )"));
  EXPECT_EQ(err.ToString(),
            "mtls.enabledBackend: has to be set to one of the backends in the mesh; "
            "logging.backends[0].name: cannot be empty; "
            "logging.backends[0].config.path: cannot be empty");
}

}  // namespace
}  // namespace meshplane
