package dev.stowage.metering.cloudstack;

import dev.stowage.metering.MeteringResponse;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders CloudStack answers in XML (the default) or JSON ({@code response=json}) from one tree: an ordered map
 * whose values are strings, numbers, nested maps (an element) or lists of maps (repeated elements). XML writes an
 * element per member (lists as repeated elements of the member's name) under
 * {@code <commandresponse cloud-stack-version="…">}; JSON writes {@code {"commandresponse": {…}}}.
 */
final class CloudStackResponses {
    static final String JSON_TYPE = "application/json; charset=UTF-8";
    static final String XML_TYPE = "text/xml; charset=UTF-8";

    private CloudStackResponses() {}

    static MeteringResponse render(int status, String responseName, Map<String, Object> body, boolean json,
            String version) {
        if (json) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put(responseName, body);
            return MeteringResponse.text(status, JSON_TYPE, new JsonObject(root).encode());
        }
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        xml.append('<').append(responseName).append(" cloud-stack-version=\"").append(escape(version)).append("\">");
        members(xml, body);
        xml.append("</").append(responseName).append('>');
        return MeteringResponse.text(status, XML_TYPE, xml.toString());
    }

    /** The error answer: {@code errorcode}, {@code cserrorcode}, {@code errortext} (JSON adds an empty uuidList). */
    static MeteringResponse error(CloudStackException e, String responseName, boolean json, String version) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (json) {
            body.put("uuidList", new ArrayList<>());
        }
        body.put("errorcode", e.error().errorCode());
        body.put("cserrorcode", e.error().csErrorCode());
        body.put("errortext", e.getMessage());
        return render(e.error().errorCode(), responseName, body, json, version);
    }

    @SuppressWarnings("unchecked")
    private static void members(StringBuilder xml, Map<String, Object> element) {
        for (Map.Entry<String, Object> member : element.entrySet()) {
            String name = member.getKey();
            Object value = member.getValue();
            if (value instanceof List<?> list) {
                for (Object item : list) {
                    xml.append('<').append(name).append('>');
                    members(xml, (Map<String, Object>) item);
                    xml.append("</").append(name).append('>');
                }
            } else if (value instanceof Map<?, ?> nested) {
                xml.append('<').append(name).append('>');
                members(xml, (Map<String, Object>) nested);
                xml.append("</").append(name).append('>');
            } else {
                xml.append('<').append(name).append('>').append(escape(text(value))).append("</").append(name).append('>');
            }
        }
    }

    private static String text(Object value) {
        return value instanceof java.math.BigDecimal d ? d.toPlainString() : String.valueOf(value);
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
