package dev.stowage.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The commands: each checks its arguments, calls the admin services, prints as ostor-s3-admin does. */
final class UserCommands {
    private UserCommands() {}

    /** What every command shares: the gateway options, one client per run, the output. */
    abstract static class AdminCommand implements Callable<Integer> {
        @ArgGroup(validate = false, heading = "%nGateway and credentials (flags, else environment, else file):%n",
                order = 100)
        GatewayOptions gateway = new GatewayOptions();

        @ParentCommand
        OstorS3Admin root;

        @Spec
        CommandSpec spec;

        @Override
        public final Integer call() {
            validate();
            GatewayTarget target = (gateway != null ? gateway : new GatewayOptions()).resolve(root.env);
            PrintWriter out = spec.commandLine().getOut();
            run(new OstorAdmin(new GatewayClient(target, root.clock)), out);
            out.flush();
            return ExitStatus.OK.code;
        }

        /** Checks the arguments before anything is sent; throws {@link CliException}. */
        void validate() {}

        abstract void run(OstorAdmin admin, PrintWriter out);

        static void print(PrintWriter out, List<String> lines) {
            lines.forEach(out::println);
        }
    }

    /** A command about one user, named by {@code -e} or {@code -i}. */
    abstract static class OneUserCommand extends AdminCommand {
        @ArgGroup(exclusive = true, multiplicity = "1")
        UserSelector who;

        @Override
        void validate() {
            who.queryParameter();
        }

        /** The selected user's id: given with {@code -i}, else asked of the gateway. */
        String userId(OstorAdmin admin) {
            return who.id != null ? who.id : admin.getUser(who).id();
        }
    }

    @Command(name = "create-user", mixinStandardHelpOptions = true,
            description = "Creates a user with a new S3 user id and one access key pair.")
    static final class CreateUser extends AdminCommand {
        @Option(names = {"-S", "--system"}, description = "Make it a system user, allowed to use the admin services.")
        boolean system;

        @Option(names = {"-e", "--email"}, paramLabel = "EMAIL", required = true, description = "The user's email address.")
        String email;

        @Override
        void validate() {
            UserSelector.validEmail(email);
        }

        @Override
        void run(OstorAdmin admin, PrintWriter out) {
            print(out, Formats.createdUser(admin.createUser(email, system), system));
        }
    }

    @Command(name = "query-users", mixinStandardHelpOptions = true,
            description = "Lists all users with their access keys; secret keys are shown as *** unless -a is given.")
    static final class QueryUsers extends AdminCommand {
        @Option(names = {"-a", "--show-secrets"}, description = "Show the secret access keys.")
        boolean showSecrets;

        @Option(names = {"-X", "--xml"}, description = "Print the list as XML (QueryUsersResult).")
        boolean xml;

        @Override
        void run(OstorAdmin admin, PrintWriter out) {
            List<UserInfo> users = new ArrayList<>();
            for (UserInfo listed : admin.listUsers()) {
                // the list has no keys: ask for each user (one deleted meanwhile is left out)
                UserInfo detail;
                try {
                    detail = admin.getUser(byId(listed.id()));
                } catch (CliException e) {
                    if (e.status == ExitStatus.NOT_FOUND) {
                        continue;
                    }
                    throw e;
                }
                users.add(new UserInfo(listed.email(), listed.id(), listed.state(),
                        listed.ownerId() != null ? listed.ownerId() : detail.ownerId(), detail.flags(), detail.keys()));
            }
            if (xml) {
                out.println(Formats.usersXml(users, showSecrets));
            } else {
                print(out, Formats.usersTable(users, showSecrets));
            }
        }

        private static UserSelector byId(String id) {
            UserSelector s = new UserSelector();
            s.id = id;
            return s;
        }
    }

    @Command(name = "query-user-info", mixinStandardHelpOptions = true,
            description = "Shows a user's id, email and access key pairs.")
    static final class QueryUserInfo extends OneUserCommand {
        @Override
        void run(OstorAdmin admin, PrintWriter out) {
            print(out, Formats.userInfo(admin.getUser(who)));
        }
    }

