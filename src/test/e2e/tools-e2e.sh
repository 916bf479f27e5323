#!/usr/bin/env bash
# End-to-end test with three more S3 tools from Debian, rclone, s3cmd and restic, against the packaged gateway
# (target/quarkus-app/quarkus-run.jar). Starts the gateway on a free loopback port with a fresh data directory and
# signs with the system-credentials file that first start writes. rclone: copy a tree (keys with spaces, unicode,
# '+', an empty file, a multipart file), check it by size and MD5, sync changes, server-side copy, cat, purge.
# s3cmd: mb, put (whole and multipart), info, get, ls, sync, an object made public for an anonymous curl, the
# same with Signature V2 (--signature-v2), del, rb. restic (backup software on minio-go): init a repository in
# a new bucket, backup, check --read-data, restore, a second backup, forget --prune. Prints PASS/FAIL per step;
# stops at the first failure.
set -Eeuo pipefail

cd "$(dirname "$0")/../../.."
ROOT=$(pwd)
RCLONE=$(command -v rclone || true)
S3CMD=$(command -v s3cmd || true)
RESTIC=$(command -v restic || true)
JAR="$ROOT/target/quarkus-app/quarkus-run.jar"
START_TIMEOUT=60      # seconds for the gateway to answer
STOP_TIMEOUT=25       # seconds for a graceful stop before SIGKILL
CMD_TIMEOUT=120       # seconds per tool command

[ -n "$RCLONE" ] || { echo "FAIL setup: rclone not found (apt-get install rclone)" >&2; exit 1; }
[ -n "$S3CMD" ] || { echo "FAIL setup: s3cmd not found (apt-get install s3cmd)" >&2; exit 1; }
[ -n "$RESTIC" ] || { echo "FAIL setup: restic not found (apt-get install restic)" >&2; exit 1; }
. src/test/e2e/gateway-lib.sh
e2e_prerequisites curl cmp timeout md5sum

gateway_workdir stowage-tools-e2e
start_gateway

unset_aws_environment
system_credentials
HOSTPORT="127.0.0.1:$PORT"

# Runs a tool command that must succeed; stdout and stderr are left in $WORK/out and $WORK/err.
run() {
  local what=$1
  shift
  if ! timeout "$CMD_TIMEOUT" "$@" >"$WORK/out" 2>"$WORK/err"; then
    echo "  command: $*" >&2
    sed 's/^/  stdout: /' "$WORK/out" >&2
    sed 's/^/  stderr: /' "$WORK/err" >&2
    fail "$what"
  fi
}

# A local tree with the keys tools get wrong: spaces, unicode, '+', '%', nested directories, an empty file,
# and a file large enough for both tools to upload it in parts.
TREE="$WORK/tree"
mkdir -p "$TREE/dir with spaces/deeper" "$TREE/ünïcødé" "$TREE/plus+and%percent"
printf 'Hello from rclone and s3cmd\n' >"$TREE/hello.txt"
head -c 70000 /dev/urandom >"$TREE/dir with spaces/deeper/random 70k.bin"
printf 'Grüße ☃\n' >"$TREE/ünïcødé/日本語 ☃.txt"
printf 'a+b=c 100%%\n' >"$TREE/plus+and%percent/a+b.txt"
: >"$TREE/empty.txt"
head -c $((12 * 1024 * 1024 + 321)) /dev/urandom >"$TREE/big.bin"
FILES=$(cd "$TREE" && find . -type f | wc -l)

# ---- rclone -----------------------------------------------------------------------------------------------

export RCLONE_CONFIG="$WORK/rclone.conf"
cat >"$RCLONE_CONFIG" <<EOF
[stw]
type = s3
provider = Other
access_key_id = $ACCESS
secret_access_key = $SECRET
endpoint = http://$HOSTPORT
region = us-east-1
force_path_style = true
EOF
rc() { run "$1" "$RCLONE" --retries 1 --low-level-retries 1 "${@:2}"; }
RB="rclone-$$"

rc "rclone mkdir" mkdir "stw:$RB"
# parts of 5 MiB from 5 MiB on: big.bin goes up in three parts, the rest whole
rc "rclone copy" copy --s3-upload-cutoff 5M --s3-chunk-size 5M "$TREE" "stw:$RB/tree"
rc "rclone check" check "$TREE" "stw:$RB/tree"
pass "rclone copy of $FILES files (spaces, unicode, '+', '%', empty, 12 MiB with a 5 MiB multipart cutoff); rclone check: sizes and MD5s match"

