# Builds the Envoy xDS API (the protos meshplane serves over ADS) into the OBJECT library
# meshplane_xds_api. The .proto files come from a pinned npm tarball at configure time
# (scripts/fetch-envoy-protos.sh); only the transitive closure of the roots below is compiled.
# OBJECT, like meshplane_api: every descriptor must be registered so that google.protobuf.Any
# payloads can be printed and parsed by type URL.

set(ENVOY_PROTO_DIR ${CMAKE_BINARY_DIR}/_deps/envoy-protos)
execute_process(
  COMMAND ${CMAKE_SOURCE_DIR}/scripts/fetch-envoy-protos.sh ${ENVOY_PROTO_DIR}
  RESULT_VARIABLE fetch_result)
if(NOT fetch_result EQUAL 0)
  message(FATAL_ERROR "Could not fetch the Envoy API protos (see the message above)")
endif()

# The resources meshplane generates or reads. Add a root here when a new Envoy type is used.
set(ENVOY_PROTO_ROOTS
  envoy/service/discovery/v3/ads.proto
  envoy/config/bootstrap/v3/bootstrap.proto
  envoy/config/listener/v3/listener.proto
  envoy/config/cluster/v3/cluster.proto
  envoy/config/endpoint/v3/endpoint.proto
  envoy/config/route/v3/route.proto
  envoy/extensions/filters/network/http_connection_manager/v3/http_connection_manager.proto
  envoy/extensions/filters/http/router/v3/router.proto
  envoy/extensions/filters/http/rbac/v3/rbac.proto
  envoy/extensions/filters/network/rbac/v3/rbac.proto
  envoy/extensions/filters/network/tcp_proxy/v3/tcp_proxy.proto
  envoy/extensions/filters/listener/tls_inspector/v3/tls_inspector.proto
  envoy/extensions/transport_sockets/tls/v3/tls.proto
  envoy/extensions/transport_sockets/tls/v3/secret.proto)
set(ENVOY_PROTO_INCLUDES
  -I${ENVOY_PROTO_DIR}/patched
  -I${ENVOY_PROTO_DIR}/envoy-api
  -I${ENVOY_PROTO_DIR}/xds
  -I${ENVOY_PROTO_DIR}/googleapis
  -I${ENVOY_PROTO_DIR}/protoc-gen-validate
  -I/usr/include)

# The closure, as protoc sees it: every imported file except protobuf's well-known types
# (those come with libprotobuf).
set(closure_pb ${CMAKE_BINARY_DIR}/_deps/envoy-closure.pb)
execute_process(
  COMMAND ${PROTOC} ${ENVOY_PROTO_INCLUDES} --include_imports --descriptor_set_out=${closure_pb}
          ${ENVOY_PROTO_ROOTS}
  RESULT_VARIABLE closure_result)
if(NOT closure_result EQUAL 0)
  message(FATAL_ERROR "protoc could not resolve the Envoy API closure")
endif()
execute_process(
  COMMAND ${PROTOC} -I/usr/include --decode=google.protobuf.FileDescriptorSet
          google/protobuf/descriptor.proto
  INPUT_FILE ${closure_pb}
  OUTPUT_VARIABLE closure_text)
string(REGEX MATCHALL "\n  name: \"[^\"]+\"" closure_lines "${closure_text}")
set(ENVOY_PROTO_FILES)
foreach(line ${closure_lines})
  string(REGEX REPLACE "\n  name: \"([^\"]+)\"" "\\1" file "${line}")
  if(NOT file MATCHES "^google/protobuf/")
    list(APPEND ENVOY_PROTO_FILES ${file})
  endif()
endforeach()

set(ENVOY_GEN_DIR ${CMAKE_BINARY_DIR}/_deps/envoy-gen)
file(MAKE_DIRECTORY ${ENVOY_GEN_DIR})
set(ENVOY_GEN_SRCS)
foreach(file ${ENVOY_PROTO_FILES})
  string(REGEX REPLACE "\\.proto$" "" base ${file})
  list(APPEND ENVOY_GEN_SRCS ${ENVOY_GEN_DIR}/${base}.pb.cc)
endforeach()
list(APPEND ENVOY_GEN_SRCS ${ENVOY_GEN_DIR}/envoy/service/discovery/v3/ads.grpc.pb.cc)

find_program(GRPC_CPP_PLUGIN grpc_cpp_plugin REQUIRED)
add_custom_command(
  OUTPUT ${ENVOY_GEN_SRCS}
  COMMAND ${PROTOC} ${ENVOY_PROTO_INCLUDES} --cpp_out=${ENVOY_GEN_DIR} ${ENVOY_PROTO_FILES}
  COMMAND ${PROTOC} ${ENVOY_PROTO_INCLUDES} --grpc_out=${ENVOY_GEN_DIR}
          --plugin=protoc-gen-grpc=${GRPC_CPP_PLUGIN} envoy/service/discovery/v3/ads.proto
  DEPENDS ${CMAKE_SOURCE_DIR}/scripts/fetch-envoy-protos.sh
  COMMENT "protoc: Envoy xDS API (${CMAKE_CURRENT_LIST_FILE})"
  VERBATIM)

add_library(meshplane_xds_api OBJECT ${ENVOY_GEN_SRCS})
target_include_directories(meshplane_xds_api SYSTEM PUBLIC ${ENVOY_GEN_DIR})
target_compile_options(meshplane_xds_api PRIVATE -w)
target_link_libraries(meshplane_xds_api PUBLIC PkgConfig::GRPCPP)
