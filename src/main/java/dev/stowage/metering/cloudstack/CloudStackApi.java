package dev.stowage.metering.cloudstack;

import dev.stowage.auth.Credential;
import dev.stowage.auth.CredentialStore;
import dev.stowage.config.StowageConfig;
import dev.stowage.metering.MeteringResponse;
import dev.stowage.metering.UsageRecord;
import dev.stowage.metering.UsageRecords;
import dev.stowage.metering.UsageType;
import dev.stowage.metering.billing.BillingExporter;
import dev.stowage.metering.billing.UsageRecordFormat;
import dev.stowage.metering.cloudstack.CloudStackSignature.Param;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The CloudStack-style usage API at {@code /client/api}: {@code listUsageRecords}, {@code listUsageTypes},
 * {@code generateUsageRecords} (asynchronous) and {@code queryAsyncJobResult}. Each request is signed the CloudStack
 * way with a system user's S3 key pair ({@code apiKey} = access key id, HMAC key = secret key); then throttled per
 * account; then the command runs. Answers in XML unless {@code response=json}.
 */
@ApplicationScoped
public class CloudStackApi {
    private static final Logger LOG = Logger.getLogger(CloudStackApi.class);
    /** The longest range one call may cover. */
    static final int MAX_DAYS = 366;
    private static final DateTimeFormatter[] EXPIRES_FORMATS = {
        DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ"),
        DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX"),
    };

    private final CredentialStore credentials;
    private final UsageRecords usage;
    private final BillingExporter exporter;
    private final AsyncJobs jobs;
    private final ApiThrottle throttle;
    private final int defaultPageSize;
    private final String version;
    private final Clock clock = Clock.systemUTC();

    public CloudStackApi(CredentialStore credentials, UsageRecords usage, BillingExporter exporter, AsyncJobs jobs,
            StowageConfig config) {
        this.credentials = credentials;
        this.usage = usage;
        this.exporter = exporter;
        this.jobs = jobs;
        StowageConfig.Cloudstack cs = config.cloudstack();
        this.throttle = new ApiThrottle(cs.throttling().enabled(), cs.throttling().interval(), cs.throttling().max());
        this.defaultPageSize = Math.max(1, cs.defaultPageSize());
        this.version = cs.version();
    }

    /** Answers one request whose parameters (query and form body) are {@code params}, decoded. */
    public MeteringResponse handle(List<Param> params) {
        String command = value(params, "command");
        boolean json = "json".equalsIgnoreCase(value(params, "response"));
        String responseName = (command == null ? "error" : command.toLowerCase(Locale.ROOT)) + "response";
        try {
            Credential caller = authenticate(params);
            if (!caller.system()) {
                throw new CloudStackException(CloudStackError.PERMISSION_DENIED, "The given command "
                        + (command == null ? "" : command) + " is not available for user " + caller.userId()
                        + ": the usage API takes a system user's key pair.");
            }
            throttle.acquire(caller.userId(), clock.millis());
            if (command == null || command.isBlank()) {
                throw new CloudStackException(CloudStackError.PARAM_ERROR, "Missing parameter command");
            }
            Map<String, Object> body = switch (command) {
                case "listUsageRecords" -> listUsageRecords(command, params);
                case "listUsageTypes" -> listUsageTypes();
                case "generateUsageRecords" -> generateUsageRecords(command, params, caller);
                case "queryAsyncJobResult" -> queryAsyncJobResult(command, params);
                default -> throw new CloudStackException(CloudStackError.UNSUPPORTED_ACTION,
                        "The given command does not exist or it is not available for user");
            };
            return CloudStackResponses.render(200, responseName, body, json, version);
        } catch (CloudStackException e) {
            return CloudStackResponses.error(e, responseName, json, version);
        } catch (RuntimeException e) {
            LOG.errorf(e, "usage API command %s failed", command);
            return CloudStackResponses.error(new CloudStackException(CloudStackError.INTERNAL_ERROR,
                    "Internal error executing command, please contact your system administrator"), responseName, json,
                    version);
        }
    }

