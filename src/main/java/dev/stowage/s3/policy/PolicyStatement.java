package dev.stowage.s3.policy;

import java.util.List;
import java.util.Set;

/**
 * One statement of a bucket policy, validated. It applies to a request when its principal, action, resource and every
 * condition match; {@code Not*} elements match what their list does not name. Principals are Stowage user ids
 * ({@code everyone} for {@code "*"}, which also matches anonymous requests); actions are patterns over
 * {@code s3:Name} (case-insensitive), resources patterns over ARNs (case-sensitive).
 */
record PolicyStatement(String sid, boolean allow, boolean everyone, Set<String> principals, boolean notPrincipal,
        List<String> actions, boolean notAction, List<String> resources, boolean notResource,
        List<PolicyCondition> conditions) {

    boolean appliesTo(PolicyRequest request) {
        return principalMatches(request.userId())
                && anyMatches(actions, request.action(), true) != notAction
                && anyMatches(resources, request.resource(), false) != notResource
                && conditions.stream().allMatch(c -> c.holds(request));
    }

    private boolean principalMatches(String userId) {
        boolean named = everyone || (userId != null && principals.contains(userId));
        return named != notPrincipal;
    }

    private static boolean anyMatches(List<String> patterns, String value, boolean ignoreCase) {
        for (String p : patterns) {
            if (Wildcards.matches(p, value, ignoreCase)) {
                return true;
            }
        }
        return false;
    }
}
