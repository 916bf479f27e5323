#!/usr/bin/env bash
# Builds the gateway as a native executable (target/stowage-*-runner).
# Needs GraalVM or Mandrel for Java 21+ (native-image on PATH or GRAALVM_HOME set), or a container runtime with
# NATIVE_CONTAINER_BUILD=true (Quarkus then builds inside quay.io/quarkus/ubi9-quarkus-mandrel-builder-image).
set -euo pipefail
cd "$(dirname "$0")/.."
. bin/jdk.sh
extra=()
if [ "${NATIVE_CONTAINER_BUILD:-false}" = "true" ]; then
  extra+=(-Dquarkus.native.container-build=true)
fi
mvn -B -Dnative -DskipTests package "${extra[@]}" "$@"
ls -l target/*-runner
