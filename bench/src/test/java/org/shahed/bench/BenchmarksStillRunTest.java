package org.shahed.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every benchmark, run at a tiny size so that one broken by a change fails the build instead of the next person who
 * runs it (the aggregates benchmark once failed for weeks unnoticed). The figures of such small runs mean nothing
 * and are not judged: only that the benchmark runs to its end and prints its result line.
 */
class BenchmarksStillRunTest {
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "import, 500, ratio import/COPY",
            "aggregates, 5000, ratio GROUP BY/API",
            "dedup, 300, F1",
            "event-latency, 20, ratio p50 effect/Kafka",
            "gateway-latency, 200, ratio p50 gateway/direct",
            "load, 2, answers other than 2xx after clients aborted",
            "media, 8, ratio download/raw get",
            "exports, 300 3, every service ran with -Xmx256m" })
    void runsToItsEnd(String benchmark, String size, String resultLine) throws Exception {
        System.setProperty("shahed.root", Path.of("").toAbsolutePath().getParent().toString());
        PrintStream console = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(new TeeStream(console, printed), true, StandardCharsets.UTF_8));
        try {
            String[] sizes = size.split(" ");
            String[] args = new String[1 + sizes.length];
            args[0] = benchmark;
            System.arraycopy(sizes, 0, args, 1, sizes.length);
            Benchmarks.main(args);
        } finally {
            System.setOut(console);
        }
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains(resultLine).contains("| path | the suite |");
    }

    /** What the benchmark prints, shown as it runs and kept for the check. */
    private static final class TeeStream extends java.io.OutputStream {
        private final PrintStream console;
        private final ByteArrayOutputStream kept;

        TeeStream(PrintStream console, ByteArrayOutputStream kept) {
            this.console = console;
            this.kept = kept;
        }

        @Override
        public void write(int b) {
            console.write(b);
            kept.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            console.write(bytes, offset, length);
            kept.write(bytes, offset, length);
        }
    }
}
