package dev.stowage.s3.handler;

import dev.stowage.config.StowageConfig;
import dev.stowage.http.RequestHead;
import dev.stowage.s3.EncryptionHeaders;
import dev.stowage.s3.ObjectLockHeaders;
import dev.stowage.s3.S3Headers;
import dev.stowage.s3.S3Operation.PostObject;
import dev.stowage.s3.S3Request;
import dev.stowage.s3.S3Response;
import dev.stowage.s3.StorageClassHeader;
import dev.stowage.s3.WebsiteRedirectHeader;
import dev.stowage.s3.access.ObjectAccess;
import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import dev.stowage.s3.post.PostFields;
import dev.stowage.s3.post.PostForm;
import dev.stowage.s3.post.PostPolicy;
import dev.stowage.s3.tagging.TagSet;
import dev.stowage.s3.xml.XmlWriter;
import dev.stowage.store.ObjectAttributes;
import dev.stowage.store.ObjectInfo;
import dev.stowage.store.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * POST Object: an HTML form upload. The pipeline has read the fields before the file and verified the form's
 * signature ({@link PostForm} is the request body); here the policy is checked, the object's settings are taken from
 * the fields as PutObject takes them from headers, the file streams into the store, and the answer is what
 * {@code success_action_redirect} or {@code success_action_status} ask for (204 by default).
 */
@ApplicationScoped
public class PostObjectHandler implements S3Handler<PostObject> {
    private static final int MAX_KEY_BYTES = 1024;
    private static final String FILENAME_VARIABLE = "${filename}";
    /** Fields that become the object's headers under the same name. */
    private static final Set<String> HEADER_FIELDS = Set.of(S3Headers.CONTENT_TYPE, S3Headers.CACHE_CONTROL,
            S3Headers.CONTENT_DISPOSITION, S3Headers.CONTENT_ENCODING, S3Headers.CONTENT_LANGUAGE, S3Headers.EXPIRES,
            WebsiteRedirectHeader.HEADER, StorageClassHeader.HEADER);

    private final ObjectStore store;
    private final StowageConfig config;
    private final ObjectAccess access;
    private final Clock clock = Clock.systemUTC();

    public PostObjectHandler(ObjectStore store, StowageConfig config, ObjectAccess access) {
        this.store = store;
        this.config = config;
        this.access = access;
    }

    @Override
    public S3Response handle(PostObject op, S3Request request) throws IOException {
        if (!(request.rawBody() instanceof PostForm form)) {
            throw new IllegalStateException("the pipeline reads a POST Object's form before its handler");
        }
        String key = key(form);
        EncryptionHeaders.requireSupported(form::field);
        ObjectLockHeaders.requireNoneOnObject(form::field);
        Map<String, String> values = new LinkedHashMap<>();
        form.fields().forEach((name, field) -> values.put(name, field.value()));
        values.put(PostFields.KEY, key);
        values.put(PostFields.BUCKET, op.bucket());
        InputStream file = form.stream();
        if (!request.principal().isAnonymous()) {
            PostPolicy policy = PostPolicy.parse(form.field(PostFields.POLICY));
            policy.check(values, clock.instant());
            file = policy.limit(file);
        }
        file = PostPolicy.sizeLimited(file, 0, config.requests().maxObjectSize());
        RequestHead fieldsAsHeaders = headers(request.head(), form);
        Map<String, String> system = access.fromRequestHeaders(fieldsAsHeaders, request.principal(), request.bucket());
        String tagging = form.field(PostFields.TAGGING);
        if (tagging != null) {
            TagSet tags = TagSet.fromXml(tagging.getBytes(StandardCharsets.UTF_8), TagSet.Target.OBJECT);
            tags.validate(TagSet.Target.OBJECT);
            if (!tags.isEmpty()) {
                system.put(ObjectAccess.TAGS, tags.encode());
            }
        }
        ObjectAttributes attributes = PutObjectHandler.attributes(fieldsAsHeaders).withSystem(system);
        ObjectInfo info = store.putObject(op.bucket(), key, file, -1, null, attributes);
        form.drain();
        return answer(request, form, op.bucket(), key, '"' + info.etag() + '"');
    }

