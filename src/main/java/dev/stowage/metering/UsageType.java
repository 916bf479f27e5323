package dev.stowage.metering;

import dev.stowage.usage.UsageClass;
import java.math.BigDecimal;

/**
 * The usage types of object storage, numbered as CloudStack numbers usage types: the network ones keep CloudStack's
 * own numbers (4 and 5, so billing systems that price them already need nothing new); the object-storage ones take
 * numbers of their own from 100 up, clear of CloudStack's.
 */
public enum UsageType {
    NETWORK_BYTES_SENT(4, "Bytes", "Tracks the bytes the object storage sent to clients (response bodies) per bucket."),
    NETWORK_BYTES_RECEIVED(5, "Bytes", "Tracks the bytes the object storage received from clients (request bodies) per bucket."),
    OBJECT_STORAGE(100, "Byte-Hrs",
            "Tracks the bytes stored in a bucket over time (the byte×time integral of its size), in byte-hours."),
    OBJECT_PUT_REQUESTS(101, "Requests", "Tracks the PUT-class requests (PUT, POST, copy, upload) on a bucket."),
    OBJECT_GET_REQUESTS(102, "Requests", "Tracks the GET-class requests (GET, HEAD) on a bucket."),
    OBJECT_LIST_REQUESTS(103, "Requests", "Tracks the listing requests on a bucket."),
    OBJECT_OTHER_REQUESTS(104, "Requests", "Tracks the other requests (deletes and the rest) on a bucket.");

    private final int id;
    private final String unit;
    private final String description;

    UsageType(int id, String unit, String description) {
        this.id = id;
        this.unit = unit;
        this.description = description;
    }

    public int id() {
        return id;
    }

    public String unit() {
        return unit;
    }

    public String description() {
        return description;
    }

    /** CloudStack's {@code usage} string: the raw usage with its unit, e.g. {@code 1024 Bytes}. */
    public String usage(BigDecimal raw) {
        return raw.toPlainString() + " " + unit;
    }

    /** The type of a number, or null. */
    public static UsageType byId(int id) {
        for (UsageType t : values()) {
            if (t.id == id) {
                return t;
            }
        }
        return null;
    }

    /** The request type of an ostor usage class. */
    public static UsageType requests(UsageClass usageClass) {
        return switch (usageClass) {
            case PUT -> OBJECT_PUT_REQUESTS;
            case GET -> OBJECT_GET_REQUESTS;
            case LIST -> OBJECT_LIST_REQUESTS;
            case OTHER -> OBJECT_OTHER_REQUESTS;
        };
    }
}
