package dev.stowage.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ostor-s3-admin}: manages a Stowage gateway's users, access keys and limits through its admin services over
 * HTTP, as Acronis' tool of that name does, so it works the same against a local gateway and a remote deployment.
 * A plain picocli main (no Quarkus boot, no CDI, no ports): it starts in a fraction of a second.
 */
@Command(name = "ostor-s3-admin", mixinStandardHelpOptions = true, versionProvider = OstorS3Admin.Version.class,
        description = "Manages the users, access keys, buckets and limits of a Stowage gateway through its ostor admin"
                + " services, signed with a system user's key pair.",
        subcommands = {
            UserCommands.CreateUser.class,
            UserCommands.QueryUsers.class,
            UserCommands.QueryUserInfo.class,
            UserCommands.DisableUser.class,
            UserCommands.EnableUser.class,
            UserCommands.DeleteUser.class,
            UserCommands.GenAccessKey.class,
            UserCommands.RevokeAccessKey.class,
            UserCommands.ListAllBuckets.class,
            LimitCommands.SetLimits.class,
            LimitCommands.QueryLimits.class,
            LimitCommands.RmLimits.class,
            UserCommands.GrantPermission.class,
            UserCommands.RevokePermission.class,
            ExportUsage.class,
        },
        footerHeading = "%n",
        footer = {
            "Every command talks to the gateway at --endpoint URL (env STOWAGE_ENDPOINT,",
            "default http://localhost:9000) and signs with a system user's key pair:",
            "--access-key/--secret-key, else STOWAGE_ACCESS_KEY/STOWAGE_SECRET_KEY, else",
            "--credentials-file FILE (env STOWAGE_CREDENTIALS_FILE; default",
            "data/system-credentials, the file the gateway writes at its first start).",
            "",
            "Exit codes: 0 done, 1 usage error, 2 no such user, key or bucket, 3 conflict (email",
            "exists, user owns buckets, two keys already), 4 access denied (bad credentials",
            "or not a system user), 5 gateway unreachable, 6 other gateway error.",
        })
public final class OstorS3Admin implements Callable<Integer> {
    static final String NAME = "ostor-s3-admin";

    final Map<String, String> env;
    final Clock clock;

    @Spec
    CommandSpec spec;

    OstorS3Admin(Map<String, String> env, Clock clock) {
        this.env = env;
        this.clock = clock;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        System.exit(run(out, err, System.getenv(), Clock.systemUTC(), args));
    }

    /** Runs one command line and returns its exit code; output goes to {@code out}, messages to {@code err}. */
    public static int run(PrintWriter out, PrintWriter err, Map<String, String> env, Clock clock, String... args) {
        CommandLine commandLine = new CommandLine(new OstorS3Admin(env, clock));
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler((e, arguments) -> {
            err.println(NAME + ": " + e.getMessage());
            err.println("Run '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for its usage.");
            return ExitStatus.USAGE.code;
        });
        commandLine.setExecutionExceptionHandler((e, command, parseResult) -> {
            if (e instanceof CliException failure) {
                err.println(NAME + ": " + failure.getMessage());
                return failure.status.code;
            }
            err.println(NAME + ": unexpected failure: " + e);
            return ExitStatus.GATEWAY_ERROR.code;
        });
        try {
            return commandLine.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Without a command: the usage on stderr, exit 1. */
    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        err.println(NAME + ": a command is required");
        spec.commandLine().usage(err);
        return ExitStatus.USAGE.code;
    }

    /** The version of the Stowage build this CLI came with. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = OstorS3Admin.class.getPackage().getImplementationVersion();
            return new String[] {NAME + " (Stowage " + (version != null ? version : "development build") + ")"};
        }
    }
}
