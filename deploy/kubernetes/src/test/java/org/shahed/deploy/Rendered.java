package org.shahed.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** The overlays of deploy/kubernetes as kustomize renders them (kubectl's), once per test run. */
final class Rendered {
    static final Path ROOT = Path.of("").toAbsolutePath().getParent().getParent();
    static final Path MANIFESTS = ROOT.resolve("deploy/kubernetes");
    private static final Map<String, List<JsonNode>> OVERLAYS = new HashMap<>();
    private static String kubectl;
    private static boolean looked;

    private Rendered() {
    }

    static synchronized List<JsonNode> overlay(String name) {
        return OVERLAYS.computeIfAbsent("overlays/" + name, Rendered::render);
    }

    /** Another kustomization of deploy/kubernetes (e.g. keycloak-realm). */
    static synchronized List<JsonNode> kustomization(String directory) {
        return OVERLAYS.computeIfAbsent(directory, Rendered::render);
    }

    static List<JsonNode> ofKind(String overlay, String kind) {
        return overlay(overlay).stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
    }

    private static List<JsonNode> render(String overlay) {
        try {
            Process render = new ProcessBuilder(kubectl(), "kustomize", MANIFESTS.resolve(overlay).toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = render.getInputStream().readAllBytes();
            if (!render.waitFor(1, TimeUnit.MINUTES) || render.exitValue() != 0) {
                throw new IllegalStateException("kubectl kustomize " + overlay + " failed");
            }
            List<JsonNode> documents = new ArrayList<>();
            try (var parser = new YAMLFactory().createParser(out)) {
                new YAMLMapper().readValues(parser, JsonNode.class).forEachRemaining(documents::add);
            }
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** kubectl on the PATH, else Debian's kubernetes-client installed by the project's script; null if neither. */
    static synchronized String kubectl() throws IOException, InterruptedException {
        if (looked) {
            return kubectl;
        }
        looked = true;
        for (String candidate : List.of("kubectl", "/usr/bin/kubectl")) {
            try {
                Process probe = new ProcessBuilder(candidate, "version", "--client").redirectErrorStream(true).start();
                probe.getInputStream().readAllBytes();
                if (probe.waitFor(1, TimeUnit.MINUTES) && probe.exitValue() == 0) {
                    return kubectl = candidate;
                }
            } catch (IOException absent) {
                // try the next, then install
            }
        }
        Process install = new ProcessBuilder("bash", MANIFESTS.resolve("install-kubectl.sh").toString()).redirectErrorStream(true).start();
        install.getInputStream().readAllBytes();
        kubectl = install.waitFor(10, TimeUnit.MINUTES) && install.exitValue() == 0 ? "/usr/bin/kubectl" : null;
        return kubectl;
    }
}
