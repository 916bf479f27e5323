package dev.stowage.usage;

/** The counters of one usage item: ops by class and the request and response body bytes. Immutable. */
public record UsageCounts(long put, long get, long list, long other, long uploaded, long downloaded) {
    public static final UsageCounts ZERO = new UsageCounts(0, 0, 0, 0, 0, 0);

    public UsageCounts plus(UsageCounts o) {
        return new UsageCounts(put + o.put, get + o.get, list + o.list, other + o.other, uploaded + o.uploaded,
                downloaded + o.downloaded);
    }

    public boolean isZero() {
        return equals(ZERO);
    }
}
