package dev.stowage.s3.cors;

import java.util.List;
import java.util.Locale;

/**
 * One CORSRule: which origins may use which methods with which request headers, and what the browser is told
 * (exposed headers, how long to cache a preflight). Origins and allowed headers may hold one {@code *} wildcard.
 */
public record CorsRule(String id, List<String> allowedHeaders, List<String> allowedMethods, List<String> allowedOrigins,
        List<String> exposeHeaders, Integer maxAgeSeconds) {

    public CorsRule {
        allowedHeaders = List.copyOf(allowedHeaders);
        allowedMethods = List.copyOf(allowedMethods);
        allowedOrigins = List.copyOf(allowedOrigins);
        exposeHeaders = List.copyOf(exposeHeaders);
    }

    /** The AllowedOrigin entry that matches {@code origin}, or null. */
    String matchingOrigin(String origin) {
        for (String allowed : allowedOrigins) {
            if (wildcardMatch(allowed, origin, false)) {
                return allowed;
            }
        }
        return null;
    }

    boolean allowsMethod(String method) {
        return allowedMethods.contains(method);
    }

    /** Whether every requested header (any case) matches an AllowedHeader. */
    boolean allowsHeaders(List<String> requested) {
        for (String header : requested) {
            boolean allowed = false;
            for (String pattern : allowedHeaders) {
                if (wildcardMatch(pattern, header, true)) {
                    allowed = true;
                    break;
                }
            }
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    /** Matches {@code value} against a pattern with at most one {@code *}, which stands for any text. */
    static boolean wildcardMatch(String pattern, String value, boolean ignoreCase) {
        String p = ignoreCase ? pattern.toLowerCase(Locale.ROOT) : pattern;
        String v = ignoreCase ? value.toLowerCase(Locale.ROOT) : value;
        int star = p.indexOf('*');
        if (star < 0) {
            return p.equals(v);
        }
        String prefix = p.substring(0, star);
        String suffix = p.substring(star + 1);
        return v.length() >= prefix.length() + suffix.length() && v.startsWith(prefix) && v.endsWith(suffix);
    }
}
