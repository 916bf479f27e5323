package dev.stowage.s3.handler;

import dev.stowage.s3.sse.CustomerEncryption;
import dev.stowage.http.RequestHead;
import dev.stowage.s3.HttpDates;
import dev.stowage.s3.S3Headers;
import dev.stowage.s3.S3Operation.GetObjectAttributes;
import dev.stowage.s3.S3Request;
import dev.stowage.s3.S3Response;
import dev.stowage.s3.StorageClassHeader;
import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import dev.stowage.s3.xml.XmlWriter;
import dev.stowage.store.ObjectInfo;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * GetObjectAttributes: the object's ETag, checksum, parts (of a multipart object, paged by
 * {@code x-amz-max-parts} and {@code x-amz-part-number-marker}), storage class and size, each only when named in
 * {@code x-amz-object-attributes}, in AWS's order. Needs read access to the object, as GetObject does.
 */
@ApplicationScoped
public class GetObjectAttributesHandler implements S3Handler<GetObjectAttributes> {
    private static final int MAX_PARTS = 1000;

    /** The attribute names S3 takes, as sent. */
    enum Attribute {
        ETAG("ETag"), CHECKSUM("Checksum"), OBJECT_PARTS("ObjectParts"), STORAGE_CLASS("StorageClass"),
        OBJECT_SIZE("ObjectSize");

        private final String wireName;

        Attribute(String wireName) {
            this.wireName = wireName;
        }
    }

    @Override
    public S3Response handle(GetObjectAttributes op, S3Request request) {
        RequestHead head = request.head();
        // the SDKs send the list as one comma-separated value or as one header line per name
        Set<Attribute> wanted = attributes(String.join(",", head.headerValues(S3Headers.X_AMZ_OBJECT_ATTRIBUTES)));
        int maxParts = number(head, S3Headers.X_AMZ_MAX_PARTS, MAX_PARTS);
        int marker = number(head, S3Headers.X_AMZ_PART_NUMBER_MARKER, 0);
        ObjectInfo info = request.object();
        CustomerEncryption.forRead(request.head(), info);
        XmlWriter xml = new XmlWriter().openRoot("GetObjectAttributesOutput");
        if (wanted.contains(Attribute.ETAG)) {
            xml.element("ETag", info.etag());
        }
        ChecksumFacts.Stored checksum = ChecksumFacts.stored(info.attributes().system());
        if (wanted.contains(Attribute.CHECKSUM) && checksum != null) {
            xml.open("Checksum").element(checksum.xmlName(), checksum.value())
                    .element("ChecksumType", checksum.type()).close("Checksum");
        }
        PartLayout layout = PartLayout.of(info);
        if (wanted.contains(Attribute.OBJECT_PARTS) && layout != null) {
            int last = (int) Math.min(layout.count(), (long) marker + maxParts);
            boolean truncated = last < layout.count();
            xml.open("ObjectParts").element("IsTruncated", Boolean.toString(truncated))
                    .element("MaxParts", Integer.toString(maxParts));
            if (truncated) {
                xml.element("NextPartNumberMarker", Integer.toString(last));
            }
            xml.element("PartNumberMarker", Integer.toString(marker));
            for (int n = marker + 1; n <= last; n++) {
                xml.open("Part").element("PartNumber", Integer.toString(n))
                        .element("Size", Long.toString(layout.size(n))).close("Part");
            }
            xml.element("PartsCount", Integer.toString(layout.count())).close("ObjectParts");
        }
        if (wanted.contains(Attribute.STORAGE_CLASS)) {
            xml.element("StorageClass", StorageClassHeader.stored(info.attributes().system()));
        }
        if (wanted.contains(Attribute.OBJECT_SIZE)) {
            xml.element("ObjectSize", Long.toString(info.size()));
        }
        return S3Response.xml(200, xml.close("GetObjectAttributesOutput").toBytes())
                .header(S3Headers.LAST_MODIFIED_OUT, HttpDates.format(info.lastModified()));
    }

    /** The names in {@code x-amz-object-attributes} (comma-separated, at least one); InvalidArgument otherwise. */
    static Set<Attribute> attributes(String header) {
        Set<Attribute> out = EnumSet.noneOf(Attribute.class);
        if (header != null) {
            for (String name : header.split(",", -1)) {
                String n = name.trim();
                if (n.isEmpty()) {
                    continue;
                }
                Attribute found = null;
                for (Attribute a : Attribute.values()) {
                    if (a.wireName.equals(n)) {
                        found = a;
                    }
                }
                if (found == null) {
                    throw invalidAttributes(header);
                }
                out.add(found);
            }
        }
        if (out.isEmpty()) {
            throw new S3Exception(S3ErrorCode.INVALID_REQUEST, "The x-amz-object-attributes header specifying the "
                    + "attributes to be retrieved is either missing or empty");
        }
        return out;
    }

    private static S3Exception invalidAttributes(String header) {
        return new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Invalid attribute name specified.")
                .element("ArgumentName", S3Headers.X_AMZ_OBJECT_ATTRIBUTES)
                .element("ArgumentValue", header == null ? "" : header);
    }

    private static int number(RequestHead head, String name, int absent) {
        String value = head.header(name);
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 0) {
                return name.equals(S3Headers.X_AMZ_MAX_PARTS) ? Math.min(n, MAX_PARTS) : n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Provided " + name.toLowerCase(Locale.ROOT)
                + " not an integer or within integer range").element("ArgumentName", name)
                .element("ArgumentValue", value);
    }
}
