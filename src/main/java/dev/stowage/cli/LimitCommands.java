package dev.stowage.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code set-limits}, {@code query-limits}, {@code rm-limits}: a user's or bucket's {@code ?ostor-limits}. */
final class LimitCommands {
    private LimitCommands() {}

    /** A command about the limits of one user ({@code -e}, {@code -i}) or bucket ({@code -b}). */
    abstract static class LimitsCommand extends UserCommands.AdminCommand {
        @ArgGroup(exclusive = true, multiplicity = "1", order = 1)
        LimitSelector whose;

        @Override
        void validate() {
            whose.queryParameter();
        }
    }

    @Command(name = "set-limits", mixinStandardHelpOptions = true,
            description = {
                "Sets limits of a user or bucket and prints all its limits.",
                "-t ops: requests per second, -L default=, get=, put=, list= or delete= (fractions allowed; default"
                        + " applies to every class without its own limit); -t bandwidth: outgoing KB/s, -L out="
                        + " (an integer). 0 means unlimited. Several -L are sent one after the other."
            })
    static final class SetLimits extends LimitsCommand {
        @Option(names = {"-t", "--type"}, paramLabel = "TYPE", required = true, order = 2,
                description = "The limit type: ops or bandwidth.")
        String type;

        @Option(names = {"-L", "--limit"}, paramLabel = "KEY=VALUE", required = true, order = 3,
                description = "A limit: default=, get=, put=, list=, delete= (ops) or out= (bandwidth); repeatable.")
        List<String> assignments;

        private final List<Limits.Setting> settings = new ArrayList<>();

        @Override
        void validate() {
            super.validate();
            settings.clear();
            for (String assignment : assignments) {
                settings.add(Limits.setting(type, assignment));
            }
        }

        @Override
        void run(OstorAdmin admin, PrintWriter out) {
            Map<String, BigDecimal> limits = null;
            for (Limits.Setting setting : settings) {
                limits = admin.setLimit(whose, setting);
            }
            print(out, Formats.limits(limits));
        }
    }

    @Command(name = "query-limits", mixinStandardHelpOptions = true,
            description = "Shows the limits of a user or bucket (0 = unlimited).")
    static final class QueryLimits extends LimitsCommand {
        @Override
        void run(OstorAdmin admin, PrintWriter out) {
            print(out, Formats.limits(admin.getLimits(whose)));
        }
    }

    @Command(name = "rm-limits", mixinStandardHelpOptions = true,
            description = "Removes every limit of a user or bucket (all set to 0, unlimited) and prints them.")
    static final class RmLimits extends LimitsCommand {
        @Override
        void run(OstorAdmin admin, PrintWriter out) {
            print(out, Formats.limits(admin.resetLimits(whose)));
        }
    }
}
