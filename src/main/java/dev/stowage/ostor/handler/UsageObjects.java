package dev.stowage.ostor.handler;

import dev.stowage.ostor.error.OstorError;
import dev.stowage.ostor.error.OstorException;
import dev.stowage.usage.UsageName;

/** The usage object a request names: a name this gateway could have made, else no such object. */
final class UsageObjects {
    private UsageObjects() {}

    static UsageName require(String obj) {
        return UsageName.parse(obj).orElseThrow(() -> noSuch(obj));
    }

    static OstorException noSuch(String obj) {
        return new OstorException(OstorError.NO_SUCH_USAGE_OBJECT,
                "The usage statistics object " + printable(obj) + " does not exist.");
    }

    /** The name as it may appear in a header message: printable ASCII, not too long. */
    private static String printable(String s) {
        String clean = s.replaceAll("[^\\x20-\\x7e]", "?");
        return clean.length() > 120 ? clean.substring(0, 120) + "..." : clean;
    }
}
