package dev.stowage.ostor;

import static dev.stowage.ostor.OstorNames.P_BUCKET;
import static dev.stowage.ostor.OstorNames.P_EMAIL_ADDRESS;
import static dev.stowage.ostor.OstorNames.P_ID;
import static dev.stowage.ostor.OstorNames.P_LIMIT_RESOURCE;
import static dev.stowage.ostor.OstorNames.P_LIMIT_TYPE;
import static dev.stowage.ostor.OstorNames.P_LIMIT_VALUE;
import static dev.stowage.ostor.OstorParser.invalid;

import dev.stowage.http.RequestHead;
import dev.stowage.limits.LimitKey;
import dev.stowage.ostor.OstorOperation.DeleteLimits;
import dev.stowage.ostor.OstorOperation.GetLimits;
import dev.stowage.ostor.OstorOperation.SetLimit;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The ostor-limits part of {@link OstorParser}; pure. A request names exactly one subject ({@code emailAddress},
 * {@code id} or {@code bucket}). PUT sets one limit, in the guide's form
 * ({@code limit-type=ops&limit-resource=get&limit-value=3600}) or the older one ({@code &ops&get=3600},
 * {@code &bandwidth&out=100}); the value is checked here, so a refused request changes nothing.
 */
final class LimitsParser {
    static final String OPS = "ops";
    static final String BANDWIDTH = "bandwidth";
    private static final List<String> TYPES = List.of(OPS, BANDWIDTH);
    private static final List<String> NEW_FORM = List.of(P_LIMIT_TYPE, P_LIMIT_RESOURCE, P_LIMIT_VALUE);

    /** The largest value either type takes: 10^9 ops/s or KB/s, far beyond anything a plan sells. */
    static final long MAX_VALUE = 1_000_000_000L;

    /** Digits with an optional fraction ({@code 3600}, {@code 0.5}, {@code 1.}, {@code .5}); no sign, no exponent. */
    private static final Pattern DECIMAL = Pattern.compile("\\d{1,32}(\\.\\d{0,32})?|\\.\\d{1,32}");
    private static final Pattern INTEGER = Pattern.compile("\\d{1,32}");

    private LimitsParser() {}

    static OstorOperation parse(RequestHead head) {
        LimitTarget target = target(head);
        String method = head.method();
        return switch (method) {
            case "GET" -> {
                noSetting(head, method);
                yield new GetLimits(target);
            }
            case "DELETE" -> {
                noSetting(head, method);
                yield new DeleteLimits(target);
            }
            case "PUT" -> setLimit(head, target);
            default -> throw OstorParser.methodNotAllowed(method, OstorNames.LIMITS);
        };
    }

    /** The one subject: a user by email or id, or a bucket. */
    private static LimitTarget target(RequestHead head) {
        if (head.hasParam(P_BUCKET)) {
            if (head.hasParam(P_EMAIL_ADDRESS) || head.hasParam(P_ID)) {
                throw invalid("Only one of emailAddress, id and bucket may be set in a request.");
            }
            return new LimitTarget.Bucket(OstorParser.required(head, P_BUCKET));
        }
        UserSelector user = OstorParser.selector(head);
        if (user == null) {
            throw invalid("?ostor-limits needs the user or the bucket: emailAddress=E, id=ID or bucket=NAME.");
        }
        return new LimitTarget.User(user);
    }

    private static void noSetting(RequestHead head, String method) {
        for (String word : settingWords()) {
            if (head.hasParam(word)) {
                throw invalid(method + " ?ostor-limits takes no " + word + ": limits are set with PUT.");
            }
        }
    }

    private static List<String> settingWords() {
        List<String> words = new ArrayList<>(NEW_FORM);
        words.addAll(TYPES);
        return words;
    }

