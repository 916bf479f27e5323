package dev.stowage.observe;

import dev.stowage.config.StowageConfig;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * The access log: when {@code stowage.access-log.enabled}, one INFO line per finished request to the logger
 * category {@value #CATEGORY}, as {@code key=value} pairs ({@code -} for an absent value):
 * <pre>id=5F2A9C3B00000007 user=0123456789abcdef action=PutObject method=PUT bucket=photos status=200 in=4096 out=0 ms=3.214</pre>
 * With JSON logs on ({@code quarkus.log.console.json.enabled}) the line is the record's {@code message} and the
 * category its {@code loggerName}, so it can be routed or filtered like any other category.
 */
@Singleton
public class AccessLog implements RequestObserver {
    public static final String CATEGORY = "dev.stowage.access";
    private static final Logger LOG = Logger.getLogger(CATEGORY);

    private final boolean enabled;

    AccessLog(StowageConfig config) {
        this.enabled = config.accessLog().enabled();
    }

    @Override
    public void completed(RequestRecord record) {
        if (enabled) {
            LOG.info(line(record));
        }
    }

    /** The line of one request. */
    static String line(RequestRecord r) {
        StringBuilder sb = new StringBuilder(160);
        sb.append("id=").append(r.requestId());
        sb.append(" user=").append(orDash(r.userId()));
        sb.append(" action=").append(orDash(r.action()));
        sb.append(" method=").append(r.method());
        sb.append(" bucket=").append(orDash(r.bucket()));
        sb.append(" status=").append(r.status());
        if (r.errorCode() != null) {
            sb.append(" error=").append(r.errorCode());
        }
        sb.append(" in=").append(r.bytesIn());
        sb.append(" out=").append(r.bytesOut());
        long micros = r.durationNanos() / 1000;
        sb.append(" ms=").append(micros / 1000).append('.');
        long fraction = micros % 1000;
        if (fraction < 100) {
            sb.append(fraction < 10 ? "00" : "0");
        }
        return sb.append(fraction).toString();
    }

    private static String orDash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }
}
