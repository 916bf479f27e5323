package dev.stowage.s3.policy;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * One condition of a statement: an operator ({@code StringLike}, {@code IpAddress}, ...; with {@code IfExists} and
 * {@code ForAnyValue:} / {@code ForAllValues:} as AWS documents them), a condition key and the policy's values.
 * As AWS evaluates them: the values are alternatives; a key the request lacks fails a positive operator and
 * satisfies a negated one ({@code StringNotEquals}, {@code NotIpAddress}, ...), except with {@code IfExists}, which
 * then holds, and {@code Null}, which asks exactly that.
 */
record PolicyCondition(Operator operator, boolean ifExists, SetQualifier qualifier, String key, List<String> values) {

    enum SetQualifier { NONE, FOR_ANY_VALUE, FOR_ALL_VALUES }

    enum Operator {
        STRING_EQUALS("StringEquals", false), STRING_NOT_EQUALS("StringNotEquals", true),
        STRING_EQUALS_IGNORE_CASE("StringEqualsIgnoreCase", false),
        STRING_NOT_EQUALS_IGNORE_CASE("StringNotEqualsIgnoreCase", true),
        STRING_LIKE("StringLike", false), STRING_NOT_LIKE("StringNotLike", true),
        NUMERIC_EQUALS("NumericEquals", false), NUMERIC_NOT_EQUALS("NumericNotEquals", true),
        NUMERIC_LESS_THAN("NumericLessThan", false), NUMERIC_LESS_THAN_EQUALS("NumericLessThanEquals", false),
        NUMERIC_GREATER_THAN("NumericGreaterThan", false),
        NUMERIC_GREATER_THAN_EQUALS("NumericGreaterThanEquals", false),
        DATE_EQUALS("DateEquals", false), DATE_NOT_EQUALS("DateNotEquals", true),
        DATE_LESS_THAN("DateLessThan", false), DATE_LESS_THAN_EQUALS("DateLessThanEquals", false),
        DATE_GREATER_THAN("DateGreaterThan", false), DATE_GREATER_THAN_EQUALS("DateGreaterThanEquals", false),
        BOOL("Bool", false), BINARY_EQUALS("BinaryEquals", false),
        IP_ADDRESS("IpAddress", false), NOT_IP_ADDRESS("NotIpAddress", true),
        ARN_EQUALS("ArnEquals", false), ARN_LIKE("ArnLike", false),
        ARN_NOT_EQUALS("ArnNotEquals", true), ARN_NOT_LIKE("ArnNotLike", true),
        NULL("Null", false);

        final String policyName;
        final boolean negated;

        Operator(String policyName, boolean negated) {
            this.policyName = policyName;
            this.negated = negated;
        }

        /** The operator of that name (case-insensitive, as AWS reads them), or null. */
        static Operator named(String name) {
            for (Operator o : values()) {
                if (o.policyName.equalsIgnoreCase(name)) {
                    return o;
                }
            }
            return null;
        }
    }

    /**
     * The condition of the operator written {@code written} ({@code ForAnyValue:StringLikeIfExists}), or null when
     * that names no operator.
     */
    static PolicyCondition of(String written, String key, List<String> values) {
        SetQualifier qualifier = SetQualifier.NONE;
        String name = written;
        String lower = written.toLowerCase(Locale.ROOT);
        if (lower.startsWith("foranyvalue:")) {
            qualifier = SetQualifier.FOR_ANY_VALUE;
            name = written.substring("foranyvalue:".length());
        } else if (lower.startsWith("forallvalues:")) {
            qualifier = SetQualifier.FOR_ALL_VALUES;
            name = written.substring("forallvalues:".length());
        }
        boolean ifExists = false;
        Operator operator = Operator.named(name);
        if (operator == null && name.toLowerCase(Locale.ROOT).endsWith("ifexists")) {
            operator = Operator.named(name.substring(0, name.length() - "ifexists".length()));
            ifExists = operator != null && operator != Operator.NULL;
            if (!ifExists) {
                operator = null;
            }
        }
        return operator == null ? null : new PolicyCondition(operator, ifExists, qualifier, key, List.copyOf(values));
    }

    /** Whether the condition holds for the request. */
    boolean holds(PolicyRequest request) {
        List<String> present = request.values(key);
        if (operator == Operator.NULL) {
            boolean absent = present == null || present.isEmpty();
            return values.stream().anyMatch(v -> Boolean.parseBoolean(v.trim()) == absent);
        }
        if (present == null || present.isEmpty()) {
            return switch (qualifier) {
                case FOR_ALL_VALUES -> true;
                case FOR_ANY_VALUE -> false;
                case NONE -> ifExists || operator.negated;
            };
        }
        return switch (qualifier) {
            case FOR_ALL_VALUES -> present.stream().allMatch(this::holdsFor);
            case FOR_ANY_VALUE, NONE -> present.stream().anyMatch(this::holdsFor);
        };
    }