    /** The caller's credential: the {@code apiKey}'s, with a matching signature, not expired. 401 otherwise. */
    private Credential authenticate(List<Param> params) {
        String apiKey = value(params, "apiKey");
        String signature = value(params, CloudStackSignature.SIGNATURE);
        if (apiKey == null || signature == null) {
            throw unauthorized();
        }
        Optional<Credential> found = credentials.find(apiKey);
        if (found.isEmpty() || !found.get().enabled()
                || !CloudStackSignature.verify(found.get().secretKey(), params, signature)) {
            throw unauthorized();
        }
        if ("3".equals(value(params, "signatureVersion"))) {
            String expires = value(params, "expires");
            OffsetDateTime at = expires == null ? null : expires(expires);
            if (at == null || !at.toInstant().isAfter(clock.instant())) {
                throw new CloudStackException(CloudStackError.UNAUTHORIZED,
                        "unable to verify user credentials and/or request signature: the request has expired ("
                                + expires + ")");
            }
        }
        return found.get();
    }

    private static CloudStackException unauthorized() {
        return new CloudStackException(CloudStackError.UNAUTHORIZED,
                "unable to verify user credentials and/or request signature");
    }

    private static OffsetDateTime expires(String text) {
        for (DateTimeFormatter f : EXPIRES_FORMATS) {
            try {
                return OffsetDateTime.parse(text, f);
            } catch (DateTimeParseException e) {
                // next format
            }
        }
        return null;
    }

