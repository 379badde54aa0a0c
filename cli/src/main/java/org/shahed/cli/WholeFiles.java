package org.shahed.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Files written whole or not at all: through a sibling {@code .part} file moved over the target at the end, so a
 * reader (or a cron run that follows a killed one) sees the old file or the new one, never half of one.
 */
final class WholeFiles {
    /** What writes the content, into the file it is given. */
    interface Writing {
        void into(Path partial) throws IOException;
    }

    private WholeFiles() {
    }

    static void replace(Path target, Writing writing) throws IOException {
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        writing.into(partial);
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static void write(Path target, byte[] content) throws IOException {
        replace(target, partial -> Files.write(partial, content));
    }

    /** The rest of {@code in}, streamed to {@code target}. */
    static void copy(InputStream in, Path target) throws IOException {
        replace(target, partial -> Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING));
    }
}
