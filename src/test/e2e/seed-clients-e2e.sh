#!/usr/bin/env bash
# End-to-end test of the ostor-users and ostor-limits admin services with the seed's own clients, against the packaged gateway
# (target/quarkus-app/quarkus-run.jar, built by `mvn verify` or `mvn package`):
#   (a) the bash s3_curl function of the integration guide (000_3c5ef03936904f94.txt, section 3.1.1), and
#   (b) the PHP S3_requestCurl function of its WHMCS chapter (section 4.1.2), run with php-cli and php-curl,
# both copied unchanged but for the typographic quotes of the PDF turned into ASCII ones, and driven as the guide
# and the WHMCS scripts drive them. Starts the gateway on a free loopback port with a fresh data directory and
# signs as the system user of the system-credentials file that first start writes. Prints PASS/FAIL per step;
# stops at the first failure (exit 1) and then shows the gateway's log tail. The gateway is always stopped.
set -Eeuo pipefail

cd "$(dirname "$0")/../../.."
ROOT=$(pwd)
JAR="$ROOT/target/quarkus-app/quarkus-run.jar"
START_TIMEOUT=90      # seconds for the gateway to answer (the first start also sets up its database)
STOP_TIMEOUT=25       # seconds for a graceful stop before SIGKILL
CMD_TIMEOUT=30        # seconds per client call

. src/test/e2e/gateway-lib.sh
e2e_prerequisites curl openssl base64 timeout
if ! command -v php >/dev/null 2>&1; then
  echo "FAIL setup: php not found; this test runs the seed's WHMCS client with Debian's php-cli and php-curl" \
    "(apt-get install php-cli php-curl; .ci/run installs them)" >&2
  exit 1
fi
if ! php -r 'exit(function_exists("curl_init") ? 0 : 1);'; then
  echo "FAIL setup: php has no curl extension (apt-get install php-curl)" >&2
  exit 1
fi

gateway_workdir stowage-seed-e2e

# ---- start the gateway -----------------------------------------------------------------------------------

# short usage periods, so the usage statistics block at the end sees usage objects within seconds
export STOWAGE_USAGE_PERIOD=3
start_gateway
HOST="127.0.0.1:$PORT"
GATEWAY="$GATEWAY_URL"