    private Map<String, Object> listUsageRecords(String command, List<Param> params) {
        LocalDate[] range = range(command, params);
        String account = value(params, "account");
        String accountId = value(params, "accountid");
        String bucket = value(params, "usageid");
        UsageType type = null;
        String typeText = value(params, "type");
        if (typeText != null) {
            type = UsageType.byId(integer(command, "type", typeText));
            if (type == null) {
                throw CloudStackException.invalid(command, "type", typeText, "an unknown usage type");
            }
        }
        int[] page = page(command, params);
        List<UsageRecord> matching = new ArrayList<>();
        for (UsageRecord r : usage.daily(range[0], range[1])) {
            if ((account == null || account.equalsIgnoreCase(r.account()))
                    && (accountId == null || accountId.equals(r.accountId()))
                    && (bucket == null || bucket.equals(r.bucket()))
                    && (type == null || type == r.type())) {
                matching.add(r);
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        if (matching.isEmpty()) {
            return body;
        }
        body.put("count", matching.size());
        List<Map<String, Object>> items = new ArrayList<>();
        int from = Math.min(matching.size(), (page[0] - 1) * page[1]);
        int to = Math.min(matching.size(), from + page[1]);
        for (UsageRecord r : matching.subList(from, to)) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("account", r.account());
            item.put("accountid", r.accountId());
            item.put("description", r.description());
            item.put("usage", r.usage());
            item.put("usagetype", r.type().id());
            item.put("rawusage", r.rawUsage());
            item.put("usageid", r.bucket());
            item.put("type", "ObjectStorage");
            item.put("startdate", UsageRecordFormat.date(r.start()));
            item.put("enddate", UsageRecordFormat.date(r.end()));
            items.add(item);
        }
        body.put("usagerecord", items);
        return body;
    }

    private static Map<String, Object> listUsageTypes() {
        List<Map<String, Object>> items = new ArrayList<>();
        for (UsageType t : UsageType.values()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("usagetypeid", t.id());
            item.put("name", t.name());
            item.put("description", t.description());
            items.add(item);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("count", items.size());
        body.put("usagetype", items);
        return body;
    }

    /** Exports the days of the range again (replacing their files) as a job; answers the job id at once. */
    private Map<String, Object> generateUsageRecords(String command, List<Param> params, Credential caller) {
        LocalDate[] range = range(command, params);
        BillingExporter.Destinations to = exporter.destinations();
        String id = jobs.start(command, caller.userId(), () -> {
            int records = 0;
            int days = 0;
            for (LocalDate day = range[0]; !day.isAfter(range[1]); day = day.plusDays(1)) {
                BillingExporter.Result result = exporter.export(day, true, to);
                if (result.outcome() == BillingExporter.Outcome.RUNNING_ELSEWHERE) {
                    throw new IllegalStateException("The usage records of " + day
                            + " are being generated by another gateway; try again later.");
                }
                records += result.records();
                days++;
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("success", true);
            result.put("displaytext", "Usage records generated for " + days + " day(s) from " + range[0] + " to "
                    + range[1] + ": " + records + " record(s)" + (to.none() ? " (no export destination configured)"
                    : "."));
            return result;
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jobid", id);
        return body;
    }

    private Map<String, Object> queryAsyncJobResult(String command, List<Param> params) {
        String id = value(params, "jobid");
        if (id == null) {
            throw CloudStackException.missing(command, "jobid");
        }
        AsyncJobs.Job job = jobs.get(id);
        if (job == null) {
            throw CloudStackException.invalid(command, "jobid", id, "no job with that id");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accountid", job.userId());
        body.put("userid", job.userId());
        body.put("cmd", job.command());
        body.put("jobstatus", job.status().code);
        body.put("jobprocstatus", 0);
        body.put("jobresultcode", job.status() == AsyncJobs.Status.FAILED ? CloudStackError.INTERNAL_ERROR.errorCode() : 0);
        switch (job.status()) {
            case SUCCEEDED -> {
                body.put("jobresulttype", "object");
                body.put("jobresult", job.result());
            }
            case FAILED -> {
                body.put("jobresulttype", "text");
                Map<String, Object> error = new LinkedHashMap<>();
                error.put("errorcode", CloudStackError.INTERNAL_ERROR.errorCode());
                error.put("errortext", job.error());
                body.put("jobresult", error);
            }
            case PENDING -> { }
        }
        body.put("created", UsageRecordFormat.date(job.created().truncatedTo(ChronoUnit.SECONDS)));
        body.put("jobid", job.id());
        return body;
    }

    /** {@code startdate} and {@code enddate} (yyyy-MM-dd, or yyyy-MM-dd HH:mm:ss of which the day counts). */
    private static LocalDate[] range(String command, List<Param> params) {
        LocalDate start = date(command, params, "startdate");
        LocalDate end = date(command, params, "enddate");
        if (end.isBefore(start)) {
            throw CloudStackException.invalid(command, "enddate", end.toString(), "it being before startdate");
        }
        if (ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
            throw CloudStackException.invalid(command, "enddate", end.toString(), "the range exceeding " + MAX_DAYS
                    + " days");
        }
        return new LocalDate[] {start, end};
    }

    private static LocalDate date(String command, List<Param> params, String name) {
        String text = value(params, name);
        if (text == null || text.isBlank()) {
            throw CloudStackException.missing(command, name);
        }
        String day = text.strip();
        if (day.length() > 10 && (day.charAt(10) == ' ' || day.charAt(10) == 'T')) {
            day = day.substring(0, 10);
        }
        try {
            return LocalDate.parse(day);
        } catch (DateTimeParseException e) {
            throw CloudStackException.invalid(command, name, text, "not being a date (yyyy-MM-dd)");
        }
    }

    /** {@code page} (from 1) and {@code pagesize} (at most default.page.size). */
    private int[] page(String command, List<Param> params) {
        String pageText = value(params, "page");
        String sizeText = value(params, "pagesize");
        int page = pageText == null ? 1 : integer(command, "page", pageText);
        int size = sizeText == null ? defaultPageSize : integer(command, "pagesize", sizeText);
        if (page < 1) {
            throw CloudStackException.invalid(command, "page", pageText, "it being below 1");
        }
        if (size < 1) {
            throw CloudStackException.invalid(command, "pagesize", sizeText, "it being below 1");
        }
        if (size > defaultPageSize) {
            throw new CloudStackException(CloudStackError.PARAM_ERROR,
                    "Page size can't exceed max allowed page size value: " + defaultPageSize);
        }
        return new int[] {page, size};
    }

    private static int integer(String command, String name, String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw CloudStackException.invalid(command, name, text, "incorrect integer value format");
        }
    }

    /** The value of a parameter whose name matches case-insensitively (CloudStack's field names are). */
    static String value(List<Param> params, String name) {
        for (Param p : params) {
            if (p.name().equalsIgnoreCase(name)) {
                return p.value();
            }
        }
        return null;
    }

}
