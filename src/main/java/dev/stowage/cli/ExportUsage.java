package dev.stowage.cli;

import dev.stowage.metering.billing.UsageRecordFormat;
import dev.stowage.metering.cloudstack.CloudStackSignature;
import dev.stowage.metering.cloudstack.CloudStackSignature.Param;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code export-usage --from D --to D --format csv|jsonl}: any past period's usage records, in the billing export's
 * file format, from the gateway's CloudStack usage API ({@code listUsageRecords}, one day at a time, page by page),
 * signed with the system user's key pair. Progress goes to stderr, the file to {@code --output} (written beside it
 * and renamed into place when complete) or stdout.
 */
@Command(name = "export-usage", mixinStandardHelpOptions = true,
        description = "Exports the usage records of a period (days, UTC) as CSV or JSON Lines, as the scheduled billing"
                + " export writes them.")
final class ExportUsage implements Callable<Integer> {
    static final String ENV_METERING_ENDPOINT = "STOWAGE_METERING_ENDPOINT";

    @Option(names = "--from", paramLabel = "YYYY-MM-DD", required = true, description = "The first day.")
    String from;

    @Option(names = "--to", paramLabel = "YYYY-MM-DD", required = true, description = "The last day (included).")
    String to;

    @Option(names = "--format", paramLabel = "csv|jsonl", defaultValue = "csv",
            description = "csv (with a header line) or jsonl (default csv).")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write here instead of stdout.")
    Path output;

    @Option(names = "--metering-endpoint", paramLabel = "URL",
            description = "The metering endpoint (env STOWAGE_METERING_ENDPOINT; default the gateway endpoint's port"
                    + " + 100).")
    String meteringEndpoint;

    @ArgGroup(validate = false, heading = "%nGateway and credentials (flags, else environment, else file):%n",
            order = 100)
    GatewayOptions gateway = new GatewayOptions();

    @ParentCommand
    OstorS3Admin root;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        UsageRecordFormat.Format fileFormat = UsageRecordFormat.Format.of(format);
        if (fileFormat == null) {
            throw new CliException(ExitStatus.USAGE, "--format is csv or jsonl, not " + format);
        }
        LocalDate first = day("--from", from);
        LocalDate last = day("--to", to);
        if (last.isBefore(first)) {
            throw new CliException(ExitStatus.USAGE, "--to " + last + " is before --from " + first);
        }
        GatewayTarget target = (gateway != null ? gateway : new GatewayOptions()).resolve(root.env);
        URI api = meteringApi(target.endpoint());
        if (output == null) {
            write(spec.commandLine().getOut(), fileFormat, api, target, first, last);
            return ExitStatus.OK.code;
        }
        Path temp = tempBeside(output);
        try {
            try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                write(out, fileFormat, api, target, first, last);
            }
            Files.move(temp, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
        return ExitStatus.OK.code;
    }

