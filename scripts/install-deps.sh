#!/usr/bin/env bash
# Installs the Debian packages meshplane needs to build, run and test.
# Idempotent: does nothing when every package is already installed, and
# runs `apt-get update` at most once per invocation.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config
  protobuf-compiler libprotobuf-dev libgrpc++-dev protobuf-compiler-grpc
  libssl-dev libyaml-cpp-dev libsqlite3-dev sqlite3 libpq-dev
  libboost-dev nlohmann-json3-dev libspdlog-dev libcli11-dev libmstch-dev libre2-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  curl ca-certificates
)
# Extra toolchains, requested with --with=fuzz (libFuzzer needs clang).
for arg in "$@"; do
  case "$arg" in
    --with=fuzz) PACKAGES+=(clang libclang-rt-14-dev) ;;
    --with=postgres) PACKAGES+=(postgresql) ;;
  esac
done

# Node.js and npm fetch the Envoy API protos and run the end-to-end tests with real gRPC xDS
# clients. Machines that already have them (from any source) keep their own.
if ! command -v npm >/dev/null 2>&1; then
  PACKAGES+=(nodejs npm)
fi

missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "Installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
