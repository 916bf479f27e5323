package dev.stowage.store.fs;

import java.io.IOException;

/** An object file that is not in the format this store writes. */
final class CorruptObjectException extends IOException {
    CorruptObjectException(String message) {
        super(message);
    }
}