    /** The {@code key} field, {@code ${filename}} replaced by the file's name; InvalidArgument when missing. */
    private static String key(PostForm form) {
        String key = form.field(PostFields.KEY);
        if (key == null) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Bucket POST must contain a field named 'key'.  "
                    + "If it is specified, please check the order of the fields.")
                    .element("ArgumentName", "key")
                    .element("ArgumentValue", "");
        }
        if (key.contains(FILENAME_VARIABLE)) {
            key = key.replace(FILENAME_VARIABLE, form.filename() == null ? "" : form.filename());
        }
        if (key.isEmpty()) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "User key must have a length greater than 0.")
                    .element("ArgumentName", "key")
                    .element("ArgumentValue", "");
        }
        int bytes = key.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_KEY_BYTES) {
            throw new S3Exception(S3ErrorCode.KEY_TOO_LONG)
                    .element("Size", Integer.toString(bytes))
                    .element("MaxSizeAllowed", Integer.toString(MAX_KEY_BYTES));
        }
        return key;
    }

    /**
     * The form's object settings as the request headers PutObject reads: Content-Type (else the file part's own),
     * Cache-Control, Content-Disposition, Content-Encoding, Content-Language, Expires,
     * {@code x-amz-website-redirect-location}, {@code x-amz-meta-*},
     * {@code acl} as {@code x-amz-acl}.
     */
    private static RequestHead headers(RequestHead head, PostForm form) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        form.fields().forEach((name, field) -> {
            if (HEADER_FIELDS.contains(name) || name.startsWith(S3Headers.X_AMZ_META_PREFIX)) {
                headers.put(name, List.of(field.value()));
            }
        });
        if (!headers.containsKey(S3Headers.CONTENT_TYPE) && form.fileContentType() != null) {
            headers.put(S3Headers.CONTENT_TYPE, List.of(form.fileContentType()));
        }
        String acl = form.field(PostFields.ACL);
        if (acl != null) {
            headers.put(S3Headers.X_AMZ_ACL, List.of(acl));
        }
        return new RequestHead(head.method(), head.rawPath(), head.rawQuery(), head.query(), headers, head.bucket(),
                null, head.virtualHosted(), head.requestId(), head.sourceIp(), head.secureTransport());
    }

    /** 303 to {@code success_action_redirect}; else the {@code success_action_status} asked for, 204 by default. */
    private static S3Response answer(S3Request request, PostForm form, String bucket, String key, String etag) {
        String location = location(request, bucket, key);
        String redirect = form.field(PostFields.SUCCESS_ACTION_REDIRECT);
        if (redirect == null) {
            redirect = form.field(PostFields.REDIRECT);
        }
        if (redirect != null && !redirect.isBlank()) {
            String target = redirect + (redirect.contains("?") ? "&" : "?") + "bucket=" + ListingXml.encode(bucket, true)
                    + "&key=" + ListingXml.encode(key, true) + "&etag=" + ListingXml.encode(etag, true);
            return S3Response.status(303).header(S3Headers.LOCATION_OUT, target).header(S3Headers.ETAG_OUT, etag);
        }
        String status = form.field(PostFields.SUCCESS_ACTION_STATUS);
        S3Response response = switch (status == null ? "" : status.trim().toLowerCase(Locale.ROOT)) {
            case "200" -> S3Response.ok();
            case "201" -> S3Response.xml(201, new XmlWriter().open("PostResponse") // AWS answers it outside the S3 namespace
                    .element("Location", location)
                    .element("Bucket", bucket)
                    .element("Key", key)
                    .element("ETag", etag)
                    .close("PostResponse").toBytes());
            default -> S3Response.noContent();
        };
        return response.header(S3Headers.ETAG_OUT, etag).header(S3Headers.LOCATION_OUT, location);
    }

    private static String location(S3Request request, String bucket, String key) {
        String host = request.head().header(S3Headers.HOST);
        String encodedKey = ListingXml.encode(key, true);
        if (request.head().virtualHosted()) {
            return "http://" + host + "/" + encodedKey;
        }
        return "http://" + (host == null ? "localhost" : host) + "/" + bucket + "/" + encodedKey;
    }
}
