package dev.stowage.accounts.db;

import dev.stowage.accounts.InvalidEmailException;
import java.util.regex.Pattern;

/**
 * The email check of user creation: {@code local@domain.tld} in ASCII, no spaces — simpler than RFC 5321, strict
 * enough to keep typos and injection out. Emails are kept as given; uniqueness ignores case.
 */
final class EmailAddresses {
    private static final int MAX_LENGTH = 254;
    private static final Pattern LOCAL = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern TOP_LEVEL = Pattern.compile("[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59}");

    private EmailAddresses() {}

    /** @throws InvalidEmailException when {@code email} is not an address */
    static String requireValid(String email) {
        if (email == null || email.isEmpty()) {
            throw new InvalidEmailException("An email address is required.");
        }
        if (!isValid(email)) {
            throw new InvalidEmailException("Invalid email address: " + printable(email));
        }
        return email;
    }

    static boolean isValid(String email) {
        if (email.length() > MAX_LENGTH) {
            return false;
        }
        int at = email.lastIndexOf('@');
        if (at <= 0 || at > 64 || at == email.length() - 1) {
            return false;
        }
        if (!LOCAL.matcher(email.substring(0, at)).matches()) {
            return false;
        }
        String[] labels = email.substring(at + 1).split("\\.", -1);
        if (labels.length < 2) {
            return false;
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return TOP_LEVEL.matcher(labels[labels.length - 1]).matches();
    }

    private static String printable(String s) {
        String shown = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