    @Command(name = "disable-user", mixinStandardHelpOptions = true,
            description = "Disables a user: the gateway refuses its requests until it is enabled again.")
    static final class DisableUser extends OneUserCommand {
        @Override
        void run(OstorAdmin admin, PrintWriter out) {
            admin.setEnabled(who, false);
        }
    }

    @Command(name = "enable-user", mixinStandardHelpOptions = true, description = "Enables a disabled user.")
    static final class EnableUser extends OneUserCommand {
        @Override
        void run(OstorAdmin admin, PrintWriter out) {
            admin.setEnabled(who, true);
        }
    }

    @Command(name = "delete-user", mixinStandardHelpOptions = true,
            description = "Deletes a user and its access keys; a user who owns buckets cannot be deleted.")
    static final class DeleteUser extends OneUserCommand {
        @Override
        void run(OstorAdmin admin, PrintWriter out) {
            String id = userId(admin);
            admin.deleteUser(who);
            out.println(Formats.deletedUser(id));
        }
    }

    @Command(name = "gen-access-key", mixinStandardHelpOptions = true,
            description = "Generates a new access key pair for a user (at most 2 per user).")
    static final class GenAccessKey extends OneUserCommand {
        @Override
        void run(OstorAdmin admin, PrintWriter out) {
            UserInfo answer = admin.generateKey(who);
            if (answer.keys().isEmpty()) {
                throw new CliException(ExitStatus.GATEWAY_ERROR, "unexpected answer from the gateway: no key pair");
            }
            print(out, Formats.generatedKey(answer.id(), answer.keys().get(answer.keys().size() - 1)));
        }
    }

    @Command(name = "revoke-access-key", mixinStandardHelpOptions = true,
            description = "Revokes one access key pair of a user; the key stops working at once.")
    static final class RevokeAccessKey extends OneUserCommand {
        @Option(names = {"-k", "--key"}, paramLabel = "ACCESS_KEY_ID", required = true,
                description = "The access key id of the pair to revoke.")
        String accessKeyId;

        @Override
        void validate() {
            super.validate();
            if (accessKeyId.isBlank()) {
                throw new CliException(ExitStatus.USAGE, "the access key id must not be empty");
            }
        }

        @Override
        void run(OstorAdmin admin, PrintWriter out) {
            String id = userId(admin);
            admin.revokeKey(who, accessKeyId.strip());
            out.println(Formats.revokedKey(id, accessKeyId.strip()));
        }
    }

    @Command(name = "list-all-buckets", mixinStandardHelpOptions = true,
            description = "Lists every bucket with its owner, creation date and epoch; with -e or -i, that user's only.")
    static final class ListAllBuckets extends AdminCommand {
        @ArgGroup(exclusive = true, multiplicity = "0..1")
        UserSelector owner;

        @Override
        void validate() {
            if (owner != null) {
                owner.queryParameter();
            }
        }

        @Override
        void run(OstorAdmin admin, PrintWriter out) {
            print(out, Formats.bucketsTable(admin.listBuckets(owner)));
        }
    }

    // --- Metering: the utapi:ListMetrics permission (README "Metering and billing") ---

    @Command(name = "grant-permission", mixinStandardHelpOptions = true,
            description = "Grants a user a permission: utapi:ListMetrics lets it read its own metrics through UTAPI.")
    static final class GrantPermission extends OneUserCommand {
        @Option(names = {"-p", "--permission"}, paramLabel = "PERMISSION", required = true,
                description = "The permission: utapi:ListMetrics.")
        String permission;

        @Override
        void run(OstorAdmin admin, PrintWriter out) {
            admin.setPermission(who, permission.strip(), true);
        }
    }

    @Command(name = "revoke-permission", mixinStandardHelpOptions = true,
            description = "Revokes a permission granted with grant-permission.")
    static final class RevokePermission extends OneUserCommand {
        @Option(names = {"-p", "--permission"}, paramLabel = "PERMISSION", required = true,
                description = "The permission: utapi:ListMetrics.")
        String permission;

        @Override
        void run(OstorAdmin admin, PrintWriter out) {
            admin.setPermission(who, permission.strip(), false);
        }
    }
}
