package org.shahed.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A real server running in a JVM of its own, with its output in a log file. Separate processes keep the
 * servers' libraries off the class path of the application under test, and let tests stop and restart them.
 */
final class ServerProcess {
    private final String name;
    private final List<String> command;
    private final Path workDir;
    private final Path logFile;
    private Process process;

    private ServerProcess(String name, List<String> command, Path workDir, Path logFile) {
        this.name = name;
        this.command = command;
        this.workDir = workDir;
        this.logFile = logFile;
    }

    /** A JVM running {@code mainClass} on the class path listed in a resource of shahed-server-runtimes. */
    static ServerProcess java(String name, String classpathResource, List<String> jvmOptions, String mainClass,
            List<String> args, Path workDir, Path logFile) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(runtimeClasspath(classpathResource));
        command.add(mainClass);
        command.addAll(args);
        return new ServerProcess(name, command, workDir, logFile);
    }

    /** A JVM started with {@code javaArgs} (options, then {@code -jar} or a main class and its arguments). */
    static ServerProcess command(String name, List<String> javaArgs, Path workDir, Path logFile) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(javaArgs);
        return new ServerProcess(name, command, workDir, logFile);
    }

    /** Runs to completion (e.g. a formatting tool) and fails with the log's tail if it does not exit 0. */
    void runToCompletion(Duration timeout) {
        start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw failure("did not finish within " + timeout);
            }
            if (process.exitValue() != 0) {
                throw failure("exited with " + process.exitValue());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(name + " interrupted", e);
        }
    }

    void start() {
        try {
            Files.createDirectories(logFile.getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** Waits until {@code ready} holds, failing early with the log's tail if the process dies. */
    void awaitReady(BooleanSupplier ready, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw failure("exited with " + process.exitValue() + " before it was ready");
            }
            if (ready.getAsBoolean()) {
                return;
            }
            sleep(Duration.ofMillis(200));
        }
        stop(Duration.ofSeconds(5));
        throw failure("was not ready within " + timeout);
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** Kills the server at once (SIGKILL), as a crash or an out-of-memory kill would. */
    void kill() {
        if (process == null || !process.isAlive()) {
            return;
        }
        try {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Asks the server to shut down cleanly (SIGTERM), and kills it if it takes longer than {@code grace}. */
    void stop(Duration grace) {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    Path logFile() {
        return logFile;
    }

    private IllegalStateException failure(String what) {
        return new IllegalStateException(name + " " + what + "; last lines of " + logFile + ":\n" + tail(logFile, 40));
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String runtimeClasspath(String resource) {
        String path = "/org/shahed/infra/" + resource;
        try (InputStream in = ServerProcess.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " missing: build deploy/server-runtimes first");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
