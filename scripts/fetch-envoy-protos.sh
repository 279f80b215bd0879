#!/usr/bin/env bash
# Fetches the Envoy xDS API protos (with their udpa/xds, googleapis and protoc-gen-validate
# dependencies) from the npm tarball of @grpc/grpc-js-xds, pinned by version and integrity.
# No Debian package ships them, and they are never committed to this repository.
#
#   fetch-envoy-protos.sh DEST
#
# Leaves DEST/{envoy-api,xds,googleapis,protoc-gen-validate} and DEST/patched/validate/validate.proto
# (the vendored validate.proto predates envoy-api's `ignore_empty` rule; the patched copy adds it
# and must come first on protoc's include path). Does nothing when DEST is already complete.
set -euo pipefail

PACKAGE="@grpc/grpc-js-xds@1.14.1"
INTEGRITY="sha512-F2mVXwEeMWw1znPUrp+8ykjsIOVnf7Rv+EyIvXOfz73w5tNolCnzokpLkE/d2Ehx30PJmZXqCQdMpx8DcBJohA=="

dest="${1:?usage: fetch-envoy-protos.sh DEST}"
stamp="$dest/.complete"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$PACKAGE $INTEGRITY" ]; then
  exit 0
fi
command -v npm >/dev/null || { echo "fetch-envoy-protos: npm is required (apt-get install npm)" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "$PACKAGE" >/dev/null)
tarball="$(ls "$work"/*.tgz)"
actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | openssl base64 -A)"
if [ "$actual" != "$INTEGRITY" ]; then
  echo "fetch-envoy-protos: integrity mismatch for $PACKAGE" >&2
  echo "  expected $INTEGRITY" >&2
  echo "  got      $actual" >&2
  exit 1
fi

tar -xzf "$tarball" -C "$work" package/deps
rm -rf "$dest"
mkdir -p "$dest/patched/validate"
cp -r "$work/package/deps/." "$dest/"
awk '{ print } /optional bool strict = 25/ { print "  optional bool ignore_empty = 26;" }' \
  "$dest/protoc-gen-validate/validate/validate.proto" > "$dest/patched/validate/validate.proto"
grep -q "ignore_empty = 26" "$dest/patched/validate/validate.proto" || {
  echo "fetch-envoy-protos: could not patch validate.proto" >&2; exit 1; }
echo "$PACKAGE $INTEGRITY" > "$stamp"