    private static SetLimit setLimit(RequestHead head, LimitTarget target) {
        boolean newForm = NEW_FORM.stream().anyMatch(head::hasParam);
        List<String> typeWords = TYPES.stream().filter(head::hasParam).toList();
        if (newForm && !typeWords.isEmpty()) {
            throw invalid("Set a limit either as limit-type=T&limit-resource=R&limit-value=N or as &" + typeWords.get(0)
                    + "&R=N, not both.");
        }
        String type;
        String resource;
        String value;
        if (newForm) {
            type = OstorParser.required(head, P_LIMIT_TYPE);
            resource = OstorParser.required(head, P_LIMIT_RESOURCE);
            value = head.param(P_LIMIT_VALUE);
        } else if (typeWords.size() == 1) {
            type = typeWords.get(0);
            resource = olderFormResource(head, type);
            value = head.param(resource);
        } else if (typeWords.size() > 1) {
            throw invalid("One limit per request: both ops and bandwidth given.");
        } else {
            throw invalid("PUT ?ostor-limits needs the limit: limit-type=ops|bandwidth&limit-resource=R&limit-value=N.");
        }
        LimitKey key = key(type, resource);
        return new SetLimit(target, key, value(key, value));
    }

    /** The one resource parameter of the older form ({@code &ops&get=N}): exactly one of the type's resources. */
    private static String olderFormResource(RequestHead head, String type) {
        List<String> given = new ArrayList<>(1);
        for (LimitKey k : LimitKey.values()) {
            if (k.type().equals(type) && head.hasParam(k.resource())) {
                given.add(k.resource());
            }
        }
        if (given.size() != 1) {
            throw invalid((given.isEmpty() ? "&" + type + " needs its limit: " : "One limit per request: &" + type
                    + " takes one of ") + resourcesOf(type, "=N") + ".");
        }
        return given.get(0);
    }

    private static LimitKey key(String type, String resource) {
        if (!TYPES.contains(type)) {
            throw invalid("limit-type must be ops or bandwidth, not '" + shorten(type) + "'.");
        }
        LimitKey key = LimitKey.of(type, resource);
        if (key == null) {
            throw invalid("The " + type + " limit-resource must be " + resourcesOf(type, "") + ", not '"
                    + shorten(resource) + "'.");
        }
        return key;
    }

    private static String resourcesOf(String type, String suffix) {
        List<String> names = new ArrayList<>();
        for (LimitKey k : LimitKey.values()) {
            if (k.type().equals(type)) {
                names.add(k.resource() + suffix);
            }
        }
        return names.size() == 1 ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    /**
     * The value of a limit: ops a number of requests per second with at most two significant decimals kept
     * ({@code 3600}, {@code 0.5}); bandwidth a whole number of KB/s. 0 is unlimited; negative, NaN, exponents and
     * anything above {@value #MAX_VALUE} are refused.
     */
    static double value(LimitKey key, String raw) {
        String name = key.wireName();
        if (raw == null || raw.isEmpty()) {
            throw invalid("The " + name + " limit needs a value, e.g. " + (key.type().equals(OPS) ? "3600" : "100")
                    + " (0 = unlimited).");
        }
        if (key.type().equals(BANDWIDTH)) {
            if (!INTEGER.matcher(raw).matches()) {
                throw invalid("The " + name + " limit is a whole number of KB/s, 0 or more (0 = unlimited), not '"
                        + shorten(raw) + "'.");
            }
            return checkedMax(name, new BigDecimal(raw)).doubleValue();
        }
        if (!DECIMAL.matcher(raw).matches()) {
            throw invalid("The " + name + " limit is a number of operations per second, 0 or more, like 3600 or 0.5"
                    + " (0 = unlimited), not '" + shorten(raw) + "'.");
        }
        BigDecimal exact = new BigDecimal(raw);
        BigDecimal rounded = exact.setScale(2, RoundingMode.HALF_UP);
        if (exact.signum() > 0 && rounded.signum() == 0) {
            throw invalid("The " + name + " limit is at least 0.01 operations per second (or 0 = unlimited), not '"
                    + shorten(raw) + "'.");
        }
        return checkedMax(name, rounded).doubleValue();
    }

    private static BigDecimal checkedMax(String name, BigDecimal value) {
        if (value.compareTo(BigDecimal.valueOf(MAX_VALUE)) > 0) {
            throw invalid("The " + name + " limit is at most " + MAX_VALUE + " (0 = unlimited), not "
                    + value.toPlainString() + ".");
        }
        return value;
    }

    /** A client's word in a message, cut short. */
    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