rc "rclone lsjson" lsjson -R --files-only "stw:$RB/tree"
"$PY" - "$WORK/out" "$TREE" <<'EOF' || fail "rclone lsjson: listing does not match the local tree"
import json, os, sys
listed = {e["Path"]: e["Size"] for e in json.load(open(sys.argv[1], encoding="utf-8"))}
root = sys.argv[2]
local = {}
for d, _, files in os.walk(root):
    for f in files:
        p = os.path.join(d, f)
        local[os.path.relpath(p, root)] = os.path.getsize(p)
if listed != local:
    print("listed:", sorted(listed.items()), "\nlocal:", sorted(local.items()), file=sys.stderr)
    sys.exit(1)
EOF
pass "rclone lsjson -R lists exactly the local tree's paths and sizes"

rc "rclone cat" cat "stw:$RB/tree/ünïcødé/日本語 ☃.txt"
cmp -s "$WORK/out" "$TREE/ünïcødé/日本語 ☃.txt" || fail "rclone cat: bytes differ"
pass "rclone cat of a unicode key returns its bytes"

# changes: one file modified, one removed, one added; sync must make the remote match again
printf 'changed\n' >"$TREE/hello.txt"
rm "$TREE/dir with spaces/deeper/random 70k.bin"
printf 'new\n' >"$TREE/added.txt"
rc "rclone sync" sync "$TREE" "stw:$RB/tree"
rc "rclone check after sync" check "$TREE" "stw:$RB/tree"
rc "rclone lsf after sync" lsf -R --files-only "stw:$RB/tree"
grep -q 'random 70k.bin' "$WORK/out" && fail "rclone sync: the removed file is still listed"
pass "rclone sync: a modified, a removed and an added file; rclone check matches again"

rc "rclone copyto (server-side copy)" copyto "stw:$RB/tree/big.bin" "stw:$RB/copies/big copy.bin"
rc "rclone md5sum of the copy" md5sum "stw:$RB/copies/big copy.bin"
[ "$(cut -d' ' -f1 "$WORK/out")" = "$(md5sum "$TREE/big.bin" | cut -d' ' -f1)" ] \
  || fail "rclone copyto: the copy's MD5 is not the original's: $(cat "$WORK/out")"
pass "rclone copyto inside the gateway (CopyObject) keeps the 12 MiB object's bytes"

rc "rclone purge" purge "stw:$RB"
rc "rclone lsd" lsd stw:
grep -q " $RB\$" "$WORK/out" && fail "rclone purge: the bucket is still listed"
pass "rclone purge removes the objects and the bucket"

# ---- s3cmd ------------------------------------------------------------------------------------------------

cat >"$WORK/s3cfg" <<EOF
[default]
access_key = $ACCESS
secret_key = $SECRET
host_base = $HOSTPORT
host_bucket = $HOSTPORT
bucket_location = us-east-1
use_https = False
signature_v2 = False
multipart_chunk_size_mb = 5
EOF
sc() { run "$1" "$S3CMD" --config "$WORK/s3cfg" --no-progress "${@:2}"; }
SB="s3cmd-$$"

sc "s3cmd mb" mb "s3://$SB"
sc "s3cmd put" put "$TREE/hello.txt" "s3://$SB/docs/hello.txt"
# with progress: its lines name the parts
run "s3cmd put (multipart)" "$S3CMD" --config "$WORK/s3cfg" --progress put "$TREE/big.bin" "s3://$SB/big.bin"
tr '\r' '\n' <"$WORK/out" | grep -q 'part 3 of 3' || fail "s3cmd put: 12 MiB was not sent in 3 parts: $(cat "$WORK/out")"
sc "s3cmd info" info "s3://$SB/docs/hello.txt"
grep -Eq "MD5 sum: +$(md5sum "$TREE/hello.txt" | cut -d' ' -f1)" "$WORK/out" \
  || fail "s3cmd info: MD5 is not the file's: $(cat "$WORK/out")"
sc "s3cmd get" get --force "s3://$SB/big.bin" "$WORK/big.back"
cmp -s "$WORK/big.back" "$TREE/big.bin" || fail "s3cmd get: the multipart object's bytes differ"
pass "s3cmd mb, put (whole, and multipart in three 5 MiB parts), info (MD5), get (bytes match)"

