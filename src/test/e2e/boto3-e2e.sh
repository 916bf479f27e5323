#!/usr/bin/env bash
# End-to-end test with boto3 (Debian's python3-boto3) against the packaged gateway
# (target/quarkus-app/quarkus-run.jar): src/test/e2e/boto3_checks.py signs with Signature V4 and with Signature V2
# (signature_version='s3') as the system user of the system-credentials file that first start writes. Starts the
# gateway on a free loopback port with a fresh data directory; prints PASS/FAIL per check; stops at the first
# failure (exit 1) and then shows the gateway's log tail. The gateway is always stopped.
set -Eeuo pipefail

cd "$(dirname "$0")/../../.."
ROOT=$(pwd)
JAR="$ROOT/target/quarkus-app/quarkus-run.jar"
START_TIMEOUT=60      # seconds for the gateway to answer
STOP_TIMEOUT=25       # seconds for a graceful stop before SIGKILL
RUN_TIMEOUT=300       # seconds for all the checks

. src/test/e2e/gateway-lib.sh
e2e_prerequisites timeout
if ! "$PY" -c 'import boto3' 2>/dev/null; then
  echo "FAIL setup: $PY has no boto3 (apt-get install python3-boto3; .ci/run installs it)" >&2
  exit 1
fi

gateway_workdir stowage-boto3-e2e
start_gateway
unset_aws_environment
system_credentials

timeout "$RUN_TIMEOUT" "$PY" src/test/e2e/boto3_checks.py "$GATEWAY_URL" "$ACCESS" "$SECRET" \
  || fail "boto3 checks (see the line above)"
