package org.shahed.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import picocli.CommandLine.Option;

/**
 * Where the gateway is and who calls it: flags first, then the environment ({@code SHAHED_URL},
 * {@code SHAHED_API_KEY}, {@code SHAHED_TOKEN}), then a profile file ({@code ~/.config/shahed/<profile>.properties}
 * with {@code url}, {@code api-key}, {@code token}; {@code $XDG_CONFIG_HOME/shahed/} where that is set), which must
 * be readable by its owner only.
 */
public class Connection {
    @Option(names = "--url", paramLabel = "URL", description = "The gateway, e.g. https://api.example.org (env SHAHED_URL)")
    String url;

    @Option(names = "--api-key", paramLabel = "KEY", description = "An API key (env SHAHED_API_KEY)")
    String apiKey;

    @Option(names = "--token", paramLabel = "JWT", description = "A bearer token instead of a key (env SHAHED_TOKEN)")
    String token;

    @Option(names = "--profile", paramLabel = "NAME", description = "Profile file ~/.config/shahed/NAME.properties (env SHAHED_PROFILE; default: default)")
    String profile;

    @Option(names = { "-q", "--quiet" }, description = "Nothing but results and errors: no progress, no notes")
    boolean quiet;

    @Option(names = { "-o", "--output" }, paramLabel = "FORMAT",
            description = "text (default), json; for get: json (default), table or csv")
    String output = "text";

    /** A usage or configuration mistake, reported with exit code 2. */
    public static class Misconfigured extends RuntimeException {
        public Misconfigured(String message) {
            super(message);
        }
    }

    boolean json() {
        if (!List.of("text", "json", "table", "csv").contains(output)) {
            throw new Misconfigured("--output is text, json, table or csv, not " + output);
        }
        return "json".equals(output);
    }

    /** The gateway client for these settings. */
    public Gateway gateway(java.io.PrintWriter notes) {
        Properties file = profile();
        String base = first(url, System.getenv("SHAHED_URL"), file.getProperty("url"));
        if (base == null) {
            throw new Misconfigured("no gateway: pass --url, set SHAHED_URL or put url= in the profile");
        }
        String key = first(apiKey, System.getenv("SHAHED_API_KEY"), file.getProperty("api-key"));
        String bearer = first(token, System.getenv("SHAHED_TOKEN"), file.getProperty("token"));
        if (key == null && bearer == null) {
            throw new Misconfigured("no credentials: pass --api-key or --token, set SHAHED_API_KEY or SHAHED_TOKEN, or"
                    + " put api-key= or token= in the profile");
        }
        return new Gateway(URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base), key,
                key == null ? bearer : null, quiet ? null : notes);
    }

    private Properties profile() {
        String name = first(profile, System.getenv("SHAHED_PROFILE"), "default");
        Path file = folder("XDG_CONFIG_HOME", ".config").resolve(name + ".properties");
        Properties properties = new Properties();
        if (!Files.exists(file)) {
            if (profile != null) {
                throw new Misconfigured("no profile " + file);
            }
            return properties;
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                throw new Misconfigured("profile " + file + " holds credentials and is readable by others: chmod 600 it");
            }
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: nothing to check
        }
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new Misconfigured("profile " + file + " cannot be read: " + e.getMessage());
        }
        return properties;
    }

    /**
     * The CLI's folder of one kind, as command-line tools find theirs: {@code $XDG_..._HOME/shahed}, else
     * {@code $HOME/<dot folder>/shahed} (the environment's home, which the JVM's {@code user.home} may not be).
     */
    static Path folder(String xdgVariable, String dotFolder) {
        String xdg = System.getenv(xdgVariable);
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "shahed");
        }
        String home = System.getenv("HOME");
        return Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"), dotFolder, "shahed");
    }

    private static String first(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
