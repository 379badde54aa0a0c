package org.shahed.media.inspect;

import java.text.Normalizer;

/** File names as clients send them, made safe to store and to show: no paths, no control characters. */
public final class FileNames {
    private static final int MAX_LENGTH = 200;

    private FileNames() {
    }

    /**
     * The last path segment only (so {@code ../../etc/passwd} is {@code passwd}), without control or reserved
     * characters, trimmed of dots and spaces, at most 200 characters; {@code upload} when nothing is left.
     */
    public static String sanitise(String name) {
        if (name == null) {
            return "upload";
        }
        String text = Normalizer.normalize(name, Normalizer.Form.NFC);
        int slash = Math.max(text.lastIndexOf('/'), text.lastIndexOf('\\'));
        text = text.substring(slash + 1);
        StringBuilder kept = new StringBuilder();
        text.codePoints().filter(c -> !Character.isISOControl(c) && "<>:\"|?*".indexOf(c) < 0
                && Character.getType(c) != Character.FORMAT)
                .forEach(kept::appendCodePoint);
        String safe = kept.toString().strip().replaceAll("^[.\\s]+|[.\\s]+$", "");
        if (safe.length() > MAX_LENGTH) {
            safe = safe.substring(safe.length() - MAX_LENGTH);
        }
        return safe.isEmpty() ? "upload" : safe;
    }
}
