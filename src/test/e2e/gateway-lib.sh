# Sourced by the end-to-end scripts: a scratch directory, the packaged gateway started on a free loopback port
# with a fresh data directory (no fixed keys, so first start writes system-credentials), PASS/FAIL helpers, and
# traps that always stop the gateway, show its log tail on failure and remove the scratch directory.
# Needs: JAR, START_TIMEOUT, STOP_TIMEOUT set by the caller, and e2e_prerequisites called first.

# e2e_prerequisites TOOL...: finds python3 (PY), the given commands, a JDK 21+ (JAVA) and the packaged gateway
# (JAR); a missing one ends the script with a "FAIL setup" line naming it.
e2e_prerequisites() {
  PY=$(command -v /usr/bin/python3 || command -v python3 || true)
  [ -n "$PY" ] || { echo "FAIL setup: python3 not found" >&2; exit 1; }
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 || { echo "FAIL setup: $tool not found" >&2; exit 1; }
  done
  . bin/jdk.sh # JAVA_HOME: a JDK 21 or newer
  JAVA="$JAVA_HOME/bin/java"
  if [ ! -f "$JAR" ]; then
    echo "FAIL setup: $JAR missing; build it first (mvn -B -DskipTests package)" >&2
    exit 1
  fi
}

# unset_aws_environment: only the script's own files decide credentials and settings, whatever the caller's
# environment holds (aws-cli and rclone's S3 client both read AWS_* variables, AWS_CA_BUNDLE among them).
unset_aws_environment() {
  unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_PROFILE AWS_DEFAULT_PROFILE AWS_REGION \
    AWS_DEFAULT_REGION AWS_CA_BUNDLE AWS_ENDPOINT_URL AWS_ENDPOINT_URL_S3 AWS_DEFAULT_OUTPUT \
    AWS_SHARED_CREDENTIALS_FILE AWS_CONFIG_FILE
}

# gateway_workdir NAME: creates WORK (scratch), DATA (data dir), LOG (gateway log) and installs the traps.
gateway_workdir() {
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX")
  DATA="$WORK/data"
  LOG="$WORK/gateway.log"
  PID=""
  trap on_exit EXIT
  # any other failing command (set -e) says where it stopped
  trap 'echo "FAIL line $LINENO: $BASH_COMMAND" >&2' ERR
  trap 'exit 130' INT
  trap 'exit 143' TERM
  trap 'exit 129' HUP
  trap 'exit 141' PIPE
}

pass() { echo "PASS [${SECONDS}s] $*"; }
fail() {
  echo "FAIL $*" >&2
  exit 1
}

stop_gateway() {
  [ -n "$PID" ] || return 0
  if kill -0 "$PID" 2>/dev/null; then
    kill -TERM "$PID" 2>/dev/null || true
    for _ in $(seq 1 $((STOP_TIMEOUT * 10))); do
      kill -0 "$PID" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$PID" 2>/dev/null; then
      echo "gateway did not stop within ${STOP_TIMEOUT}s; killing it" >&2
      kill -KILL "$PID" 2>/dev/null || true
    fi
  fi
  wait "$PID" 2>/dev/null || true
  PID=""
}

on_exit() {
  local status=$?
  set +e
  trap '' PIPE ERR # a closed stdout must not stop the clean-up
  stop_gateway
  if [ "$status" -ne 0 ] && [ -f "$LOG" ]; then
    echo "---- gateway log (last 60 lines) ----" >&2
    tail -n 60 "$LOG" >&2
    echo "---- end of gateway log ----" >&2
  fi
  rm -rf "$WORK"
  exit "$status"
}

# system_credentials: ACCESS and SECRET, the system user's keys from the system-credentials file first start wrote.
system_credentials() {
  CREDS="$DATA/system-credentials"
  ACCESS=$(sed -n 's/^aws_access_key_id = //p' "$CREDS")
  SECRET=$(sed -n 's/^aws_secret_access_key = //p' "$CREDS")
  [ -n "$ACCESS" ] && [ -n "$SECRET" ] || fail "credentials: no keys in $CREDS"
}

# start_gateway: starts it, sets PORT and GATEWAY_URL, waits until it answers and has written its credentials.
start_gateway() {
  PORT=$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
  GATEWAY_URL="http://127.0.0.1:$PORT"
  mkdir -p "$DATA"
  (
    unset STOWAGE_SYSTEM_USER_ACCESS_KEY STOWAGE_SYSTEM_USER_SECRET_KEY
    export QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$PORT" STOWAGE_DATA_DIR="$DATA"
    # the metering endpoint's default port (S3 port + 100) may be an ephemeral port a connection holds just then
    export STOWAGE_METERING_PORT="${STOWAGE_METERING_PORT:-0}"
    exec "$JAVA" -Xmx512m -jar "$JAR"
  ) >"$LOG" 2>&1 </dev/null &
  PID=$!
  local up="" rc code
  for _ in $(seq 1 $((START_TIMEOUT * 4))); do
    if ! kill -0 "$PID" 2>/dev/null; then
      rc=0
      wait "$PID" || rc=$?
      PID=""
      fail "start: the gateway ($JAVA) exited with code $rc during start-up"
    fi
    code=$(curl -q -s -o /dev/null -m 2 -w '%{http_code}' "$GATEWAY_URL/" || true)
    if [ "$code" != "000" ] && [ -f "$DATA/system-credentials" ]; then
      up=yes
      break
    fi
    sleep 0.25
  done
  [ -n "$up" ] || fail "start: the gateway did not answer on $GATEWAY_URL within ${START_TIMEOUT}s"
  pass "start: gateway answers on $GATEWAY_URL (pid $PID, $("$JAVA" -version 2>&1 | sed -n 1p))"
}