    /** Whether one request value satisfies the condition: matches any policy value, or none when negated. */
    private boolean holdsFor(String actual) {
        boolean any = false;
        for (String expected : values) {
            if (matches(expected, actual)) {
                any = true;
                break;
            }
        }
        return operator.negated != any;
    }

    private boolean matches(String expected, String actual) {
        return switch (operator) {
            case STRING_EQUALS, STRING_NOT_EQUALS, BINARY_EQUALS, ARN_EQUALS, ARN_NOT_EQUALS -> expected.equals(actual);
            case STRING_EQUALS_IGNORE_CASE, STRING_NOT_EQUALS_IGNORE_CASE -> expected.equalsIgnoreCase(actual);
            case STRING_LIKE, STRING_NOT_LIKE, ARN_LIKE, ARN_NOT_LIKE -> Wildcards.matches(expected, actual, false);
            case BOOL -> expected.trim().equalsIgnoreCase(actual.trim());
            case NUMERIC_EQUALS, NUMERIC_NOT_EQUALS -> compareNumbers(actual, expected) == 0;
            case NUMERIC_LESS_THAN -> compareNumbers(actual, expected) < 0;
            case NUMERIC_LESS_THAN_EQUALS -> compareNumbers(actual, expected) <= 0;
            case NUMERIC_GREATER_THAN -> compareNumbers(actual, expected) > 0;
            case NUMERIC_GREATER_THAN_EQUALS -> compareNumbers(actual, expected) >= 0;
            case DATE_EQUALS, DATE_NOT_EQUALS -> compareDates(actual, expected) == 0;
            case DATE_LESS_THAN -> compareDates(actual, expected) < 0;
            case DATE_LESS_THAN_EQUALS -> compareDates(actual, expected) <= 0;
            case DATE_GREATER_THAN -> compareDates(actual, expected) > 0;
            case DATE_GREATER_THAN_EQUALS -> compareDates(actual, expected) >= 0;
            case IP_ADDRESS, NOT_IP_ADDRESS -> inRange(actual, expected);
            case NULL -> throw new IllegalStateException("Null is decided by presence");
        };
    }

    /** Compares two numbers; a value that is no number compares unequal to everything (Integer.MIN_VALUE). */
    private static int compareNumbers(String actual, String expected) {
        try {
            return new BigDecimal(actual.trim()).compareTo(new BigDecimal(expected.trim()));
        } catch (NumberFormatException e) {
            return Integer.MIN_VALUE;
        }
    }

    private static int compareDates(String actual, String expected) {
        Instant a = instant(actual);
        Instant e = instant(expected);
        return a == null || e == null ? Integer.MIN_VALUE : a.compareTo(e);
    }

    /** An ISO 8601 date-time (with or without zone; a bare date as its midnight UTC) or epoch seconds. */
    static Instant instant(String text) {
        String t = text.trim();
        try {
            if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) {
                return Instant.ofEpochSecond(Long.parseLong(t));
            }
            if (t.length() == 10) {
                return Instant.parse(t + "T00:00:00Z");
            }
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException | NumberFormatException e) {
            try {
                return Instant.parse(t);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    /** Whether an address lies in a CIDR range ({@code 192.0.2.0/24}, {@code 2001:db8::/32}, or one address). */
    static boolean inRange(String address, String cidr) {
        byte[] ip = address(address);
        int slash = cidr.indexOf('/');
        byte[] net = address(slash < 0 ? cidr : cidr.substring(0, slash));
        if (ip == null || net == null || ip.length != net.length) {
            return false;
        }
        int bits;
        try {
            bits = slash < 0 ? net.length * 8 : Integer.parseInt(cidr.substring(slash + 1).trim());
        } catch (NumberFormatException e) {
            return false;
        }
        if (bits < 0 || bits > net.length * 8) {
            return false;
        }
        for (int i = 0; i < net.length && bits > 0; i++, bits -= 8) {
            int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
            if ((ip[i] & mask) != (net[i] & mask)) {
                return false;
            }
        }
        return true;
    }

    /** The bytes of a literal IPv4 or IPv6 address; null for anything else (no name is ever looked up). */
    static byte[] address(String text) {
        String t = text.trim();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        boolean v4 = !t.isEmpty() && t.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
        boolean v6 = t.indexOf(':') >= 0 && t.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0);
        if (!v4 && !v6) {
            return null;
        }
        if (v4) {
            String[] parts = t.split("\\.", -1);
            if (parts.length != 4) {
                return null;
            }
            byte[] out = new byte[4];
            for (int i = 0; i < 4; i++) {
                if (parts[i].isEmpty() || parts[i].length() > 3 || Integer.parseInt(parts[i]) > 255) {
                    return null;
                }
                out[i] = (byte) Integer.parseInt(parts[i]);
            }
            return out;
        }
        try {
            // bracketed, the JDK takes it as an IPv6 literal or refuses it: it never looks a name up
            return InetAddress.getByName("[" + t + "]").getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
