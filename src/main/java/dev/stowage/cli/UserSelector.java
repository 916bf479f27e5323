package dev.stowage.cli;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/** Which user a command is about: {@code -e EMAIL} or {@code -i ID}, exactly one (a picocli exclusive group). */
final class UserSelector {
    /** The gateway's own check (accounts.db.EmailAddresses): local@domain.tld in ASCII, so typos fail here. */
    private static final Pattern LOCAL =
            Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final int MAX_EMAIL_LENGTH = 254;

    @Option(names = {"-e", "--email"}, paramLabel = "EMAIL", required = true, description = "The user's email address.")
    String email;

    @Option(names = {"-i", "--id"}, paramLabel = "ID", required = true, description = "The user's S3 id (16 hex digits).")
    String id;

    /** {@code emailAddress=E} or {@code id=ID}, percent-encoded, after checking the value. */
    String queryParameter() {
        if (email != null) {
            return "emailAddress=" + encode(validEmail(email));
        }
        if (id == null || id.isBlank()) {
            throw new CliException(ExitStatus.USAGE, "the user id must not be empty");
        }
        return "id=" + encode(id.strip());
    }

    /** {@code email=E} or {@code id=ID}, for messages. */
    String describe() {
        return email != null ? "email=" + email : "id=" + id;
    }

    static String validEmail(String email) {
        if (!isValidEmail(email)) {
            throw new CliException(ExitStatus.USAGE, "invalid email address '" + email + "'");
        }
        return email;
    }

    static boolean isValidEmail(String email) {
        int at = email.lastIndexOf('@');
        if (email.length() > MAX_EMAIL_LENGTH || at <= 0 || at > 64 || at == email.length() - 1
                || !LOCAL.matcher(email.substring(0, at)).matches()) {
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
        return labels[labels.length - 1].chars().anyMatch(Character::isLetter);
    }

    /** Percent-encodes a query value; unreserved characters and {@code @} stay as they are (as in the seed). */
    static String encode(String value) {
        StringBuilder sb = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '@') {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }
}
