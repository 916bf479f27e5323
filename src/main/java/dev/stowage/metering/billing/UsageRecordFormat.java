package dev.stowage.metering.billing;

import dev.stowage.metering.UsageRecord;
import dev.stowage.metering.UsageType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The billing export files: one usage record per line, as CSV (with a header line) or JSON Lines, with the fields
 * and values of the CloudStack usage records (so a file and {@code listUsageRecords} agree field for field). Used
 * by the gateway's scheduled export and by the CLI's {@code export-usage}; plain Java.
 */
public final class UsageRecordFormat {
    /** The columns, in order. */
    public static final List<String> COLUMNS = List.of("startdate", "enddate", "account", "accountid", "usageid",
            "usagetype", "usagetypename", "rawusage", "usage", "description");
    /** Columns written as JSON numbers. */
    private static final Set<String> NUMBERS = Set.of("usagetype", "rawusage");
    /** CloudStack's date format, in UTC: {@code 2024-01-15T00:00:00+0000}. */
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ")
            .withZone(ZoneOffset.UTC);

    /** The file formats. */
    public enum Format {
        CSV("csv"),
        JSONL("jsonl");

        private final String extension;

        Format(String extension) {
            this.extension = extension;
        }

        public String extension() {
            return extension;
        }

        /** The format of a name ({@code csv}, {@code jsonl}), or null. */
        public static Format of(String name) {
            for (Format f : values()) {
                if (f.extension.equalsIgnoreCase(name)) {
                    return f;
                }
            }
            return null;
        }
    }

    private UsageRecordFormat() {}

    /** CloudStack's rendering of a date. */
    public static String date(Instant t) {
        return DATE.format(t);
    }

    /** The file of one day's records: {@code stowage-usage-2024-01-15.csv}; the same name on every rerun. */
    public static String fileName(LocalDate day, Format format) {
        return "stowage-usage-" + day + "." + format.extension();
    }

    /** A record's fields by column. */
    public static Map<String, String> fields(UsageRecord r) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("startdate", date(r.start()));
        f.put("enddate", date(r.end()));
        f.put("account", r.account());
        f.put("accountid", r.accountId());
        f.put("usageid", r.bucket());
        f.put("usagetype", Integer.toString(r.type().id()));
        f.put("usagetypename", r.type().name());
        f.put("rawusage", r.rawUsage().toPlainString());
        f.put("usage", r.usage());
        f.put("description", r.description());
        return f;
    }

    /** The usage type name of a type number as text, or "" when unknown. */
    public static String typeName(String typeId) {
        try {
            UsageType t = UsageType.byId(Integer.parseInt(typeId));
            return t == null ? "" : t.name();
        } catch (NumberFormatException e) {
            return "";
        }
    }

    /** The first line of a file: the CSV header, nothing for JSON Lines. */
    public static String header(Format format) {
        return format == Format.CSV ? String.join(",", COLUMNS) + "\n" : "";
    }

    /** One record as a line of the format, newline included. */
    public static String line(Format format, Map<String, String> fields) {
        StringBuilder out = new StringBuilder();
        if (format == Format.CSV) {
            for (String column : COLUMNS) {
                if (!out.isEmpty() || !column.equals(COLUMNS.get(0))) {
                    out.append(',');
                }
                out.append(csv(fields.getOrDefault(column, "")));
            }
        } else {
            out.append('{');
            for (String column : COLUMNS) {
                if (out.length() > 1) {
                    out.append(',');
                }
                String value = fields.getOrDefault(column, "");
                out.append(json(column)).append(':');
                out.append(NUMBERS.contains(column) && !value.isEmpty() ? value : json(value));
            }
            out.append('}');
        }
        return out.append('\n').toString();
    }

    private static String csv(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    private static String json(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
