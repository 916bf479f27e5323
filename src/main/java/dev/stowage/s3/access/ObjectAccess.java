package dev.stowage.s3.access;

import dev.stowage.auth.Principal;
import dev.stowage.http.RequestHead;
import dev.stowage.s3.S3Headers;
import dev.stowage.s3.StorageClassHeader;
import dev.stowage.s3.WebsiteRedirectHeader;
import dev.stowage.s3.tagging.TagSet;
import dev.stowage.store.BucketInfo;
import dev.stowage.store.ObjectInfo;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An object's owner, ACL and tags, kept as {@link dev.stowage.store.ObjectAttributes#system() system facts} in its
 * header:
 *
 * <ul>
 *   <li>{@value #OWNER}: the canonical id of the user who wrote the object (absent on objects written before ACLs
 *       existed, and for anonymous writes into a public-read-write bucket: the bucket's owner then owns it);
 *   <li>{@value #ACL}: its grants ({@link AccessControlList#encode}); absent means the owner's FULL_CONTROL alone;
 *   <li>{@value #TAGS}: its tags ({@link TagSet#encode}); absent means none;
 *   <li>{@value WebsiteRedirectHeader#FACT}: its {@code x-amz-website-redirect-location}
 *       ({@link WebsiteRedirectHeader}); absent means none;
 *   <li>{@value StorageClassHeader#FACT}: its storage class ({@link StorageClassHeader}); absent means STANDARD.
 * </ul>
 *
 * Every path that creates an object (PutObject; CopyObject and CreateMultipartUpload with their own headers) takes
 * its facts from {@link #fromRequestHeaders}.
 */
@ApplicationScoped
public class ObjectAccess {
    public static final String OWNER = "owner";
    public static final String ACL = "acl";
    public static final String TAGS = "tags";

    private final GranteeResolver resolver;

    public ObjectAccess(GranteeResolver resolver) {
        this.resolver = resolver;
    }

    /**
     * The system facts of an object that {@code writer} creates in {@code bucket} with this request's headers:
     * its owner, the ACL of {@code x-amz-acl} / {@code x-amz-grant-*} and the tags of {@code x-amz-tagging}, all
     * validated (the S3 errors AWS gives). Users named by grants are resolved now; without grant headers nothing
     * leaves memory.
     */
    public Map<String, String> fromRequestHeaders(RequestHead head, Principal writer, BucketInfo bucket) {
        Map<String, String> facts = new LinkedHashMap<>(4);
        ObjectOwnership ownership = ObjectOwnership.of(bucket);
        String owner = writer.isAnonymous() || ownership.aclsDisabled()
                || (ownership == ObjectOwnership.BUCKET_OWNER_PREFERRED && isBucketOwnerFullControl(head))
                ? bucket.ownerId() : writer.userId();
        facts.put(OWNER, owner);
        if (AclHeaders.present(head)) {
            AccessControlList acl = AclHeaders.parse(head, owner, bucket.ownerId(), resolver);
            ownership.requireAclAllowed(acl, bucket.ownerId());
            PublicAccessBlock.of(bucket).requireAllowed(acl);
            if (!ownership.aclsDisabled()) {
                facts.put(ACL, acl.encode());
            }
        }
        TagSet tags = TagSet.fromHeader(head.header(S3Headers.X_AMZ_TAGGING));
        if (!tags.isEmpty()) {
            facts.put(TAGS, tags.encode());
        }
        String redirect = WebsiteRedirectHeader.of(head);
        if (redirect != null) {
            facts.put(WebsiteRedirectHeader.FACT, redirect);
        }
        String storageClass = StorageClassHeader.requested(head);
        if (storageClass != null) {
            facts.put(StorageClassHeader.FACT, storageClass);
        }
        return facts;
    }

    /**
     * The system facts of a copy that {@code writer} makes of an object whose facts are {@code source}: the
     * source's (checksums, ETag) but for the owner, ACL, website redirect and storage class, which come from this
     * request as for a new object, and the tags, copied unless {@code x-amz-tagging-directive: REPLACE} asks for those of {@code x-amz-tagging}.
     */
    public Map<String, String> forCopy(Map<String, String> source, RequestHead head, Principal writer,
            BucketInfo bucket) {
        Map<String, String> facts = new LinkedHashMap<>(source);
        facts.remove(OWNER);
        facts.remove(ACL);
        facts.remove(WebsiteRedirectHeader.FACT); // never copied: the request's, if any, applies
        facts.remove(StorageClassHeader.FACT); // the request's, else STANDARD
        Map<String, String> fromRequest = fromRequestHeaders(head, writer, bucket);
        if ("REPLACE".equals(head.header(S3Headers.X_AMZ_TAGGING_DIRECTIVE))) {
            facts.remove(TAGS);
        } else {
            fromRequest.remove(TAGS);
        }
        facts.putAll(fromRequest);
        return facts;
    }

    /**
     * The object's owner: the {@value #OWNER} fact, or the bucket's owner for objects without one and for every
     * object while the bucket's {@link ObjectOwnership} is BucketOwnerEnforced.
     */
    public static String owner(ObjectInfo object, BucketInfo bucket) {
        String owner = object.attributes().system().get(OWNER);
        return owner != null && !ObjectOwnership.of(bucket).aclsDisabled() ? owner : bucket.ownerId();
    }

    /** The object's grants; the owner's full control alone while the bucket's ACLs are disabled. */
    public static AccessControlList acl(ObjectInfo object, BucketInfo bucket) {
        if (ObjectOwnership.of(bucket).aclsDisabled()) {
            return AccessControlList.ownerOnly(bucket.ownerId());
        }
        return AccessControlList.decode(object.attributes().system().get(ACL), owner(object, bucket));
    }

    private static boolean isBucketOwnerFullControl(RequestHead head) {
        String canned = head.header(S3Headers.X_AMZ_ACL);
        return canned != null && canned.trim().equals("bucket-owner-full-control");
    }

    public static TagSet tags(ObjectInfo object) {
        return TagSet.decode(object.attributes().system().get(TAGS));
    }

    /**
     * Whether the caller ({@code userId} null when anonymous) may do what {@code needed} allows on the object: its
     * owner always may (no ACL is decoded then); anyone else by a grant (public grants not counted while the bucket's
     * {@link PublicAccessBlock} ignores them).
     */
    public static boolean allows(ObjectInfo object, BucketInfo bucket, String userId, AclPermission needed) {
        if (ObjectOwnership.of(bucket).aclsDisabled()) {
            return userId != null && userId.equals(bucket.ownerId());
        }
        String owner = owner(object, bucket);
        return (userId != null && userId.equals(owner))
                || PublicAccessBlock.of(bucket).effective(acl(object, bucket)).allows(userId, needed);
    }
}
