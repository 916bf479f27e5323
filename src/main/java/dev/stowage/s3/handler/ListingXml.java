package dev.stowage.s3.handler;

import dev.stowage.s3.StorageClassHeader;
import dev.stowage.s3.access.GranteeResolver;
import dev.stowage.s3.access.ObjectAccess;
import dev.stowage.s3.xml.XmlWriter;
import dev.stowage.store.BucketInfo;
import dev.stowage.store.ListPage;
import dev.stowage.store.ObjectInfo;
import java.nio.charset.StandardCharsets;

/** What ListObjects and ListObjectsV2 render alike (ListObjectVersions too: CommonPrefixes, the url encoding-type). */
final class ListingXml {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private ListingXml() {}

    /** The page's objects, each with its Owner (ID and DisplayName, as GetObjectAcl shows them) when asked. */
    static void entries(XmlWriter xml, ListPage page, boolean url, BucketInfo bucket, GranteeResolver owners) {
        for (ListPage.ListEntry entry : page.entries()) {
            if (entry.isPrefix()) {
                continue;
            }
            ObjectInfo info = entry.info();
            xml.open("Contents")
                    .element("Key", encode(entry.key(), url))
                    .element("LastModified", info.lastModified())
                    .element("ETag", '"' + info.etag() + '"');
            ChecksumFacts.listingXml(xml, info.attributes().system());
            xml.element("Size", info.size());
            if (owners != null) {
                owner(xml, "Owner", ObjectAccess.owner(info, bucket), owners);
            }
            xml.element("StorageClass", StorageClassHeader.stored(info.attributes().system())).close("Contents");
        }
        commonPrefixes(xml, page, url);
    }

    /** An Owner or Initiator element: the user's canonical id and display name. */
    static void owner(XmlWriter xml, String element, String id, GranteeResolver owners) {
        xml.open(element).element("ID", id).element("DisplayName", owners.displayName(id)).close(element);
    }

    /** The page's common prefixes, in key order, after its objects. */
    static void commonPrefixes(XmlWriter xml, ListPage page, boolean url) {
        for (ListPage.ListEntry entry : page.entries()) {
            if (entry.isPrefix()) {
                xml.open("CommonPrefixes").element("Prefix", encode(entry.key(), url)).close("CommonPrefixes");
            }
        }
    }

    /** Keys as S3's encoding-type=url writes them: UTF-8 percent-encoding of all but unreserved characters and '/'. */
    static String encode(String value, boolean url) {
        if (!url || value == null) {
            return value;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~' || c == '/') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }
}
