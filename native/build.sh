#!/usr/bin/env bash
# Builds Stowage's two native executables when a GraalVM or Mandrel for Java 21+ is present:
#   target/stowage-*-runner          the gateway (Quarkus' native build, mvn -Dnative package)
#   target/ostor-s3-admin            the admin CLI (native-image on the packaged application's classes and picocli,
#                                    with native/cli/reflect-config.json)
# native-image is taken from GRAALVM_HOME (or JAVA_HOME if it has one, or PATH). Without one, set
# NATIVE_CONTAINER_BUILD=true to build the gateway inside Quarkus' Mandrel builder image (needs docker or podman);
# the CLI is then skipped. Extra arguments go to the gateway's mvn command.
set -euo pipefail
cd "$(dirname "$0")/.."
. bin/jdk.sh

native_image=""
for home in "${GRAALVM_HOME:-}" "${JAVA_HOME:-}"; do
  if [ -n "$home" ] && [ -x "$home/bin/native-image" ]; then native_image="$home/bin/native-image"; break; fi
done
if [ -z "$native_image" ] && command -v native-image >/dev/null 2>&1; then native_image="$(command -v native-image)"; fi

extra=()
if [ -z "$native_image" ]; then
  if [ "${NATIVE_CONTAINER_BUILD:-false}" = "true" ]; then
    extra+=(-Dquarkus.native.container-build=true)
  else
    echo "native/build.sh: no native-image (set GRAALVM_HOME to a GraalVM/Mandrel for Java 21+," \
      "or NATIVE_CONTAINER_BUILD=true with docker or podman)" >&2
    exit 1
  fi
else
  export GRAALVM_HOME="$(dirname "$(dirname "$native_image")")"
fi

# 1. the gateway; then the same integration tests against it: mvn -Dnative verify runs the Packaged*IT classes
#    against the native executable (they run against the jar in a JVM build)
mvn -B -Dnative -DskipTests package "${extra[@]}" "$@"
ls -l target/*-runner

# 2. the CLI: a plain main (no Quarkus), so native-image runs directly on its classes
if [ -z "$native_image" ]; then
  echo "native/build.sh: the CLI needs a local native-image; skipped" >&2
  exit 0
fi
app=target/quarkus-app
cp="$app/app/$(cd "$app/app" && ls *.jar | head -1)"
for picocli in "$app"/lib/main/info.picocli.picocli-*.jar; do cp="$cp:$picocli"; done
"$native_image" --no-fallback -cp "$cp" \
  -H:ReflectionConfigurationFiles=native/cli/reflect-config.json \
  --enable-url-protocols=http,https \
  -o target/ostor-s3-admin dev.stowage.cli.OstorS3Admin
ls -l target/ostor-s3-admin
