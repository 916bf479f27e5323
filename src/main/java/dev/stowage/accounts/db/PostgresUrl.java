package dev.stowage.accounts.db;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A PostgreSQL location written as {@code postgresql://[user[:password]@]host[:port]/database[?query]} (the reactive
 * client's form; {@code jdbc:} and {@code vertx-reactive:} prefixes are accepted), and the Quarkus datasource
 * settings that point at it.
 */
public record PostgresUrl(String host, int port, String database, String query, String user, String password) {
    private static final int DEFAULT_PORT = 5432;

    public static PostgresUrl parse(String url) {
        String s = url.strip();
        for (String prefix : new String[] {"jdbc:", "vertx-reactive:"}) {
            if (s.startsWith(prefix)) {
                s = s.substring(prefix.length());
            }
        }
        URI uri = URI.create(s);
        if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
            throw new IllegalArgumentException("not a postgresql:// URL: " + withoutPassword(url));
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("no host in " + withoutPassword(url));
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : null;
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        return new PostgresUrl(uri.getHost(), uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort(),
                path.isEmpty() ? "postgres" : path, uri.getRawQuery(), user, password);
    }

    /** The reactive client's URL, without credentials. */
    public String reactiveUrl() {
        return "postgresql://" + host + ":" + port + "/" + database + (query == null ? "" : "?" + query);
    }

    /** The JDBC driver's URL (Flyway's), without credentials. */
    public String jdbcUrl() {
        return "jdbc:" + reactiveUrl();
    }

    /** {@code quarkus.datasource.*} settings for this database: both URLs and, if known, the credentials. */
    public Map<String, String> datasourceSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("quarkus.datasource.reactive.url", reactiveUrl());
        settings.put("quarkus.datasource.jdbc.url", jdbcUrl());
        if (user != null) {
            settings.put("quarkus.datasource.username", user);
        }
        if (password != null) {
            settings.put("quarkus.datasource.password", password);
        }
        return settings;
    }

    @Override
    public String toString() {
        return reactiveUrl();
    }

    /** The URL as it may be logged: any password replaced by {@code ***}. */
    public static String withoutPassword(String url) {
        return url.replaceFirst("(//[^/@:]*):[^/@]*@", "$1:***@");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
