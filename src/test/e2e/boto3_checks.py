"""boto3 (Debian's python3-boto3) against a running gateway: the calls Python tools make, signed with Signature V4
and with Signature V2 (signature_version='s3'). Run by boto3-e2e.sh, which starts the packaged gateway:

    python3 boto3_checks.py <endpoint> <access-key> <secret-key>

Prints PASS per check and exits 1 at the first failure, naming what differed.
"""
import hashlib
import io
import sys
import time
import urllib.error
import urllib.request
import uuid

import boto3
from boto3.s3.transfer import TransferConfig
from botocore.config import Config
from botocore.exceptions import ClientError

ENDPOINT, ACCESS, SECRET = sys.argv[1:4]
START = time.monotonic()


def client(signature):
    return boto3.client(
        "s3", endpoint_url=ENDPOINT, aws_access_key_id=ACCESS, aws_secret_access_key=SECRET,
        region_name="us-east-1",
        config=Config(signature_version=signature, s3={"addressing_style": "path"},
                      retries={"max_attempts": 1}, connect_timeout=10, read_timeout=60))


def passed(what):
    print("PASS [%.0fs] %s" % (time.monotonic() - START, what), flush=True)


def fail(what):
    print("FAIL %s" % what, flush=True)
    sys.exit(1)


def expect(condition, what):
    if not condition:
        fail(what)


def error_of(call):
    """The (HTTP status, S3 error code) a call fails with; fails the run when it succeeds."""
    try:
        call()
    except ClientError as e:
        return e.response["ResponseMetadata"]["HTTPStatusCode"], e.response["Error"].get("Code")
    fail("expected an S3 error, the call succeeded")


def new_bucket(s3, label):
    name = "boto3-%s-%s" % (label, uuid.uuid4().hex[:10])
    s3.create_bucket(Bucket=name)
    return name


def empty_and_delete(s3, bucket):
    keys = [{"Key": o["Key"]} for o in s3.list_objects_v2(Bucket=bucket).get("Contents", [])]
    if keys:
        s3.delete_objects(Bucket=bucket, Delete={"Objects": keys})
    s3.delete_bucket(Bucket=bucket)


