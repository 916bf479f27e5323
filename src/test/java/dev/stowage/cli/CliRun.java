package dev.stowage.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** One in-process run of the CLI: exit code, stdout and stderr as lines. */
record CliRun(int exitCode, List<String> out, List<String> err) {

    static CliRun run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = OstorS3Admin.run(new PrintWriter(out), new PrintWriter(err), env, Clock.systemUTC(), args);
        return new CliRun(code, lines(out), lines(err));
    }

    private static List<String> lines(StringWriter w) {
        String s = w.toString();
        if (s.isEmpty()) {
            return List.of();
        }
        return List.of((s.endsWith("\n") ? s.substring(0, s.length() - 1) : s).split("\r?\n", -1));
    }

    String errText() {
        return String.join("\n", err);
    }

    String outText() {
        return String.join("\n", out);
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\nstdout:\n" + outText() + "\nstderr:\n" + errText();
    }
}
