package dev.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code export-usage} against a stub metering endpoint whose {@code default-page-size} is 2 (a larger {@code
 * pagesize} is refused, as the gateway refuses it with 431): the CLI pages in the endpoint's own page size until it
 * has the day's {@code count} records. Pins the bug where it asked for 500 a page and so failed against any gateway
 * configured with a smaller page size.
 */
class ExportUsagePagingTest {
    private static final int PAGE_SIZE = 2;
    private static final int RECORDS = 5;
    private static final Pattern PAGE = Pattern.compile("(?:^|&)page=(\\d+)");
    private static final Pattern PAGESIZE = Pattern.compile("(?:^|&)pagesize=(\\d+)");

    private HttpServer server;
    private final List<String> queries = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/client/api", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        queries.add(query);
        Matcher size = PAGESIZE.matcher(query);
        String body;
        int status = 200;
        if (size.find() && Integer.parseInt(size.group(1)) > PAGE_SIZE) {
            status = 431;
            body = "{\"listusagerecordsresponse\":{\"uuidList\":[],\"errorcode\":431,\"cserrorcode\":4350,"
                    + "\"errortext\":\"Page size can't exceed max allowed page size value: " + PAGE_SIZE + "\"}}";
        } else {
            Matcher page = PAGE.matcher(query);
            int p = page.find() ? Integer.parseInt(page.group(1)) : 1;
            StringBuilder records = new StringBuilder();
            for (int i = (p - 1) * PAGE_SIZE; i < Math.min(RECORDS, p * PAGE_SIZE); i++) {
                records.append(records.isEmpty() ? "" : ",").append("{\"account\":\"a@example.com\",\"accountid\":"
                        + "\"0123456789abcdef\",\"description\":\"Bucket b (epoch 1) GET requests\",\"usage\":\"")
                        .append(i + 1).append(" Requests\",\"usagetype\":102,\"rawusage\":").append(i + 1)
                        .append(",\"usageid\":\"b\",\"type\":\"ObjectStorage\",\"startdate\":\"2024-01-01T00:00:00"
                                + "+0000\",\"enddate\":\"2024-01-01T23:59:59+0000\"}");
            }
            body = "{\"listusagerecordsresponse\":{\"count\":" + RECORDS + ",\"usagerecord\":[" + records + "]}}";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(bytes);
        }
    }

    @Test
    void exportUsage_pagesInTheEndpointsOwnPageSize_untilItHasTheDaysCount() {
        CliRun run = CliRun.run(Map.of("STOWAGE_ENDPOINT", "http://127.0.0.1:9", "STOWAGE_ACCESS_KEY", "KEY",
                "STOWAGE_SECRET_KEY", "SECRET", "STOWAGE_METERING_ENDPOINT",
                "http://127.0.0.1:" + server.getAddress().getPort()), "export-usage", "--from", "2024-01-01", "--to",
                "2024-01-01", "--format", "csv");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).hasSize(1 + RECORDS);
        for (int i = 1; i <= RECORDS; i++) {
            assertThat(run.out().get(i)).isEqualTo("2024-01-01T00:00:00+0000,2024-01-01T23:59:59+0000,a@example.com,"
                    + "0123456789abcdef,b,102,OBJECT_GET_REQUESTS," + i + "," + i + " Requests,Bucket b (epoch 1) GET"
                    + " requests");
        }
        assertThat(queries).hasSize(3).allMatch(q -> q.contains("command=listUsageRecords"));
        assertThat(run.err()).containsExactly("export-usage: 2024-01-01 done (1/1 days, 5 records)");
    }
}
