package dev.stowage.bootstrap;

import dev.stowage.auth.Credential;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The system user's credentials file, written once at first start inside the data directory, readable by its
 * owner only. Its format is an AWS shared-credentials file ({@code [default]} profile) with the user id and email
 * as comments, so {@code AWS_SHARED_CREDENTIALS_FILE=<file> aws ...} works as is.
 */
public final class SystemUserFile {
    public static final String FILE_NAME = "system-credentials";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private SystemUserFile() {}

    /** Reads the file if it exists, otherwise creates it with the given or generated keys. */
    public static Credential loadOrCreate(Path dataDir, String email, String accessKey, String secretKey) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dataDir);
            if (Files.exists(file)) {
                return read(file, email);
            }
            // ostor's convention: a key id is its user's id (16 hex digits) followed by 4 characters.
            String userId = accessKey != null && accessKey.matches("[0-9a-f]{16}[A-Z0-9]{4}")
                    ? accessKey.substring(0, 16)
                    : HexFormat.of().formatHex(randomBytes(8));
            String key = accessKey != null ? accessKey : userId + random(KEY_ALPHABET, 4);
            String secret = secretKey != null ? secretKey : random(SECRET_ALPHABET, 40);
            String text = "# Stowage system user (" + email + "), created at first start. Keep this file secret.\n"
                    + "# user_id = " + userId + "\n"
                    + "# email = " + email + "\n"
                    + "[default]\n"
                    + "aws_access_key_id = " + key + "\n"
                    + "aws_secret_access_key = " + secret + "\n";
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (FileAlreadyExistsException e) {
                return read(file, email);
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            }
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.SYNC);
            return new Credential(key, secret, userId, email, true, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the system credentials file " + file, e);
        }
    }

    static Credential read(Path file, String email) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String l = line.strip();
            if (l.startsWith("#")) {
                l = l.substring(1).strip();
            }
            int eq = l.indexOf('=');
            if (eq > 0) {
                values.put(l.substring(0, eq).strip(), l.substring(eq + 1).strip());
            }
        }
        String key = values.get("aws_access_key_id");
        String secret = values.get("aws_secret_access_key");
        if (key == null || secret == null) {
            throw new IOException("the system credentials file " + file + " lacks aws_access_key_id or aws_secret_access_key");
        }
        String userId = values.getOrDefault("user_id", key.length() >= 16 ? key.substring(0, 16).toLowerCase() : key);
        return new Credential(key, secret, userId, values.getOrDefault("email", email), true, true);
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private static String random(String alphabet, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
