package dev.stowage.ostor.handler;

import dev.stowage.ostor.OstorOperation.ListUsage;
import dev.stowage.ostor.OstorRequest;
import dev.stowage.ostor.error.OstorError;
import dev.stowage.ostor.error.OstorException;
import dev.stowage.ostor.json.JsonWriter;
import dev.stowage.s3.S3Response;
import dev.stowage.usage.UsageName;
import dev.stowage.usage.UsageRollup;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * {@code GET /?ostor-usage}: {@code {"nr_items", "truncated", "items": [names]}} of the usage objects not deleted,
 * oldest first (by start time, then service id), every replica's alike. {@code &after=NAME} starts after that
 * name's place (which need not exist any more), {@code &limit=N} returns at most N; {@code truncated} says more
 * follow (ask again with {@code after=} the last name).
 */
@ApplicationScoped
public class ListUsageHandler implements OstorHandler<ListUsage> {
    private final UsageRollup usage;

    public ListUsageHandler(UsageRollup usage) {
        this.usage = usage;
    }

    @Override
    public S3Response handle(ListUsage op, OstorRequest request) {
        UsageName after = op.after() == null ? null : UsageName.parse(op.after()).orElseThrow(() ->
                new OstorException(OstorError.INVALID_ARGUMENT, "after must name a usage object"
                        + " (s3-usage-<service id>-<yyyy-MM-ddTHH:mm:ss.000Z>-<period>)."));
        List<UsageName> all;
        try {
            all = usage.files().list();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<UsageName> rest = after == null ? all
                : all.stream().filter(n -> UsageName.OLDEST_FIRST.compare(n, after) > 0).toList();
        List<UsageName> page = rest.subList(0, Math.min(op.limit(), rest.size()));
        JsonWriter json = new JsonWriter().beginObject()
                .field("nr_items", page.size())
                .name("truncated").value(page.size() < rest.size())
                .name("items").beginArray();
        for (UsageName name : page) {
            json.value(name.toString());
        }
        return Responses.json(json.endArray().endObject());
    }
}
