package dev.stowage.s3;

import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;

/** AWS general-purpose bucket naming rules. */
public final class BucketNames {
    private BucketNames() {}

    public static boolean isValid(String name) {
        int n = name.length();
        if (n < 3 || n > 63) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
            if (!ok) {
                return false;
            }
        }
        if (!isAlnum(name.charAt(0)) || !isAlnum(name.charAt(n - 1))) {
            return false;
        }
        if (name.contains("..") || name.contains(".-") || name.contains("-.")) {
            return false;
        }
        if (looksLikeIpAddress(name)) {
            return false;
        }
        return !(name.startsWith("xn--") || name.startsWith("sthree-") || name.startsWith("amzn-s3-demo-")
                || name.endsWith("-s3alias") || name.endsWith("--ol-s3") || name.endsWith(".mrap")
                || name.endsWith("--x-s3") || name.endsWith("--table-s3"));
    }

    public static void requireValid(String name) {
        if (!isValid(name)) {
            throw new S3Exception(S3ErrorCode.INVALID_BUCKET_NAME).resource("/" + name).element("BucketName", name);
        }
    }

    /** Four groups of one to three digits joined by dots (192.168.5.4): S3 refuses such names. */
    private static boolean looksLikeIpAddress(String name) {
        int groups = 0;
        int digits = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++digits > 3) {
                    return false;
                }
            } else if (c == '.' && digits > 0) {
                groups++;
                digits = 0;
            } else {
                return false;
            }
        }
        return digits > 0 && groups == 3;
    }

    private static boolean isAlnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }
}