def signature_v4(s3):
    bucket = new_bucket(s3, "v4")
    s3.head_bucket(Bucket=bucket)
    body = b"hello from boto3\n"

    def non_ascii_metadata(params, **kwargs):  # botocore refuses non-ASCII Metadata; s3-tests sets the header so
        params["headers"]["x-amz-meta-note"] = "Gr\u00fc\u00dfe \u2603"

    s3.meta.events.register("before-call.s3.PutObject", non_ascii_metadata)
    put = s3.put_object(Bucket=bucket, Key="dir/hello.txt", Body=body, ContentType="text/plain")
    s3.meta.events.unregister("before-call.s3.PutObject", non_ascii_metadata)
    expect(put["ETag"] == '"%s"' % hashlib.md5(body).hexdigest(), "PutObject ETag %s" % put["ETag"])
    got = s3.get_object(Bucket=bucket, Key="dir/hello.txt")
    expect(got["Body"].read() == body, "GetObject body")
    expect(got["ContentType"] == "text/plain", "GetObject Content-Type %s" % got["ContentType"])
    # http.client reads header values as ISO-8859-1: the UTF-8 bytes the client signed and sent come back as sent
    note = got["Metadata"].get("note", "")
    expect(note.encode("latin-1").decode("utf-8") == "Gr\u00fc\u00dfe \u2603", "x-amz-meta-note came back as %r" % note)
    passed("Signature V4: create, head, put with non-ASCII x-amz-meta (signed as UTF-8), get")

    owner = s3.get_object_acl(Bucket=bucket, Key="dir/hello.txt")["Owner"]
    listed = s3.list_objects(Bucket=bucket)["Contents"][0]["Owner"]
    expect(listed == owner, "ListObjects Owner %s, GetObjectAcl Owner %s" % (listed, owner))
    v2 = s3.list_objects_v2(Bucket=bucket, FetchOwner=True)["Contents"][0]["Owner"]
    expect(v2 == owner, "ListObjectsV2 fetch-owner Owner %s, GetObjectAcl Owner %s" % (v2, owner))
    passed("ListObjects and ListObjectsV2 (fetch-owner) show the owner as GetObjectAcl does: %s" % owner)

    for i in range(5):
        s3.put_object(Bucket=bucket, Key="page/%d" % i, Body=b"x")
    keys, token = [], None
    for _ in range(10):
        kwargs = {"Bucket": bucket, "Prefix": "page/", "MaxKeys": 2}
        if token:
            kwargs["ContinuationToken"] = token
        page = s3.list_objects_v2(**kwargs)
        keys += [o["Key"] for o in page.get("Contents", [])]
        token = page.get("NextContinuationToken")
        if not page["IsTruncated"]:
            break
    expect(keys == ["page/%d" % i for i in range(5)], "ListObjectsV2 pages gave %s" % keys)
    prefixes = s3.list_objects_v2(Bucket=bucket, Delimiter="/")["CommonPrefixes"]
    expect([p["Prefix"] for p in prefixes] == ["dir/", "page/"], "CommonPrefixes %s" % prefixes)
    passed("ListObjectsV2: max-keys pages with continuation tokens, delimiter")

    etag = s3.head_object(Bucket=bucket, Key="dir/hello.txt")["ETag"]
    status, _ = error_of(lambda: s3.get_object(Bucket=bucket, Key="dir/hello.txt", IfNoneMatch=etag))
    expect(status == 304, "If-None-Match on the ETag: %s" % status)
    status, code = error_of(lambda: s3.get_object(Bucket=bucket, Key="dir/hello.txt", Range="bytes=100-200"))
    expect((status, code) == (416, "InvalidRange"), "range past the end: %s %s" % (status, code))
    status, code = error_of(lambda: s3.get_object(Bucket=bucket, Key="absent"))
    expect((status, code) == (404, "NoSuchKey"), "absent key: %s %s" % (status, code))
    status, code = error_of(lambda: s3.delete_bucket(Bucket=bucket))
    expect((status, code) == (409, "BucketNotEmpty"), "DeleteBucket of a full bucket: %s %s" % (status, code))
    passed("errors: 304 If-None-Match, 416 InvalidRange, 404 NoSuchKey, 409 BucketNotEmpty")

    key = b"k" * 32
    status, code = error_of(lambda: s3.put_object(Bucket=bucket, Key="sse", Body=b"x", ServerSideEncryption="AES256",
                                                  SSECustomerAlgorithm="AES256", SSECustomerKey=key))
    expect((status, code) == (400, "InvalidArgument"), "SSE-S3 with an SSE-C key: %s %s" % (status, code))
    passed("SSE-S3 together with a customer key: 400 InvalidArgument")

    url = s3.generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": "dir/hello.txt"}, ExpiresIn=300)
    with urllib.request.urlopen(url, timeout=30) as response:
        expect(response.read() == body, "presigned GET body")
    # ExpiresIn=0 cannot be presigned by every botocore (its CRT signer refuses it): the same URL, valid for 0 s
    expired = url.replace("X-Amz-Expires=300", "X-Amz-Expires=0")
    expect(expired != url, "no X-Amz-Expires=300 in %s" % url)
    try:
        urllib.request.urlopen(expired, timeout=30)
        fail("a presigned URL with X-Amz-Expires=0 was answered")
    except urllib.error.HTTPError as e:
        answer = e.read()
        expect(e.code == 403 and b"<Message>Request has expired</Message>" in answer,
               "X-Amz-Expires=0: %s %s" % (e.code, answer))
    passed("presigned GET (urllib): 200 with the body; X-Amz-Expires=0 is 403 AccessDenied")

    data = bytes(range(256)) * (12 * 4096 + 7)  # ~12 MiB: three parts of 5 MiB
    s3.upload_fileobj(io.BytesIO(data), bucket, "big.bin",
                      Config=TransferConfig(multipart_threshold=5 * 1024 * 1024, multipart_chunksize=5 * 1024 * 1024,
                                            max_concurrency=2))
    head = s3.head_object(Bucket=bucket, Key="big.bin")
    expect(head["ContentLength"] == len(data) and head["ETag"].endswith('-3"'),
           "multipart object: %d bytes, ETag %s" % (head["ContentLength"], head["ETag"]))
    out = io.BytesIO()
    s3.download_fileobj(bucket, "big.bin", out)
    expect(hashlib.md5(out.getvalue()).digest() == hashlib.md5(data).digest(), "multipart download differs")
    passed("upload_fileobj in three parts, head (ETag -3), download_fileobj byte-exact")

    acl_bucket = "boto3-acl-%s" % uuid.uuid4().hex[:10]
    s3.create_bucket(Bucket=acl_bucket, ACL="public-read-write")
    grants = s3.get_bucket_acl(Bucket=acl_bucket)["Grants"]
    expect([g["Permission"] for g in grants] == ["READ", "WRITE", "FULL_CONTROL"]
           and grants[2]["Grantee"].get("ID") == owner["ID"], "public-read-write grants %s" % grants)
    s3.delete_bucket(Bucket=acl_bucket)
    passed("canned public-read-write: group grants, then the owner's FULL_CONTROL")

    empty_and_delete(s3, bucket)
    passed("delete_objects and delete_bucket")


def signature_v2(s3):
    bucket = new_bucket(s3, "v2")  # botocore signs the path-style bucket as "/bucket/"
    s3.head_bucket(Bucket=bucket)
    s3.put_object(Bucket=bucket, Key="a b+c.txt", Body=b"v2 body")
    expect(s3.get_object(Bucket=bucket, Key="a b+c.txt")["Body"].read() == b"v2 body", "V2 GetObject body")
    keys = [o["Key"] for o in s3.list_objects(Bucket=bucket)["Contents"]]
    expect(keys == ["a b+c.txt"], "V2 ListObjects %s" % keys)
    # (no sub-resource calls: Debian's botocore 1.29 signs GetBucketAcl as "/bucket?acl?acl", which AWS refuses too)
    s3.delete_object(Bucket=bucket, Key="a b+c.txt")
    s3.delete_bucket(Bucket=bucket)
    passed("Signature V2 (signature_version='s3'): create, head, put, get, list, delete bucket")

    bad = boto3.client("s3", endpoint_url=ENDPOINT, aws_access_key_id=ACCESS, aws_secret_access_key=SECRET + "x",
                       region_name="us-east-1", config=Config(signature_version="s3", retries={"max_attempts": 1}))
    status, code = error_of(lambda: bad.list_buckets())
    expect((status, code) == (403, "SignatureDoesNotMatch"), "V2 wrong secret: %s %s" % (status, code))
    passed("Signature V2 with a wrong secret: 403 SignatureDoesNotMatch")


print("boto3 %s against %s" % (boto3.__version__, ENDPOINT), flush=True)
signature_v4(client("s3v4"))
signature_v2(client("s3"))
print("ALL PASS: boto3 end-to-end (%.0f s)" % (time.monotonic() - START))
