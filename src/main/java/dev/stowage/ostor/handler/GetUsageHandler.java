package dev.stowage.ostor.handler;

import dev.stowage.ostor.OstorNames;
import dev.stowage.ostor.OstorOperation.GetUsage;
import dev.stowage.ostor.OstorRequest;
import dev.stowage.s3.S3Response;
import dev.stowage.usage.UsageRollup;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * {@code GET /?ostor-usage&obj=NAME}: the usage object's JSON ({@code fmt_version}, {@code service_id},
 * {@code start_ts}, {@code period}, {@code nr_items}, {@code items}); 404 when there is no such object.
 */
@ApplicationScoped
public class GetUsageHandler implements OstorHandler<GetUsage> {
    private final UsageRollup usage;

    public GetUsageHandler(UsageRollup usage) {
        this.usage = usage;
    }

    @Override
    public S3Response handle(GetUsage op, OstorRequest request) {
        byte[] json;
        try {
            json = usage.files().read(UsageObjects.require(op.obj())).orElseThrow(() -> UsageObjects.noSuch(op.obj()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return S3Response.ok().body(new S3Response.Bytes(json, OstorNames.APPLICATION_JSON));
    }
}
