package dev.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The native CLI's reflection configuration ({@code native/cli/reflect-config.json}, used by {@code native/build.sh})
 * covers every class picocli reflects on: each command, its superclasses, mixins, argument groups and version
 * provider (their annotated fields are set and their constructors called reflectively). When a command is added,
 * this test fails and writes the complete configuration to {@code target/cli-reflect-config.json} to copy over.
 */
class CliNativeConfigTest {
    private static final Path CONFIG = Path.of("native/cli/reflect-config.json");
    private static final Path GENERATED = Path.of("target/cli-reflect-config.json");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Test
    void reflectConfig_coversEveryPicocliClassOfTheCli() throws IOException {
        Set<String> needed = new TreeSet<>();
        collect(new CommandLine(new OstorS3Admin(Map.of(), Clock.systemUTC())).getCommandSpec(), needed);
        needed.add(CommandLine.class.getName() + "$AutoHelpMixin");
        Files.createDirectories(GENERATED.getParent());
        Files.writeString(GENERATED, JSON.writeValueAsString(config(needed)) + "\n");

        Set<String> configured = new TreeSet<>();
        for (JsonNode entry : JSON.readTree(CONFIG.toFile())) {
            if (entry.path("allDeclaredFields").asBoolean() && entry.path("allDeclaredMethods").asBoolean()
                    && entry.path("allDeclaredConstructors").asBoolean()) {
                configured.add(entry.get("name").asText());
            }
        }
        assertThat(configured).as("classes in %s (the complete file: %s)", CONFIG, GENERATED).containsAll(needed);
    }

    private static void collect(CommandSpec spec, Set<String> classes) {
        if (spec.userObject() != null) {
            for (Class<?> c = spec.userObject().getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
                classes.add(c.getName());
            }
        }
        if (spec.versionProvider() != null) {
            classes.add(spec.versionProvider().getClass().getName());
        }
        spec.mixins().values().forEach(m -> collect(m, classes));
        spec.argGroups().forEach(g -> collect(g, classes));
        spec.subcommands().values().forEach(sub -> collect(sub.getCommandSpec(), classes));
    }

    private static void collect(ArgGroupSpec group, Set<String> classes) {
        if (group.typeInfo() != null && group.typeInfo().getType() != null) {
            classes.add(group.typeInfo().getType().getName());
        }
        group.subgroups().forEach(g -> collect(g, classes));
    }

    private static ArrayNode config(Set<String> classes) {
        ArrayNode array = JSON.createArrayNode();
        for (String name : classes) {
            ObjectNode entry = array.addObject();
            entry.put("name", name);
            entry.put("allDeclaredConstructors", true);
            entry.put("allDeclaredFields", true);
            entry.put("allDeclaredMethods", true);
        }
        return array;
    }
}