    /** The file: the header, then each day's records page by page; a progress line on stderr per day. */
    private void write(Writer out, UsageRecordFormat.Format fileFormat, URI api, GatewayTarget target,
            LocalDate first, LocalDate last) throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        long days = ChronoUnit.DAYS.between(first, last) + 1;
        long n = 0;
        int total = 0;
        out.write(UsageRecordFormat.header(fileFormat));
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            n++;
            int fetched = 0;
            for (int page = 1; ; page++) {
                Page answer = page(api, target, day, page);
                for (Map<String, String> row : answer.rows()) {
                    out.write(UsageRecordFormat.line(fileFormat, row));
                }
                fetched += answer.rows().size();
                if (answer.rows().isEmpty() || fetched >= answer.count()) {
                    break;
                }
            }
            total += fetched;
            err.printf("export-usage: %s done (%d/%d days, %d records)%n", day, n, days, total);
            err.flush();
        }
        out.flush();
    }

    /**
     * A temp file beside {@code target} (so the finished file is renamed into place: a failed run leaves no partial
     * file and keeps an older one); a missing or unwritable directory is a usage error, found before any request.
     */
    private static Path tempBeside(Path target) {
        Path dir = target.toAbsolutePath().getParent();
        if (Files.isDirectory(target)) {
            throw new CliException(ExitStatus.USAGE, "cannot write " + target + ": it is a directory");
        }
        if (dir == null || !Files.isDirectory(dir)) {
            throw new CliException(ExitStatus.USAGE, "cannot write " + target + ": no such directory " + dir);
        }
        try {
            return Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        } catch (IOException e) {
            throw new CliException(ExitStatus.USAGE, "cannot write " + target + ": " + e.getMessage());
        }
    }

    private URI meteringApi(URI gatewayEndpoint) {
        String explicit = meteringEndpoint != null ? meteringEndpoint : root.env.get(ENV_METERING_ENDPOINT);
        URI base = explicit != null && !explicit.isBlank() ? GatewayOptions.endpoint(explicit)
                : URI.create(gatewayEndpoint.getScheme() + "://" + gatewayEndpoint.getHost() + ":"
                        + ((gatewayEndpoint.getPort() < 0 ? ("https".equals(gatewayEndpoint.getScheme()) ? 443 : 80)
                                : gatewayEndpoint.getPort()) + 100));
        return URI.create(base + "/client/api");
    }

    /** One page of records: the day's total ({@code count}) and this page's records as the export's fields. */
    private record Page(int count, List<Map<String, String>> rows) {}

    /**
     * One page of one day's records, in the gateway's own page size ({@code default-page-size}: a larger
     * {@code pagesize} would be refused).
     */
    private Page page(URI api, GatewayTarget target, LocalDate day, int page) {
        List<Param> params = new ArrayList<>();
        params.add(new Param("command", "listUsageRecords"));
        params.add(new Param("startdate", day.toString()));
        params.add(new Param("enddate", day.toString()));
        params.add(new Param("page", Integer.toString(page)));
        params.add(new Param("response", "json"));
        params.add(new Param("apiKey", target.accessKey()));
        String signature = CloudStackSignature.sign(target.secretKey(), CloudStackSignature.stringToSign(params));
        StringBuilder query = new StringBuilder();
        for (Param p : params) {
            query.append(query.isEmpty() ? "" : "&").append(p.name()).append('=').append(encode(p.value()));
        }
        query.append("&signature=").append(encode(signature));
        Map<String, Object> answer = get(URI.create(api + "?" + query));
        Object response = answer.get("listusagerecordsresponse");
        List<Map<String, String>> rows = new ArrayList<>();
        if (!(response instanceof Map<?, ?> body) || !(body.get("usagerecord") instanceof List<?> records)) {
            return new Page(0, rows);
        }
        for (Object item : records) {
            Map<String, Object> record = Json.object(item);
            Map<String, String> row = new LinkedHashMap<>();
            for (String column : UsageRecordFormat.COLUMNS) {
                row.put(column, column.equals("usagetypename") ? UsageRecordFormat.typeName(Json.text(record, "usagetype"))
                        : record.containsKey(column) ? Json.text(record, column) : "");
            }
            rows.add(row);
        }
        return new Page(body.get("count") instanceof Number count ? count.intValue() : rows.size(), rows);
    }

    private static Map<String, Object> get(URI uri) {
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout(10_000);
            connection.setReadTimeout(300_000);
            connection.setRequestProperty("User-Agent", OstorS3Admin.NAME);
            int status = connection.getResponseCode();
            String body;
            try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
                body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Map<String, Object> json;
            try {
                json = Json.object(Json.parse(body));
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitStatus.GATEWAY_ERROR, "the metering endpoint at " + uri.getHost() + ":"
                        + uri.getPort() + " sent an answer that is not JSON (HTTP " + status + ")");
            }
            if (status != 200) {
                String text = "HTTP " + status;
                for (Object value : json.values()) {
                    if (value instanceof Map<?, ?> m && m.get("errortext") != null) {
                        text = m.get("errortext") + " (HTTP " + status + ")";
                    }
                }
                throw new CliException(ExitStatus.ofHttpStatus(status), text);
            }
            return json;
        } catch (IOException e) {
            if (connection != null) {
                connection.disconnect();
            }
            throw new CliException(ExitStatus.UNREACHABLE, "cannot reach the metering endpoint at " + uri.getHost()
                    + ":" + uri.getPort() + " (" + e.getMessage() + ")");
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static LocalDate day(String option, String text) {
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new CliException(ExitStatus.USAGE, option + " is a day, YYYY-MM-DD, not " + text);
        }
    }
}