sc "s3cmd sync" sync "$TREE/" "s3://$SB/sync/"
sc "s3cmd ls --recursive" ls --recursive "s3://$SB/sync/"
[ "$(grep -c "s3://$SB/sync/" "$WORK/out")" -eq "$(cd "$TREE" && find . -type f | wc -l)" ] \
  || fail "s3cmd sync: expected $(cd "$TREE" && find . -type f | wc -l) objects: $(cat "$WORK/out")"
sc "s3cmd sync (again)" sync "$TREE/" "s3://$SB/sync/"
grep -q "^upload:" "$WORK/out" && fail "s3cmd sync: uploaded again although nothing changed: $(cat "$WORK/out")"
pass "s3cmd sync uploads the tree once; a second sync finds nothing to upload"

code=$(curl -s -o /dev/null -w '%{http_code}' "http://$HOSTPORT/$SB/docs/hello.txt")
[ "$code" = 403 ] || fail "anonymous GET of a private object: $code, expected 403"
sc "s3cmd setacl --acl-public" setacl --acl-public "s3://$SB/docs/hello.txt"
curl -s -o "$WORK/public.txt" -w '%{http_code}' "http://$HOSTPORT/$SB/docs/hello.txt" >"$WORK/code"
[ "$(cat "$WORK/code")" = 200 ] && cmp -s "$WORK/public.txt" "$TREE/hello.txt" \
  || fail "anonymous GET after setacl --acl-public: $(cat "$WORK/code")"
pass "s3cmd setacl --acl-public: an anonymous curl GET answers 403 before and 200 with the bytes after"

sc "s3cmd put (Signature V2)" --signature-v2 put "$TREE/ünïcødé/日本語 ☃.txt" "s3://$SB/v2/日本語 ☃.txt"
sc "s3cmd ls (Signature V2)" --signature-v2 ls "s3://$SB/v2/"
grep -q "日本語 ☃.txt" "$WORK/out" || fail "s3cmd ls --signature-v2: key not listed: $(cat "$WORK/out")"
sc "s3cmd get (Signature V2)" --signature-v2 get --force "s3://$SB/v2/日本語 ☃.txt" "$WORK/v2.back"
cmp -s "$WORK/v2.back" "$TREE/ünïcødé/日本語 ☃.txt" || fail "s3cmd get --signature-v2: bytes differ"
pass "s3cmd --signature-v2: put, ls and get of a unicode key"

sc "s3cmd del --recursive" del --recursive --force "s3://$SB"
sc "s3cmd rb" rb "s3://$SB"
sc "s3cmd ls" ls
grep -q "s3://$SB\$" "$WORK/out" && fail "s3cmd rb: the bucket is still listed"
pass "s3cmd del --recursive and rb"

# ---- restic (backup software; its S3 client is minio-go) ---------------------------------------------------

rs() {
  run "$1" env AWS_ACCESS_KEY_ID="$ACCESS" AWS_SECRET_ACCESS_KEY="$SECRET" RESTIC_PASSWORD=e2e-password \
    RESTIC_REPOSITORY="s3:http://$HOSTPORT/restic-$$/repo" "$RESTIC" --cache-dir "$WORK/restic-cache" "${@:2}"
}
rs "restic init" init
rs "restic backup" backup "$TREE"
rs "restic check --read-data" check --read-data
rs "restic restore" restore latest --target "$WORK/restore"
diff -r "$TREE" "$WORK/restore$TREE" >"$WORK/diff" || fail "restic restore: the restored tree differs: $(head -20 "$WORK/diff")"
pass "restic init, backup, check --read-data and restore into an identical tree (repository created in a new bucket)"

printf 'second backup\n' >"$TREE/second.txt"
rs "restic backup (second)" backup "$TREE"
rs "restic forget --prune" forget --keep-last 1 --prune
rs "restic snapshots" snapshots --json
"$PY" -c 'import json, sys; sys.exit(0 if len(json.load(open(sys.argv[1]))) == 1 else 1)' "$WORK/out" \
  || fail "restic forget: expected one snapshot left: $(cat "$WORK/out")"
rs "restic check after prune" check --read-data
pass "restic second backup, forget --keep-last 1 --prune (deletes and rewrites packs), check --read-data"

echo "ALL PASS: rclone, s3cmd and restic end-to-end ($SECONDS s)"
