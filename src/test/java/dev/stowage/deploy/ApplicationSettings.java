package dev.stowage.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stowage.config.StowageConfig;
import io.smallrye.config.ConfigMapping;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The settings the gateway really reads, by environment variable name: Stowage's own from {@link StowageConfig}
 * (every method of the mapping and its groups), Quarkus' from the configuration models its extensions ship
 * ({@code META-INF/quarkus-config-doc/quarkus-config-model.json}; run-time settings only, since build-time ones
 * cannot be changed by an environment variable), and the packaged {@code application.properties}.
 */
final class ApplicationSettings {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Environment variable name to property name. */
    private final Map<String, String> byEnvironmentName = new TreeMap<>();
    private final Properties applicationProperties = new Properties();

    private ApplicationSettings() {}

    static ApplicationSettings load() {
        ApplicationSettings s = new ApplicationSettings();
        s.addMapping(StowageConfig.class.getAnnotation(ConfigMapping.class).prefix(), StowageConfig.class);
        s.addQuarkusRunTimeSettings();
        try (InputStream in = ApplicationSettings.class.getResourceAsStream("/application.properties")) {
            s.applicationProperties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return s;
    }

    /** The property an environment variable sets, or null when the gateway has no such setting. */
    String property(String environmentName) {
        return byEnvironmentName.get(environmentName);
    }

    /** A setting's value in application.properties (the default profile), or {@code otherwise}. */
    String packaged(String property, String otherwise) {
        return applicationProperties.getProperty(property, otherwise);
    }

    static String environmentName(String property) {
        return property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    private void addMapping(String prefix, Class<?> mapping) {
        for (Method m : mapping.getDeclaredMethods()) {
            if (Modifier.isStatic(m.getModifiers()) || m.isDefault() || m.getParameterCount() != 0 || m.isSynthetic()) {
                continue;
            }
            String property = prefix + "." + kebab(m.getName());
            Class<?> type = m.getReturnType();
            if (type.isInterface() && type.getEnclosingClass() == StowageConfig.class) {
                addMapping(property, type);
            } else {
                byEnvironmentName.put(environmentName(property), property);
            }
        }
    }

    private void addQuarkusRunTimeSettings() {
        try {
            for (URL model : Collections.list(getClass().getClassLoader()
                    .getResources("META-INF/quarkus-config-doc/quarkus-config-model.json"))) {
                try (InputStream in = model.openStream()) {
                    addRunTimeItems(JSON.readTree(in));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void addRunTimeItems(JsonNode node) {
        if (node.isObject()) {
            JsonNode path = node.get("path");
            if (path != null && path.has("environmentVariable") && "RUN_TIME".equals(node.path("phase").asText())) {
                byEnvironmentName.put(path.get("environmentVariable").asText(), path.path("property").asText());
            }
        }
        node.forEach(this::addRunTimeItems);
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
