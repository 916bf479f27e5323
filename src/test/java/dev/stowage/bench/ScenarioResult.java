package dev.stowage.bench;

import java.util.List;
import java.util.Locale;

/** One measured scenario at one concurrency: a table row for people and a RESULT line for scripts. */
record ScenarioResult(String scenario, int concurrency, long bytesPerOp, List<String> kinds, LoadRunner.Phase phase) {

    static final String HEADER = String.format(Locale.ROOT, "%-11s %5s %9s %6s %7s %10s %9s %9s %9s %9s",
            "scenario", "conc", "ops", "errors", "seconds", "ops/s", "MB/s", "p50 ms", "p99 ms", "max ms");

    double opsPerSecond() {
        return phase.seconds() > 0 ? phase.ok() / phase.seconds() : 0;
    }

    /** Decimal megabytes (10^6 bytes) per second of object bodies moved. */
    double megabytesPerSecond() {
        return phase.seconds() > 0 ? phase.ok() * (double) bytesPerOp / phase.seconds() / 1e6 : 0;
    }

    LatencyLog.Percentiles all() {
        if (phase.latencies().size() == 1) {
            return phase.latencies().getFirst();
        }
        return LatencyLog.Percentiles.combine(phase.latencies());
    }

    String row() {
        LatencyLog.Percentiles all = all();
        String row = String.format(Locale.ROOT, "%-11s %5d %9d %6d %7.1f %10.1f %9s %9.3f %9.3f %9.3f", scenario,
                concurrency, phase.ok(), phase.errors(), phase.seconds(), opsPerSecond(),
                bytesPerOp > 0 ? String.format(Locale.ROOT, "%.1f", megabytesPerSecond()) : "-", all.millis(50),
                all.millis(99), all.maxMillis());
        StringBuilder extra = new StringBuilder();
        if (kinds.size() > 1) {
            for (int k = 0; k < kinds.size(); k++) {
                LatencyLog.Percentiles p = phase.latencies().get(k);
                extra.append(String.format(Locale.ROOT, "%n%11s %s: %d ops, p50 %.3f ms, p99 %.3f ms", "",
                        kinds.get(k), p.count(), p.millis(50), p.millis(99)));
            }
        }
        if (phase.firstError() != null) {
            extra.append(String.format("%n%11s first error: %s", "", phase.firstError()));
        }
        if (phase.stuckThreads() > 0) {
            extra.append(String.format("%n%11s %d thread(s) still running after the grace time", "",
                    phase.stuckThreads()));
        }
        return row + extra;
    }

    String resultLine(String label) {
        LatencyLog.Percentiles all = all();
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "RESULT label=%s scenario=%s conc=%d bytes=%d ops=%d errors=%d seconds=%.2f ops_s=%.1f mb_s=%.2f"
                        + " p50_ms=%.3f p99_ms=%.3f max_ms=%.3f",
                label, scenario, concurrency, bytesPerOp, phase.ok(), phase.errors(), phase.seconds(), opsPerSecond(),
                megabytesPerSecond(), all.millis(50), all.millis(99), all.maxMillis()));
        if (kinds.size() > 1) {
            for (int k = 0; k < kinds.size(); k++) {
                LatencyLog.Percentiles p = phase.latencies().get(k);
                line.append(String.format(Locale.ROOT, " %s_ops=%d %s_p50_ms=%.3f %s_p99_ms=%.3f", kinds.get(k),
                        p.count(), kinds.get(k), p.millis(50), kinds.get(k), p.millis(99)));
            }
        }
        return line.toString();
    }
}
