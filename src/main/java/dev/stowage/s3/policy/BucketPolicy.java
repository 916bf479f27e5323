package dev.stowage.s3.policy;

import dev.stowage.s3.ParsedSettings;
import dev.stowage.s3.error.S3Exception;
import dev.stowage.store.BucketInfo;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * A bucket's policy (PutBucketPolicy), kept verbatim as the bucket setting {@value #SETTING} and parsed once per
 * distinct document ({@link ParsedSettings}). It decides a request as AWS does: an explicit Deny of any applying statement wins, else an
 * Allow grants, else the policy says nothing and the ACLs decide.
 */
public class BucketPolicy {
    private static final Logger LOG = Logger.getLogger(BucketPolicy.class);
    public static final String SETTING = "policy";
    /** Condition keys that pin a statement to known callers, so that a wildcard principal is not public with them. */
    private static final Set<String> PINNING_KEYS = Set.of("aws:sourceip", "aws:sourcearn", "aws:sourcevpc",
            "aws:sourcevpce", "aws:sourceaccount", "aws:sourceowner", "aws:principalaccount", "aws:principalarn",
            "aws:principalorgid", "aws:userid", "aws:username");
    private static final ParsedSettings<BucketPolicy> PARSED = new ParsedSettings<>(SETTING, BucketPolicy::read);

    public enum Decision { ALLOW, DENY, NONE }

    private final String document;
    private final List<PolicyStatement> statements;

    BucketPolicy(String document, List<PolicyStatement> statements) {
        this.document = document;
        this.statements = List.copyOf(statements);
    }

    /** The bucket's policy, or null when it has none. */
    public static BucketPolicy of(BucketInfo bucket) {
        return PARSED.of(bucket);
    }

    /**
     * A stored document, validated when it was put, read back without resolving its principals again. One that no
     * longer reads (a rule tightened since) denies every request it is asked about, so that access never widens
     * by accident; the owner still reads, replaces or deletes it.
     */
    private static BucketPolicy read(String stored, String bucket) {
        try {
            return PolicyParser.parse(stored, bucket, id -> true);
        } catch (S3Exception e) {
            LOG.warnf("The policy of bucket %s no longer reads (%s): every request it decides is denied until the "
                    + "owner replaces or deletes it", bucket, e.getMessage());
            return new BucketPolicy(stored, List.of()) {
                @Override
                public Decision decide(PolicyRequest request) {
                    return Decision.DENY;
                }
            };
        }
    }

    /** The document as it was put. */
    public String document() {
        return document;
    }

    public Decision decide(PolicyRequest request) {
        Decision decision = Decision.NONE;
        for (PolicyStatement s : statements) {
            if (s.appliesTo(request)) {
                if (!s.allow()) {
                    return Decision.DENY;
                }
                decision = Decision.ALLOW;
            }
        }
        return decision;
    }

    /**
     * Whether the policy is public as AWS's policy status defines it: some Allow statement grants to everyone (a
     * wildcard principal, or a NotPrincipal) without a condition pinning the caller to fixed values of a key like
     * {@code aws:SourceIp} or {@code aws:SourceArn}.
     */
    public boolean isPublic() {
        for (PolicyStatement s : statements) {
            if (s.allow() && (s.everyone() != s.notPrincipal()) && s.conditions().stream().noneMatch(BucketPolicy::pins)) {
                return true;
            }
        }
        return false;
    }

    private static boolean pins(PolicyCondition c) {
        if (c.operator().negated || c.operator() == PolicyCondition.Operator.NULL
                || !PINNING_KEYS.contains(c.key().toLowerCase(Locale.ROOT))) {
            return false;
        }
        return c.values().stream().noneMatch(v -> v.equals("*") || v.equals("0.0.0.0/0") || v.equals("::/0"));
    }
}
