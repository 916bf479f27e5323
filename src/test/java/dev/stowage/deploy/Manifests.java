package dev.stowage.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The Kubernetes objects a kustomization directory applies, parsed into fabric8's Kubernetes model: the
 * {@code resources} of {@code kustomization.yaml}, followed into sub-directories, every YAML document typed by its
 * {@code apiVersion} and {@code kind}. A kind not known here or a field the model does not know (a typo such as
 * {@code readinesProbe}) is an error, as {@code kubectl apply} would report it.
 */
final class Manifests {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "v1/ConfigMap", ConfigMap.class,
            "v1/Secret", Secret.class,
            "v1/Service", Service.class,
            "v1/PersistentVolumeClaim", PersistentVolumeClaim.class,
            "apps/v1/Deployment", Deployment.class,
            "apps/v1/StatefulSet", StatefulSet.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class);

    private final List<HasMetadata> objects = new ArrayList<>();
    private final Set<Path> files = new LinkedHashSet<>();
    private final List<String> unknownFields = new ArrayList<>();

    private Manifests() {}

    /** Everything {@code kubectl apply -k dir} would apply. */
    static Manifests load(Path dir) {
        Manifests m = new Manifests();
        m.loadKustomization(dir.normalize());
        return m;
    }

    /** The files read: kustomization.yaml files and the resources they name. */
    Set<Path> files() {
        return files;
    }

    /** Fields the Kubernetes model does not know, as {@code file: Kind/name: path.to.field}. */
    List<String> unknownFields() {
        return unknownFields;
    }

    <T extends HasMetadata> List<T> all(Class<T> kind) {
        return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    <T extends HasMetadata> T one(Class<T> kind, String name) {
        return all(kind).stream().filter(o -> name.equals(o.getMetadata().getName())).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no " + kind.getSimpleName() + " named " + name));
    }

    private void loadKustomization(Path dir) {
        Path file = dir.resolve("kustomization.yaml");
        files.add(file);
        JsonNode kustomization = read(file).get(0);
        for (JsonNode resource : kustomization.path("resources")) {
            Path target = dir.resolve(resource.asText()).normalize();
            if (Files.isDirectory(target)) {
                loadKustomization(target);
            } else {
                loadResources(target);
            }
        }
    }

    private void loadResources(Path file) {
        files.add(file);
        for (JsonNode doc : read(file)) {
            String type = doc.path("apiVersion").asText() + "/" + doc.path("kind").asText();
            Class<? extends HasMetadata> kind = KINDS.get(type);
            if (kind == null) {
                throw new IllegalArgumentException(file + ": a kind these tests do not know: " + type);
            }
            try {
                HasMetadata object = JSON.treeToValue(doc, kind);
                collectUnknownFields(object, file + ": " + doc.path("kind").asText() + "/"
                        + object.getMetadata().getName() + ": ", "");
                objects.add(object);
            } catch (IOException e) {
                throw new UncheckedIOException(file + ": " + e.getMessage(), e);
            }
        }
    }

    private static List<JsonNode> read(Path file) {
        try (var parser = YAML.createParser(file.toFile())) {
            List<JsonNode> docs = new ArrayList<>();
            YAML.readValues(parser, JsonNode.class).forEachRemaining(doc -> {
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    docs.add(doc);
                }
            });
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Walks the model objects: whatever landed in an {@code additionalProperties} map is a field the model lacks. */
    private void collectUnknownFields(Object value, String where, String path) {
        if (value == null) {
            return;
        }
        if (value instanceof Collection<?> list) {
            int i = 0;
            for (Object element : list) {
                collectUnknownFields(element, where, path + "[" + i++ + "]");
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> collectUnknownFields(v, where, path + "." + k));
            return;
        }
        if (!value.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object child;
            try {
                child = getter.invoke(value);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            String field = decapitalize(getter.getName().substring(3));
            if (getter.getName().equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> extra) {
                    extra.keySet().forEach(k -> unknownFields.add(where + path + "." + k));
                }
            } else if (child instanceof Collection<?> || child instanceof Map<?, ?>
                    || (child != null && child.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model"))) {
                collectUnknownFields(child, where, path + "." + field);
            }
        }
    }

    private static String decapitalize(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