CREDS="$DATA/system-credentials"
SYSTEM_KEY=$(sed -n 's/^aws_access_key_id = //p' "$CREDS")
SYSTEM_SECRET=$(sed -n 's/^aws_secret_access_key = //p' "$CREDS")
[[ "$SYSTEM_KEY" =~ ^[0-9a-f]{16}[A-Z0-9]{4}$ ]] || fail "credentials: no system access key in $CREDS"
[ ${#SYSTEM_SECRET} -eq 40 ] || fail "credentials: no system secret key in $CREDS"
pass "credentials: system user $SYSTEM_KEY from $CREDS"

# Evaluates a python expression over the JSON in file $2 (bound to j); must be true.
json_check() {
  local what=$1 file=$2 expr=$3
  if ! "$PY" -c 'import json, sys
j = json.load(open(sys.argv[1], encoding="utf-8"))
sys.exit(0 if eval(sys.argv[2]) else 1)' "$file" "$expr" 2>"$WORK/py.err"; then
    echo "  expected: $expr" >&2
    sed 's/^/  output: /' "$file" >&2
    sed 's/^/  python: /' "$WORK/py.err" >&2
    fail "$what"
  fi
}
json_get() { "$PY" -c 'import json, sys; j = json.load(open(sys.argv[1], encoding="utf-8")); print(eval(sys.argv[2]))' "$1" "$2"; }

EMAIL_A="client-$$-a@example.com"
EMAIL_B="client-$$-b@example.com"
EMAIL_W="whmcs-$$@example.com"

# =========================================================================================================
# (a) The bash s3_curl of section 3.1.1, verbatim (typographic quotes made ASCII). Its variables s3_key and
# s3_secret are set to the system user's keys, as the guide's ~/.s3_environment sets them.
# =========================================================================================================

# s3 login variables.
s3_key="$SYSTEM_KEY"
s3_secret="$SYSTEM_SECRET"
# Sign s3 requests and run curl.
function s3_curl() {
# Parse command line.
[ -z "${2}" ] && {
echo "Usage: ${FUNCNAME[0]} <request_type> <s3_url>"
return 1
}
# Prepare signature.
s3_url="${2%/*}"
s3_host="${s3_url##*://}"
s3_query="${2##*/}"
s3_date="$(date -R)"
# Generate signature.
s3_signature="$(echo -en "${1}\n\n\n${s3_date}\n/${s3_query%%&*}" |\
openssl sha1 -hmac ${s3_secret} -binary | base64)"
# Call.
curl -H "Host: ${s3_host}" \
-H "Date: ${s3_date}" \
-H "Authorization: AWS ${s3_key}:${s3_signature}" \
-X "${1}" \
"${s3_url}/${s3_query}"
}

# The function stays as the guide prints it; curl's own configuration file makes it quiet and reports the HTTP
# status on stderr (write-out %{stderr}), so stdout is exactly the response body.
mkdir -p "$WORK/curlhome"
cat >"$WORK/curlhome/.curlrc" <<'EOF'
silent
show-error
max-time = 30
write-out = "%{stderr}HTTP_STATUS=%{http_code}\n"
EOF
export CURL_HOME="$WORK/curlhome"

# Runs s3_curl METHOD URL: the body goes to $WORK/body, the status to $STATUS, curl's stderr to $WORK/curl.err.
s3c() {
  STATUS=""
  s3_curl "$@" >"$WORK/body" 2>"$WORK/curl.err" || true
  STATUS=$(sed -n 's/^HTTP_STATUS=//p' "$WORK/curl.err" | tail -n1)
}
# s3c, and the status must be $1.
expect() {
  local status=$1 what=$2
  shift 2
  s3c "$@"
  if [ "$STATUS" != "$status" ]; then
    echo "  s3_curl $*" >&2
    sed 's/^/  body: /' "$WORK/body" >&2
    grep -v '^HTTP_STATUS=' "$WORK/curl.err" | sed 's/^/  curl: /' >&2 || true
    fail "$what: HTTP $STATUS, expected $status"
  fi
}
# As the user with keys $1/$2 instead of the system user (the guide's `export s3_key=... s3_secret=...`).
as_user() {
  local key=$1 secret=$2 saved_key=$s3_key saved_secret=$s3_secret
  shift 2
  s3_key=$key s3_secret=$secret
  "$@"
  s3_key=$saved_key s3_secret=$saved_secret
}
# The ostor error headers are not on stdout: fetch them with a plain signed curl when a message is wanted.
err_message() {
  local method=$1 query=$2 date sig
  date=$(date -R)
  sig=$(printf '%s\n\n\n%s\n/%s' "$method" "$date" "${query%%&*}" | openssl sha1 -hmac "$SYSTEM_SECRET" -binary | base64)
  curl -q -s -D - -o /dev/null -m "$CMD_TIMEOUT" -X "$method" -H "Date: $date" \
    -H "Authorization: AWS $SYSTEM_KEY:$sig" "$GATEWAY/$query" | sed -n 's/^[Xx]-[Aa]mz-[Ee]rr-[Mm]essage: //p' | tr -d '\r'
}

# ---- 3.2.1 create -----------------------------------------------------------------------------------------

expect 200 "s3_curl PUT create user" PUT "$GATEWAY/?ostor-users&emailAddress=$EMAIL_A"
json_check "create: JSON shape" "$WORK/body" \
  "set(j) == {'UserEmail', 'UserId', 'AWSAccessKeys'} and j['UserEmail'] == '$EMAIL_A' \
   and len(j['UserId']) == 16 and all(c in '0123456789abcdef' for c in j['UserId']) \
   and len(j['AWSAccessKeys']) == 1 and set(j['AWSAccessKeys'][0]) == {'AWSAccessKeyId', 'AWSSecretAccessKey'} \
   and j['AWSAccessKeys'][0]['AWSAccessKeyId'][:16] == j['UserId'] and len(j['AWSAccessKeys'][0]['AWSAccessKeyId']) == 20 \
   and len(j['AWSAccessKeys'][0]['AWSSecretAccessKey']) == 40"
A_ID=$(json_get "$WORK/body" "j['UserId']")
A_KEY=$(json_get "$WORK/body" "j['AWSAccessKeys'][0]['AWSAccessKeyId']")
A_SECRET=$(json_get "$WORK/body" "j['AWSAccessKeys'][0]['AWSSecretAccessKey']")
pass "s3_curl PUT ?ostor-users&emailAddress=$EMAIL_A: UserEmail, UserId $A_ID, AWSAccessKeys[0] $A_KEY"

expect 409 "s3_curl PUT create the same user again" PUT "$GATEWAY/?ostor-users&emailAddress=$EMAIL_A"
msg=$(err_message PUT "?ostor-users&emailAddress=$EMAIL_A")
[ -n "$msg" ] || fail "create twice: no X-Amz-Err-Message header"
pass "s3_curl PUT the same email again: 409 ($msg)"

expect 200 "s3_curl PUT create a second user" PUT "$GATEWAY/?ostor-users&emailAddress=$EMAIL_B"
B_ID=$(json_get "$WORK/body" "j['UserId']")

# ---- 3.2.2 list, 3.2.3 query ------------------------------------------------------------------------------

expect 200 "s3_curl GET list users" GET "$GATEWAY/?ostor-users"
json_check "list: a bare array of {UserEmail, UserId, State, OwnerId}" "$WORK/body" \
  "isinstance(j, list) and all(set(u) == {'UserEmail', 'UserId', 'State', 'OwnerId'} for u in j) \
   and {'UserEmail': '$EMAIL_A', 'UserId': '$A_ID', 'State': 'enabled', 'OwnerId': '0000000000000000'} in j \
   and any(u['UserId'] == '$B_ID' for u in j) and any(u['UserId'] == '${SYSTEM_KEY:0:16}' for u in j)"
pass "s3_curl GET ?ostor-users: bare JSON array with both users and the system user"

expect 200 "s3_curl GET query user" GET "$GATEWAY/?ostor-users&emailAddress=$EMAIL_A"
json_check "query: JSON shape" "$WORK/body" \
  "list(j) == ['UserEmail', 'UserId', 'State', 'OwnerId', 'Flags', 'AWSAccessKeys'] \
   and j['UserEmail'] == '$EMAIL_A' and j['UserId'] == '$A_ID' and j['State'] == 'enabled' \
   and j['OwnerId'] == '0000000000000000' and j['Flags'] == [] \
   and j['AWSAccessKeys'] == [{'AWSAccessKeyId': '$A_KEY', 'AWSSecretAccessKey': '$A_SECRET'}]"
expect 200 "s3_curl GET query the system user by id" GET "$GATEWAY/?ostor-users&id=${SYSTEM_KEY:0:16}"
json_check "query system user: Flags" "$WORK/body" "j['Flags'] == ['system']"
pass "s3_curl GET ?ostor-users&emailAddress=: UserEmail, UserId, State, OwnerId, Flags [], AWSAccessKeys; system user Flags [system]"

expect 404 "s3_curl GET query an unknown user" GET "$GATEWAY/?ostor-users&emailAddress=nobody-$$@example.com"
expect 400 "s3_curl GET with emailAddress and id" GET "$GATEWAY/?ostor-users&emailAddress=$EMAIL_A&id=$A_ID"
pass "s3_curl: unknown user 404, emailAddress and id together 400"

# ---- the user's own S3 requests (3.2.6: "s3_curl GET http://s3.example.com/" with the user's keys) --------

as_user "$A_KEY" "$A_SECRET" expect 200 "s3_curl GET / as the user" GET "$GATEWAY/"
grep -q "<ID>$A_ID</ID><DisplayName>${EMAIL_A%@*}</DisplayName>" "$WORK/body" \
  || fail "ListAllMyBuckets: Owner ID/DisplayName wrong: $(cat "$WORK/body")"
pass "s3_curl GET / with the user's keys: ListAllMyBucketsResult, Owner $A_ID / ${EMAIL_A%@*}"

# ---- 3.2.4 disable, 3.2.5 enable --------------------------------------------------------------------------

expect 200 "s3_curl POST disable" POST "$GATEWAY/?ostor-users&emailAddress=$EMAIL_A&disable"
[ ! -s "$WORK/body" ] || fail "disable: expected no output, got $(cat "$WORK/body")"
expect 200 "query after disable" GET "$GATEWAY/?ostor-users&emailAddress=$EMAIL_A"
json_check "query after disable: State" "$WORK/body" "j['State'] == 'disabled'"
sleep 1 # a change reaches every replica's credential cache within a second
as_user "$A_KEY" "$A_SECRET" expect 403 "s3_curl GET / as the disabled user" GET "$GATEWAY/"
pass "s3_curl POST &disable: no output, State disabled, the user's own s3_curl GET / is 403"

expect 200 "s3_curl POST enable" POST "$GATEWAY/?ostor-users&emailAddress=$EMAIL_A&enable"
[ ! -s "$WORK/body" ] || fail "enable: expected no output, got $(cat "$WORK/body")"
sleep 1
as_user "$A_KEY" "$A_SECRET" expect 200 "s3_curl GET / as the enabled user" GET "$GATEWAY/"
pass "s3_curl POST &enable: no output, the user's s3_curl GET / works again"

# ---- 3.2.7 genKey, 3.2.8 revokeKey ------------------------------------------------------------------------

expect 200 "s3_curl POST genKey" POST "$GATEWAY/?ostor-users&emailAddress=$EMAIL_A&genKey"
json_check "genKey: JSON shape" "$WORK/body" \
  "list(j) == ['UserEmail', 'UserId', 'AWSAccessKeys'] and j['UserId'] == '$A_ID' and len(j['AWSAccessKeys']) == 1 \
   and j['AWSAccessKeys'][0]['AWSAccessKeyId'] != '$A_KEY' and j['AWSAccessKeys'][0]['AWSAccessKeyId'][:16] == '$A_ID'"
A_KEY2=$(json_get "$WORK/body" "j['AWSAccessKeys'][0]['AWSAccessKeyId']")
A_SECRET2=$(json_get "$WORK/body" "j['AWSAccessKeys'][0]['AWSSecretAccessKey']")
expect 200 "query after genKey" GET "$GATEWAY/?ostor-users&emailAddress=$EMAIL_A"
json_check "query after genKey: two keys, the first unchanged" "$WORK/body" \
  "[k['AWSAccessKeyId'] for k in j['AWSAccessKeys']] == ['$A_KEY', '$A_KEY2']"
expect 409 "s3_curl POST genKey a third time" POST "$GATEWAY/?ostor-users&emailAddress=$EMAIL_A&genKey"
pass "s3_curl POST &genKey: the new pair ($A_KEY2); two keys listed; a third is refused (409)"

expect 200 "s3_curl POST revokeKey" POST "$GATEWAY/?ostor-users&emailAddress=$EMAIL_A&revokeKey=$A_KEY"
[ ! -s "$WORK/body" ] || fail "revokeKey: expected no output, got $(cat "$WORK/body")"
sleep 1
as_user "$A_KEY" "$A_SECRET" expect 403 "s3_curl GET / with the revoked key" GET "$GATEWAY/"
as_user "$A_KEY2" "$A_SECRET2" expect 200 "s3_curl GET / with the remaining key" GET "$GATEWAY/"
expect 404 "s3_curl POST revokeKey of an unknown key" POST "$GATEWAY/?ostor-users&emailAddress=$EMAIL_A&revokeKey=$A_KEY"
pass "s3_curl POST &revokeKey=$A_KEY: no output; that key is refused (403), the other works; revoking it again 404"

# ---- 3.2.6 delete: refused while the user owns buckets ----------------------------------------------------

BUCKET="data-$$"
as_user "$A_KEY2" "$A_SECRET2" expect 200 "s3_curl PUT a bucket as the user" PUT "$GATEWAY/$BUCKET"
expect 200 "s3_curl GET ?ostor-buckets" GET "$GATEWAY/?ostor-buckets&emailAddress=$EMAIL_A"
json_check "ostor-buckets of the user" "$WORK/body" \
  "[b['name'] for b in j['Buckets']] == ['$BUCKET'] and j['Buckets'][0]['owner_id'] == '$A_ID' \
   and set(j['Buckets'][0]) == {'name', 'epoch', 'creation_date', 'owner_id', 'size'}"
expect 409 "s3_curl DELETE a user who owns a bucket" DELETE "$GATEWAY/?ostor-users&emailAddress=$EMAIL_A"
msg=$(err_message DELETE "?ostor-users&emailAddress=$EMAIL_A")
[ -n "$msg" ] || fail "delete refused: no X-Amz-Err-Message header"
as_user "$A_KEY2" "$A_SECRET2" expect 200 "s3_curl GET / lists the bucket" GET "$GATEWAY/"
grep -q "<Name>$BUCKET</Name>" "$WORK/body" || fail "ListAllMyBuckets: $BUCKET missing: $(cat "$WORK/body")"
as_user "$A_KEY2" "$A_SECRET2" expect 204 "s3_curl DELETE the bucket" DELETE "$GATEWAY/$BUCKET"
pass "s3_curl DELETE a user owning bucket $BUCKET: 409 ($msg); the user lists and deletes it"

expect 204 "s3_curl DELETE user" DELETE "$GATEWAY/?ostor-users&emailAddress=$EMAIL_A"
[ ! -s "$WORK/body" ] || fail "delete: expected no output, got $(cat "$WORK/body")"
expect 404 "query after delete" GET "$GATEWAY/?ostor-users&emailAddress=$EMAIL_A"
sleep 1
as_user "$A_KEY2" "$A_SECRET2" expect 403 "s3_curl GET / as the deleted user" GET "$GATEWAY/"
expect 204 "s3_curl DELETE the second user" DELETE "$GATEWAY/?ostor-users&id=$B_ID"
pass "s3_curl DELETE ?ostor-users: 204, the user is gone (404) and its keys refused (403)"

# ---- only system users ------------------------------------------------------------------------------------

expect 200 "create a user to try the admin service with" PUT "$GATEWAY/?ostor-users&emailAddress=$EMAIL_B"
B_KEY=$(json_get "$WORK/body" "j['AWSAccessKeys'][0]['AWSAccessKeyId']")
B_SECRET=$(json_get "$WORK/body" "j['AWSAccessKeys'][0]['AWSSecretAccessKey']")
as_user "$B_KEY" "$B_SECRET" expect 403 "s3_curl GET ?ostor-users as a normal user" GET "$GATEWAY/?ostor-users"
as_user "$B_KEY" "$B_SECRET" expect 403 "s3_curl PUT ?ostor-users as a normal user" PUT "$GATEWAY/?ostor-users&emailAddress=x-$$@example.com"
as_user "$B_KEY" "$B_SECRET" expect 403 "s3_curl GET ?ostor-limits as a normal user" GET "$GATEWAY/?ostor-limits&emailAddress=$EMAIL_B"
pass "a normal user's s3_curl to ?ostor-users and ?ostor-limits is 403"

# ---- 3.3 limits: users (3.3.1-3.3.4) and buckets (3.3.5-3.3.8), the guide's s3_curl calls ----------------

# The limits JSON of 3.3.3 in its order: ops:default, ops:get, ops:put, ops:list, ops:delete, bandwidth:out.
limits_are() {
  local what=$1 get=$2 out=$3
  json_check "$what" "$WORK/body" \
    "list(j.items()) == [('ops:default', '0.00'), ('ops:get', '$get'), ('ops:put', '0.00'), ('ops:list', '0.00'), \
     ('ops:delete', '0.00'), ('bandwidth:out', '$out')]"
}

expect 200 "s3_curl GET user limits before any" GET "$GATEWAY/?ostor-limits&emailAddress=$EMAIL_B"
limits_are "user limits before any are all 0" "0.00" "0"
expect 200 "s3_curl PUT user ops get=3600" PUT "$GATEWAY/?ostor-limits&emailAddress=$EMAIL_B&limit-type=ops\
&limit-resource=get&limit-value=3600"
limits_are "PUT ops answers the limits" "3600.00" "0"
expect 200 "s3_curl PUT user bandwidth out=100" PUT "$GATEWAY/?ostor-limits&emailAddress=$EMAIL_B\
&limit-type=bandwidth&limit-resource=out&limit-value=100"
expect 200 "s3_curl GET user limits" GET "$GATEWAY/?ostor-limits&emailAddress=$EMAIL_B"
limits_are "3.3.3 user limits: exactly the guide's JSON" "3600.00" "100"
pass "s3_curl PUT/GET ?ostor-limits&emailAddress=: ops:get 3600.00, bandwidth:out 100, in the guide's order"

expect 400 "s3_curl PUT a negative limit" PUT "$GATEWAY/?ostor-limits&emailAddress=$EMAIL_B&limit-type=ops\
&limit-resource=get&limit-value=-1"
msg=$(err_message PUT "?ostor-limits&emailAddress=$EMAIL_B&limit-type=ops&limit-resource=get&limit-value=-1")
[ -n "$msg" ] || fail "negative limit: no X-Amz-Err-Message header"
expect 404 "s3_curl GET limits of an unknown user" GET "$GATEWAY/?ostor-limits&emailAddress=nobody-$$@example.com"
expect 200 "s3_curl GET user limits after the refusals" GET "$GATEWAY/?ostor-limits&emailAddress=$EMAIL_B"
limits_are "a refused PUT changes nothing" "3600.00" "100"
pass "s3_curl PUT limit-value=-1: 400 ($msg), nothing changed; unknown user 404"

expect 200 "s3_curl DELETE user limits" DELETE "$GATEWAY/?ostor-limits&emailAddress=$EMAIL_B"
limits_are "DELETE answers the zeroed limits" "0.00" "0"
expect 200 "s3_curl GET user limits after delete" GET "$GATEWAY/?ostor-limits&emailAddress=$EMAIL_B"
limits_are "3.3.4 user limits after delete" "0.00" "0"
pass "s3_curl DELETE ?ostor-limits&emailAddress=: every limit back to 0"

LIMIT_BUCKET="limits-$$"
as_user "$B_KEY" "$B_SECRET" expect 200 "s3_curl PUT a bucket for limits" PUT "$GATEWAY/$LIMIT_BUCKET"
expect 200 "s3_curl PUT bucket ops get=3600" PUT "$GATEWAY/?ostor-limits&bucket=$LIMIT_BUCKET&limit-type=ops\
&limit-resource=get&limit-value=3600"
expect 200 "s3_curl PUT bucket bandwidth out=100" PUT "$GATEWAY/?ostor-limits&bucket=$LIMIT_BUCKET&limit-type=bandwidth\
&limit-resource=out&limit-value=100"
expect 200 "s3_curl GET bucket limits" GET "$GATEWAY/?ostor-limits&bucket=$LIMIT_BUCKET"
limits_are "3.3.7 bucket limits: exactly the guide's JSON" "3600.00" "100"
expect 404 "s3_curl GET limits of an unknown bucket" GET "$GATEWAY/?ostor-limits&bucket=no-such-bucket-$$"
expect 200 "s3_curl DELETE bucket limits" DELETE "$GATEWAY/?ostor-limits&bucket=$LIMIT_BUCKET"
expect 200 "s3_curl GET bucket limits after delete" GET "$GATEWAY/?ostor-limits&bucket=$LIMIT_BUCKET"
limits_are "3.3.8 bucket limits after delete" "0.00" "0"
as_user "$B_KEY" "$B_SECRET" expect 204 "s3_curl DELETE the limits bucket" DELETE "$GATEWAY/$LIMIT_BUCKET"
pass "s3_curl PUT/GET/DELETE ?ostor-limits&bucket=: the guide's JSON, then all 0; unknown bucket 404"

expect 200 "s3_curl PUT the older form &ops&get=" PUT "$GATEWAY/?ostor-limits&emailAddress=$EMAIL_B&ops&get=5"
expect 200 "s3_curl PUT the older form &bandwidth&out=" PUT "$GATEWAY/?ostor-limits&emailAddress=$EMAIL_B&bandwidth&out=7"
limits_are "older form" "5.00" "7"
expect 200 "s3_curl DELETE user limits again" DELETE "$GATEWAY/?ostor-limits&emailAddress=$EMAIL_B"
pass "s3_curl PUT ?ostor-limits&ops&get=5, &bandwidth&out=7 (older form)"

expect 204 "delete that user" DELETE "$GATEWAY/?ostor-users&emailAddress=$EMAIL_B"

# =========================================================================================================
# (b) The WHMCS S3_requestCurl of section 4.1.2, verbatim (typographic quotes made ASCII), with php-cli and
# php-curl: PUT with CURLOPT_PUT and no body, "Content-Type:" and "Expect:" emptied, the date from
# date(DATE_RFC2822). The driver below calls it as the WHMCS scripts of section 4.2 do.
# =========================================================================================================

cat >"$WORK/S3_requestCurl.php" <<'EOF'
<?php
// API request to s3 gateway.
if (!function_exists('S3_requestCurl')) {
function S3_requestCurl($s3_key, $s3_secret, $s3_gateway, $s3_query, $method) {
// Prepare signature.
$s3_host = parse_url($s3_gateway, PHP_URL_HOST);
$s3_date = date(DATE_RFC2822);
// Generate signature.
$s3_signature = hash_hmac('sha1', $method . "\n\n\n" . $s3_date . "\n" .
current(explode('&', $s3_query)), $s3_secret, true);
$s3_signature = base64_encode($s3_signature);
// Curl init.
$s3_curl = curl_init($s3_gateway . $s3_query);
// Curl options.
switch ($method) {
case "PUT":
curl_setopt($s3_curl, CURLOPT_PUT, 1);
break;
case "POST":
curl_setopt($s3_curl, CURLOPT_POST, 1);
break;
case "DELETE":
curl_setopt($s3_curl, CURLOPT_CUSTOMREQUEST, "DELETE");
break;
}
curl_setopt($s3_curl, CURLOPT_RETURNTRANSFER, true);
curl_setopt($s3_curl, CURLOPT_URL, $s3_gateway . $s3_query);
curl_setopt($s3_curl, CURLOPT_HTTPHEADER, array(
'Host: ' . $s3_host,
'Date: ' . $s3_date,
'Authorization: AWS ' . $s3_key . ':' . $s3_signature,
'Content-Type:',
'Expect:',
));
// Call.
$response = curl_exec($s3_curl);
$response = json_decode($response, true);
// Curl deinit.
curl_close($s3_curl);
// Return response.
return $response;
}
}
?>
EOF

# The driver: one WHMCS action per call, with S3_getConfig's values from the environment; prints what the WHMCS
# script would keep (its client note, its session values) as JSON.
cat >"$WORK/whmcs.php" <<'EOF'
<?php
require(getenv('S3_REQUEST_CURL'));
$s3_config = array(
    's3_key' => getenv('S3_KEY'),
    's3_secret' => getenv('S3_SECRET'),
    's3_gateway' => getenv('S3_GATEWAY'),
);
function call($q, $m) {
    global $s3_config;
    return S3_requestCurl($s3_config['s3_key'], $s3_config['s3_secret'], $s3_config['s3_gateway'], $q, $m);
}
$action = $argv[1];
$email = isset($argv[2]) ? $argv[2] : '';
switch ($action) {
case 'createUser':      // S3_createUser.php: the note holds UserId and AWSAccessKeys['0']
    $c = call("/?ostor-users&emailAddress=" . $email, "PUT");
    $out = array('UserId' => $c['UserId'],
        'AWSAccessKeyId' => $c['AWSAccessKeys']['0']['AWSAccessKeyId'],
        'AWSSecretAccessKey' => $c['AWSAccessKeys']['0']['AWSSecretAccessKey']);
    break;
case 'listUsers':       // S3_listUsers.php
    $out = call("/?ostor-users", "GET");
    break;
case 'queryUser':       // S3_queryUser.php: the session keeps UserId and AWSAccessKeys
    $c = call("/?ostor-users&emailAddress=" . $email, "GET");
    $out = array('UserId' => $c['UserId'], 'AWSAccessKeys' => $c['AWSAccessKeys'], 'State' => $c['State']);
    break;
case 'disableUser':     // S3_disableUser.php
    $out = array('response' => call("/?ostor-users&emailAddress=" . $email . "&disable", "POST"));
    break;
case 'enableUser':      // S3_enableUser.php
    $out = array('response' => call("/?ostor-users&emailAddress=" . $email . "&enable", "POST"));
    break;
case 'generateAccessKey': // S3_generateAccessKey.php
    $c = call("/?ostor-users&emailAddress=" . $email . "&genKey", "POST");
    $out = array('UserId' => $c['UserId'],
        'AWSAccessKeyId' => $c['AWSAccessKeys']['0']['AWSAccessKeyId'],
        'AWSSecretAccessKey' => $c['AWSAccessKeys']['0']['AWSSecretAccessKey']);
    break;
case 'revokeAccessKey': // S3_revokeAccessKey.php: revokes the first key the query shows
    $c = call("/?ostor-users&emailAddress=" . $email, "GET");
    $r = call("/?ostor-users&emailAddress=" . $email .
        "&revokeKey=" . $c['AWSAccessKeys']['0']['AWSAccessKeyId'], "POST");
    $out = array('revoked' => $c['AWSAccessKeys']['0']['AWSAccessKeyId'], 'response' => $r);
    break;
case 'deleteUser':      // S3_deleteUser.php: query (for the note), then delete
    $c = call("/?ostor-users&emailAddress=" . $email, "GET");
    $r = call("/?ostor-users&emailAddress=" . $email, "DELETE");
    $out = array('UserId' => $c['UserId'], 'response' => $r);
    break;
default:
    fwrite(STDERR, "unknown action $action\n");
    exit(2);
}
echo json_encode($out), "\n";
?>
EOF

# Runs a WHMCS action; its JSON output goes to $WORK/php.out. PHP warnings and notices fail the step.
whmcs() {
  local what=$1
  shift
  if ! S3_REQUEST_CURL="$WORK/S3_requestCurl.php" S3_KEY="$SYSTEM_KEY" S3_SECRET="$SYSTEM_SECRET" S3_GATEWAY="$GATEWAY" \
    timeout "$CMD_TIMEOUT" php -d display_errors=stderr -d error_reporting=-1 "$WORK/whmcs.php" "$@" \
    >"$WORK/php.out" 2>"$WORK/php.err"; then
    sed 's/^/  php: /' "$WORK/php.err" >&2
    fail "$what: php exited with an error"
  fi
  if [ -s "$WORK/php.err" ]; then
    sed 's/^/  php: /' "$WORK/php.err" >&2
    fail "$what: php printed warnings"
  fi
}

whmcs "WHMCS createUser" createUser "$EMAIL_W"
json_check "WHMCS createUser: AWSAccessKeys['0']" "$WORK/php.out" \
  "len(j['UserId']) == 16 and j['AWSAccessKeyId'][:16] == j['UserId'] and len(j['AWSAccessKeyId']) == 20 \
   and len(j['AWSSecretAccessKey']) == 40"
W_ID=$(json_get "$WORK/php.out" "j['UserId']")
W_KEY=$(json_get "$WORK/php.out" "j['AWSAccessKeyId']")
W_SECRET=$(json_get "$WORK/php.out" "j['AWSSecretAccessKey']")
pass "WHMCS S3_createUser (PUT, CURLOPT_PUT, no body): UserId $W_ID, AWSAccessKeys['0'] $W_KEY"

whmcs "WHMCS listUsers" listUsers
json_check "WHMCS listUsers" "$WORK/php.out" \
  "{'UserEmail': '$EMAIL_W', 'UserId': '$W_ID', 'State': 'enabled', 'OwnerId': '0000000000000000'} in j"
whmcs "WHMCS queryUser" queryUser "$EMAIL_W"
json_check "WHMCS queryUser" "$WORK/php.out" \
  "j['UserId'] == '$W_ID' and j['State'] == 'enabled' \
   and j['AWSAccessKeys'] == [{'AWSAccessKeyId': '$W_KEY', 'AWSSecretAccessKey': '$W_SECRET'}]"
pass "WHMCS S3_listUsers and S3_queryUser read the user and its keys"

whmcs "WHMCS disableUser" disableUser "$EMAIL_W"
json_check "WHMCS disableUser: empty answer" "$WORK/php.out" "j['response'] is None"
whmcs "WHMCS queryUser after disable" queryUser "$EMAIL_W"
json_check "WHMCS queryUser after disable" "$WORK/php.out" "j['State'] == 'disabled'"
sleep 1
as_user "$W_KEY" "$W_SECRET" expect 403 "s3_curl GET / as the user WHMCS disabled" GET "$GATEWAY/"
whmcs "WHMCS enableUser" enableUser "$EMAIL_W"
json_check "WHMCS enableUser: empty answer" "$WORK/php.out" "j['response'] is None"
whmcs "WHMCS queryUser after enable" queryUser "$EMAIL_W"
json_check "WHMCS queryUser after enable" "$WORK/php.out" "j['State'] == 'enabled'"
sleep 1
as_user "$W_KEY" "$W_SECRET" expect 200 "s3_curl GET / as the user WHMCS enabled" GET "$GATEWAY/"
pass "WHMCS S3_disableUser / S3_enableUser (POST): the user's S3 requests refused (403), then work again"

whmcs "WHMCS generateAccessKey" generateAccessKey "$EMAIL_W"
json_check "WHMCS generateAccessKey: AWSAccessKeys['0'] is the new pair" "$WORK/php.out" \
  "j['UserId'] == '$W_ID' and j['AWSAccessKeyId'] != '$W_KEY' and j['AWSAccessKeyId'][:16] == '$W_ID'"
W_KEY2=$(json_get "$WORK/php.out" "j['AWSAccessKeyId']")
W_SECRET2=$(json_get "$WORK/php.out" "j['AWSSecretAccessKey']")
whmcs "WHMCS revokeAccessKey" revokeAccessKey "$EMAIL_W"
json_check "WHMCS revokeAccessKey: revoked the first key" "$WORK/php.out" \
  "j['revoked'] == '$W_KEY' and j['response'] is None"
whmcs "WHMCS queryUser after revoke" queryUser "$EMAIL_W"
json_check "WHMCS queryUser after revoke: only the new key left" "$WORK/php.out" \
  "[k['AWSAccessKeyId'] for k in j['AWSAccessKeys']] == ['$W_KEY2']"
sleep 1
as_user "$W_KEY" "$W_SECRET" expect 403 "s3_curl GET / with the key WHMCS revoked" GET "$GATEWAY/"
as_user "$W_KEY2" "$W_SECRET2" expect 200 "s3_curl GET / with the key WHMCS generated" GET "$GATEWAY/"
pass "WHMCS S3_generateAccessKey and S3_revokeAccessKey: new key $W_KEY2 works, $W_KEY is refused"

whmcs "WHMCS deleteUser" deleteUser "$EMAIL_W"
json_check "WHMCS deleteUser" "$WORK/php.out" "j['UserId'] == '$W_ID' and j['response'] is None"
whmcs "WHMCS listUsers after delete" listUsers
json_check "WHMCS listUsers after delete" "$WORK/php.out" "all(u['UserId'] != '$W_ID' for u in j)"
expect 404 "query after WHMCS delete" GET "$GATEWAY/?ostor-users&emailAddress=$EMAIL_W"
pass "WHMCS S3_deleteUser (DELETE): the user is gone"

# =========================================================================================================
# Usage statistics (sections 3.4 and 4.4): known traffic of a fresh user, then the usage objects listed, read and
# deleted with s3_curl and with the WHMCS scripts' S3_requestCurl (S3_listStatsObjects.php,
# S3_getStatsForObject.php, S3_deleteStatsForObject.php). The gateway runs with 3-second periods.
# =========================================================================================================

EMAIL_U="usage-$$@example.com"
expect 200 "s3_curl PUT create the usage user" PUT "$GATEWAY/?ostor-users&emailAddress=$EMAIL_U"
U_ID=$(json_get "$WORK/body" "j['UserId']")
U_KEY=$(json_get "$WORK/body" "j['AWSAccessKeys'][0]['AWSAccessKeyId']")
U_SECRET=$(json_get "$WORK/body" "j['AWSAccessKeys'][0]['AWSSecretAccessKey']")
U_BUCKET="usage-$$"
# The user's own S3 requests, Signature V2 over the path (s3_curl addresses the service root only).
user_s3() {
  local status=$1 method=$2 path=$3 date sig code
  date=$(date -R)
  sig=$(printf '%s\n\n\n%s\n%s' "$method" "$date" "$path" | openssl sha1 -hmac "$U_SECRET" -binary | base64)
  code=$(curl -q -s -o /dev/null -w '%{http_code}' -m "$CMD_TIMEOUT" -X "$method" -H "Date: $date" \
    -H "Authorization: AWS $U_KEY:$sig" "$GATEWAY$path" || true)
  [ "$code" = "$status" ] || fail "usage traffic: $method $path answered $code, expected $status"
}
sleep 1
user_s3 200 PUT "/$U_BUCKET"
for _ in 1 2 3; do
  user_s3 404 GET "/$U_BUCKET/missing"
done
user_s3 200 GET "/$U_BUCKET"

# Sums put/get/list/other of the user's bucket over the usage objects fetched into $WORK/usage.
usage_sum() {
  "$PY" -c 'import json, os, sys
d, bucket, user = sys.argv[1:4]
s = [0, 0, 0, 0]
for f in os.listdir(d):
    for i in json.load(open(os.path.join(d, f), encoding="utf-8"))["items"]:
        if i["key"]["bucket"] == bucket and i["key"]["user_id"] == user:
            o = i["counters"]["ops"]
            s = [s[0] + o["put"], s[1] + o["get"], s[2] + o["list"], s[3] + o["other"]]
print(" ".join(map(str, s)))' "$WORK/usage" "$U_BUCKET" "$U_ID"
}
mkdir -p "$WORK/usage"
USAGE_NAMES=""
for _ in $(seq 1 40); do
  expect 200 "s3_curl GET ?ostor-usage" GET "$GATEWAY/?ostor-usage"
  json_check "ostor-usage list: nr_items, truncated, items" "$WORK/body" \
    "list(j) == ['nr_items', 'truncated', 'items'] and j['nr_items'] == len(j['items']) and j['truncated'] is False"
  USAGE_NAMES=$(json_get "$WORK/body" "' '.join(j['items'])")
  rm -f "$WORK/usage"/s3-usage-*
  for name in $USAGE_NAMES; do
    expect 200 "s3_curl GET ?ostor-usage&obj=$name" GET "$GATEWAY/?ostor-usage&obj=$name"
    cp "$WORK/body" "$WORK/usage/$name"
  done
  [ "$(usage_sum)" = "1 3 1 0" ] && break
  sleep 0.5
done
[ "$(usage_sum)" = "1 3 1 0" ] || fail "usage objects: put/get/list/other of $U_BUCKET by $U_ID are $(usage_sum), expected 1 3 1 0"
FIRST=${USAGE_NAMES%% *}
json_check "ostor-usage obj: the seed's fields" "$WORK/usage/$FIRST" \
  "list(j) == ['fmt_version', 'service_id', 'start_ts', 'period', 'nr_items', 'items'] and j['fmt_version'] == 1 \
   and '%016d' % j['service_id'] == '$FIRST'.split('-')[2] and j['nr_items'] == len(j['items']) \
   and all(list(i['key']) == ['bucket', 'epoch', 'user_id', 'tag'] and list(i['counters']['ops']) == ['put', 'get', 'list', 'other'] \
           and list(i['counters']['net_io']) == ['uploaded', 'downloaded'] for i in j['items'])"
pass "s3_curl GET ?ostor-usage and &obj=NAME: the user's 1 put, 3 gets, 1 list in the seed's JSON ($FIRST ...)"

cat >"$WORK/whmcs-usage.php" <<'EOF'
<?php
require(getenv('S3_REQUEST_CURL'));
$s3_config = array('s3_key' => getenv('S3_KEY'), 's3_secret' => getenv('S3_SECRET'), 's3_gateway' => getenv('S3_GATEWAY'));
function call($q, $m) {
    global $s3_config;
    return S3_requestCurl($s3_config['s3_key'], $s3_config['s3_secret'], $s3_config['s3_gateway'], $q, $m);
}
$object = isset($argv[2]) ? $argv[2] : '';
switch ($argv[1]) {
case 'listStatsObjects':   // S3_listStatsObjects.php: $_SESSION['s3_stat'], its ['items'] shown one per row
    $s3_stat = call("/?ostor-usage", "GET");
    $out = array('items' => $s3_stat['items']);
    break;
case 'getStatsForObject':  // S3_getStatsForObject.php: the table rows of the admin page
    $s = call("/?ostor-usage&obj=" . $object, "GET");
    $rows = array();
    foreach ($s['items'] as $s3_object) {
        $rows[] = array($s['fmt_version'], $s['service_id'], $s['start_ts'], $s['period'],
            $s3_object['key']['bucket'], $s3_object['key']['epoch'], $s3_object['key']['tag'],
            $s3_object['counters']['ops']['put'], $s3_object['counters']['ops']['get'],
            $s3_object['counters']['ops']['list'], $s3_object['counters']['ops']['other'],
            $s3_object['counters']['net_io']['uploaded'], $s3_object['counters']['net_io']['downloaded']);
    }
    $out = array('rows' => $rows);
    break;
case 'deleteStatsForObject': // S3_deleteStatsForObject.php
    $out = array('response' => call("/?ostor-usage&obj=" . $object, "DELETE"));
    break;
}
echo json_encode($out), "\n";
?>
EOF
whmcs_usage() {
  local what=$1
  shift
  if ! S3_REQUEST_CURL="$WORK/S3_requestCurl.php" S3_KEY="$SYSTEM_KEY" S3_SECRET="$SYSTEM_SECRET" S3_GATEWAY="$GATEWAY" \
    timeout "$CMD_TIMEOUT" php -d display_errors=stderr -d error_reporting=-1 "$WORK/whmcs-usage.php" "$@" \
    >"$WORK/php.out" 2>"$WORK/php.err" || [ -s "$WORK/php.err" ]; then
    sed 's/^/  php: /' "$WORK/php.err" >&2
    fail "$what: php failed or printed warnings"
  fi
}
whmcs_usage "WHMCS listStatsObjects" listStatsObjects
json_check "WHMCS listStatsObjects: the names" "$WORK/php.out" "'$FIRST' in j['items']"
whmcs_usage "WHMCS getStatsForObject" getStatsForObject "$FIRST"
json_check "WHMCS getStatsForObject: rows of 13 values" "$WORK/php.out" \
  "len(j['rows']) >= 1 and all(len(r) == 13 and r[0] == 1 for r in j['rows'])"
pass "WHMCS S3_listStatsObjects and S3_getStatsForObject read the usage objects"

whmcs_usage "WHMCS deleteStatsForObject" deleteStatsForObject "$FIRST"
json_check "WHMCS deleteStatsForObject: empty answer" "$WORK/php.out" "j['response'] is None"
expect 200 "s3_curl GET ?ostor-usage after the WHMCS delete" GET "$GATEWAY/?ostor-usage"
json_check "the deleted object is not listed" "$WORK/body" "'$FIRST' not in j['items']"
expect 404 "s3_curl GET the deleted object" GET "$GATEWAY/?ostor-usage&obj=$FIRST"
for name in $USAGE_NAMES; do
  [ "$name" = "$FIRST" ] && continue
  expect 204 "s3_curl DELETE ?ostor-usage&obj=$name" DELETE "$GATEWAY/?ostor-usage&obj=$name"
done
pass "WHMCS S3_deleteStatsForObject and s3_curl DELETE ?ostor-usage&obj=NAME: 204, gone from the list, then 404"

echo "ALL PASS: seed clients end-to-end ($SECONDS s)"
