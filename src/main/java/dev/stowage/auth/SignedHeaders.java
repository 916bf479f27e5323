package dev.stowage.auth;

import dev.stowage.s3.error.S3Exception;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** The {@code SignedHeaders} list of a SigV4 signature: lower-case names, in the order the client signed them. */
record SignedHeaders(List<String> names) {

    static SignedHeaders parse(String text, Function<String, S3Exception> error) {
        if (text == null || text.isEmpty()) {
            throw error.apply("the SignedHeaders are missing.");
        }
        List<String> names = new ArrayList<>();
        for (String name : text.split(";", -1)) {
            if (name.isEmpty()) {
                throw error.apply("the SignedHeaders are mal-formed.");
            }
            names.add(name.toLowerCase(Locale.ROOT));
        }
        return new SignedHeaders(List.copyOf(names));
    }

    /** The names joined with {@code ;}, as they appear on the canonical request's fifth line. */
    String joined() {
        return String.join(";", names);
    }
}
