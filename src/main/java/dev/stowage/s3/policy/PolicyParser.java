package dev.stowage.s3.policy;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Reads and validates a bucket policy document as S3 does, refusing it with 400 MalformedPolicy and S3's own messages
 * ("Policy has invalid action", "Invalid principal in policy", "Action does not apply to any resource(s) in
 * statement", ...). Resources must lie in the bucket the policy is put on; principals must name existing users,
 * written as their canonical id, {@code arn:aws:iam::<id>:root}, {@code arn:aws:iam::<id>:user/<name>} or
 * {@code {"CanonicalUser": "<id>"}}, or be {@code "*"}.
 */
public final class PolicyParser {
    /** The largest document AWS takes (20 KB). */
    public static final int MAX_BYTES = 20 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> VERSIONS = Set.of("2012-10-17", "2008-10-17");
    private static final Set<String> TOP_FIELDS = Set.of("Version", "Id", "Statement");
    private static final Set<String> STATEMENT_FIELDS = Set.of("Sid", "Effect", "Principal", "NotPrincipal", "Action",
            "NotAction", "Resource", "NotResource", "Condition");
    private static final String IAM_ARN = "arn:aws:iam::";

    private PolicyParser() {}

    /**
     * The policy of {@code document} for bucket {@code bucket}; {@code userExists} says whether a canonical id
     * names a user. MalformedPolicy when the document is not a valid policy for that bucket.
     */
    public static BucketPolicy parse(String document, String bucket, Predicate<String> userExists) {
        if (!document.strip().startsWith("{")) {
            throw malformed("Policies must be valid JSON and the first byte must be '{'");
        }
        JsonNode root;
        try {
            root = JSON.readTree(document);
        } catch (JacksonException e) {
            throw malformed("This policy contains invalid Json");
        }
        if (root == null || !root.isObject()) {
            throw malformed("This policy contains invalid Json");
        }
        requireKnownFields(root, TOP_FIELDS);
        JsonNode version = root.get("Version");
        if (version != null && !(version.isTextual() && VERSIONS.contains(version.asText()))) {
            throw malformed("Invalid policy document version");
        }
        JsonNode statements = root.get("Statement");
        if (statements == null || statements.isNull() || (statements.isArray() && statements.isEmpty())) {
            throw malformed("Missing required field Statement");
        }
        List<PolicyStatement> parsed = new ArrayList<>();
        for (JsonNode s : statements.isArray() ? statements : List.of(statements)) {
            parsed.add(statement(s, bucket, userExists));
        }
        return new BucketPolicy(document, parsed);
    }

    private static PolicyStatement statement(JsonNode s, String bucket, Predicate<String> userExists) {
        if (!s.isObject()) {
            throw malformed("Invalid policy syntax.");
        }
        requireKnownFields(s, STATEMENT_FIELDS);
        JsonNode sid = s.get("Sid");
        if (sid != null && !sid.isTextual()) {
            throw malformed("Invalid policy syntax.");
        }
        JsonNode effect = s.get("Effect");
        if (effect == null) {
            throw malformed("Missing required field Effect");
        }
        if (!effect.isTextual() || !(effect.asText().equals("Allow") || effect.asText().equals("Deny"))) {
            throw malformed("Invalid effect: " + effect.asText());
        }
        boolean notPrincipal = s.has("NotPrincipal");
        JsonNode principal = one(s, "Principal", "NotPrincipal");
        Set<String> principals = new LinkedHashSet<>();
        boolean everyone = principals(principal, principals, userExists);
        boolean notAction = s.has("NotAction");
        List<String> actions = strings(one(s, "Action", "NotAction"), "Policy has invalid action");
        for (String a : actions) {
            requireAction(a);
        }
        boolean notResource = s.has("NotResource");
        List<String> resources = strings(one(s, "Resource", "NotResource"), "Policy has invalid resource");
        for (String r : resources) {
            requireResource(r, bucket);
        }
        if (!notAction && !notResource) {
            requireApplicable(actions, resources);
        }
        List<PolicyCondition> conditions = conditions(s.get("Condition"));
        return new PolicyStatement(sid == null ? null : sid.asText(), effect.asText().equals("Allow"), everyone,
                Set.copyOf(principals), notPrincipal, actions, notAction, resources, notResource, conditions);
    }

    /** The element {@code name} or its negation {@code notName}: exactly one of them, else MalformedPolicy. */
    private static JsonNode one(JsonNode s, String name, String notName) {
        JsonNode plain = s.get(name);
        JsonNode negated = s.get(notName);
        if (plain != null && negated != null) {
            throw malformed("Invalid policy syntax.");
        }
        if (plain == null && negated == null) {
            throw malformed("Missing required field " + name);
        }
        return plain != null ? plain : negated;
    }

    /** Adds the user ids a principal element names to {@code into}; true when it names everyone. */
    private static boolean principals(JsonNode principal, Set<String> into, Predicate<String> userExists) {
        if (principal.isTextual()) {
            if (principal.asText().equals("*")) {
                return true;
            }
            throw invalidPrincipal();
        }
        if (!principal.isObject() || principal.isEmpty()) {
            throw invalidPrincipal();
        }
        boolean everyone = false;
        for (Map.Entry<String, JsonNode> e : principal.properties()) {
            List<String> values = strings(e.getValue(), "Invalid principal in policy");
            switch (e.getKey()) {
                case "AWS" -> {
                    for (String v : values) {
                        if (v.equals("*")) {
                            everyone = true;
                        } else {
                            into.add(existing(userId(v), userExists));
                        }
                    }
                }
                case "CanonicalUser" -> {
                    for (String v : values) {
                        into.add(existing(v, userExists));
                    }
                }
                case "Service", "Federated" -> {
                    // principals of AWS services and identity providers: valid, and never a Stowage user
                }
                default -> throw invalidPrincipal();
            }
        }
        return everyone;
    }

    /** The user id of an AWS principal: the id itself, or the account of an IAM ARN. */
    private static String userId(String aws) {
        if (!aws.startsWith(IAM_ARN)) {
            return aws;
        }
        String rest = aws.substring(IAM_ARN.length());
        int colon = rest.indexOf(':');
        if (colon <= 0) {
            throw invalidPrincipal();
        }
        String resource = rest.substring(colon + 1);
        if (!resource.equals("root") && !resource.startsWith("user/")) {
            throw invalidPrincipal();
        }
        return rest.substring(0, colon);
    }

    private static String existing(String id, Predicate<String> userExists) {
        if (id.isBlank() || !userExists.test(id)) {
            throw invalidPrincipal();
        }
        return id;
    }

    private static void requireAction(String action) {
        if (action.equals("*")) {
            return;
        }
        String lower = action.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("s3:") || lower.length() == 3) {
            throw malformed("Policy has invalid action");
        }
        String name = lower.substring(3);
        if (name.contains("*") || name.contains("?")) {
            return;
        }
        if (!PolicyActions.known().contains(name)) {
            throw malformed("Policy has invalid action");
        }
    }

    private static void requireResource(String resource, String bucket) {
        if (resource.equals("*")) {
            return;
        }
        if (!resource.startsWith(PolicyRequest.ARN_PREFIX)) {
            throw malformed("Policy has invalid resource");
        }
        String path = resource.substring(PolicyRequest.ARN_PREFIX.length());
        int slash = path.indexOf('/');
        String bucketPart = slash < 0 ? path : path.substring(0, slash);
        boolean inBucket = Wildcards.matches(bucketPart, bucket, false)
                || (slash < 0 && Wildcards.matches(path, bucket + "/", false));
        if (bucketPart.isEmpty() || !inBucket) {
            throw malformed("Policy has invalid resource");
        }
    }

    /** Refuses a statement none of whose actions applies to any of its resources (an object action on a bucket). */
    private static void requireApplicable(List<String> actions, List<String> resources) {
        boolean objects = false;
        boolean buckets = false;
        for (String r : resources) {
            String path = r.equals("*") ? "*" : r.substring(PolicyRequest.ARN_PREFIX.length());
            objects |= path.contains("/") || path.contains("*");
            buckets |= !path.contains("/") || path.indexOf('*') < path.indexOf('/');
        }
        for (String a : actions) {
            String pattern = a.equals("*") ? "*" : a.toLowerCase(Locale.ROOT).substring(3);
            for (String known : PolicyActions.known()) {
                if (Wildcards.matches(pattern, known, true)
                        && ((objects && PolicyActions.onObjects(known)) || (buckets && PolicyActions.onBuckets(known)))) {
                    return;
                }
            }
        }
        throw malformed("Action does not apply to any resource(s) in statement");
    }

    private static List<PolicyCondition> conditions(JsonNode condition) {
        if (condition == null) {
            return List.of();
        }
        if (!condition.isObject()) {
            throw malformed("Invalid policy syntax.");
        }
        List<PolicyCondition> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> op : condition.properties()) {
            if (!op.getValue().isObject()) {
                throw malformed("Invalid policy syntax.");
            }
            for (Map.Entry<String, JsonNode> kv : op.getValue().properties()) {
                String key = kv.getKey();
                String lower = key.toLowerCase(Locale.ROOT);
                if (!(lower.startsWith("aws:") || lower.startsWith("s3:")) || lower.indexOf(':') == lower.length() - 1) {
                    throw malformed("Policy has an invalid condition key");
                }
                PolicyCondition c = PolicyCondition.of(op.getKey(), key, strings(kv.getValue(), "Invalid policy syntax."));
                if (c == null) {
                    throw malformed("Invalid Condition type : " + op.getKey());
                }
                out.add(c);
            }
        }
        return out;
    }

    /** A string, number or boolean, or an array of them, as strings; MalformedPolicy {@code message} otherwise. */
    private static List<String> strings(JsonNode node, String message) {
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            if (node.isEmpty()) {
                throw malformed(message);
            }
            for (JsonNode n : node) {
                out.add(scalar(n, message));
            }
        } else {
            out.add(scalar(node, message));
        }
        return out;
    }

    private static String scalar(JsonNode n, String message) {
        if (!n.isValueNode() || n.isNull()) {
            throw malformed(message);
        }
        return n.asText();
    }

    private static void requireKnownFields(JsonNode object, Set<String> known) {
        for (String name : (Iterable<String>) object::fieldNames) {
            if (!known.contains(name)) {
                throw malformed("Unknown field " + name);
            }
        }
    }

    private static S3Exception invalidPrincipal() {
        return malformed("Invalid principal in policy");
    }

    static S3Exception malformed(String message) {
        return new S3Exception(S3ErrorCode.MALFORMED_POLICY, message);
    }
}
