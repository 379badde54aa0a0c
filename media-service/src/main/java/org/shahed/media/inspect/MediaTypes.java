package org.shahed.media.inspect;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.tika.Tika;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypes;

/**
 * What a file is, from its bytes (Tika's magic numbers), never from the name or the Content-Type the client sent;
 * and whether Shahed keeps that kind of file: images, video, audio, PDF and office documents. Anything else
 * (executables, scripts, archives, unknown bytes) is refused, and so are the legacy binary Office formats (OLE2
 * containers hold anything their magic bytes do not tell apart; their content is not checked here). Office
 * documents, which are ZIP containers, are checked for what they hold by {@link OfficeDocuments}.
 */
public final class MediaTypes {
    private static final Tika TIKA = new Tika();
    private static final MediaTypeRegistry REGISTRY = MimeTypes.getDefaultMimeTypes().getMediaTypeRegistry();

    /** Allowed detected types and the kind each is filed as. */
    private static final Map<String, String> ALLOWED = Map.ofEntries(
            Map.entry("image/jpeg", "image"), Map.entry("image/png", "image"), Map.entry("image/gif", "image"),
            Map.entry("image/webp", "image"), Map.entry("image/tiff", "image"), Map.entry("image/heic", "image"),
            Map.entry("image/heif", "image"), Map.entry("image/bmp", "image"),
            Map.entry("video/mp4", "video"), Map.entry("video/quicktime", "video"), Map.entry("video/webm", "video"),
            Map.entry("video/x-m4v", "video"), Map.entry("video/x-matroska", "video"), Map.entry("video/3gpp", "video"), Map.entry("video/x-msvideo", "video"),
            Map.entry("audio/mpeg", "audio"), Map.entry("audio/mp4", "audio"), Map.entry("audio/ogg", "audio"),
            Map.entry("audio/vnd.wave", "audio"), Map.entry("audio/x-wav", "audio"), Map.entry("audio/opus", "audio"),
            Map.entry("audio/amr", "audio"), Map.entry("audio/x-m4a", "audio"),
            Map.entry("application/pdf", "document"), Map.entry("application/x-tika-ooxml", "document"),
            Map.entry("application/rtf", "document"),
            Map.entry("application/vnd.oasis.opendocument.text", "document"));

    /**
     * The ISO base media file family: magic numbers cannot always tell its members apart (an "isom" MP4 reads as
     * QuickTime), so a file declared as one and detected as another is not a mismatch.
     */
    private static final Set<String> ISO_MEDIA = Set.of("video/mp4", "video/quicktime", "video/x-m4v", "video/3gpp",
            "audio/mp4", "audio/x-m4a");

    private MediaTypes() {
    }

    /** What the bytes of {@code file} are, e.g. {@code image/jpeg}; {@code application/octet-stream} if unknown. */
    public static String detect(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return MediaType.parse(TIKA.detect(in)).getBaseType().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The types of file that are kept, for clients told their file is not one of them. */
    public static String accepted() {
        return ALLOWED.keySet().stream().filter(type -> !type.contains("x-tika"))
                .map(type -> type.equals("application/vnd.oasis.opendocument.text") ? type
                        + ", application/vnd.openxmlformats-officedocument.* (docx, xlsx, pptx)" : type)
                .sorted().collect(Collectors.joining(", "));
    }

    /** The kind (image, video, audio, document) of an allowed type, or empty when such files are not kept. */
    public static Optional<String> kind(String detected) {
        return Optional.ofNullable(ALLOWED.get(detected));
    }

    /**
     * Whether what the client declared is compatible with what the bytes are: the same type, an alias or a
     * specialisation of it, or nothing more than "some bytes". Office documents detected generically accept
     * any office type.
     */
    public static boolean compatible(String declared, String detected) {
        if (declared == null || declared.isBlank()) {
            return true;
        }
        MediaType said = MediaType.parse(declared);
        if (said == null) {
            return false;
        }
        MediaType saidBase = REGISTRY.normalize(said.getBaseType());
        MediaType found = REGISTRY.normalize(MediaType.parse(detected));
        if (saidBase.equals(MediaType.OCTET_STREAM) || saidBase.equals(found)
                || ISO_MEDIA.contains(saidBase.toString()) && ISO_MEDIA.contains(found.toString())) {
            return true;
        }
        if (REGISTRY.isSpecializationOf(saidBase, found) || REGISTRY.isSpecializationOf(found, saidBase)) {
            return true;
        }
        return detected.startsWith("application/x-tika-") && (saidBase.getSubtype().startsWith("vnd.openxmlformats")
                || saidBase.getSubtype().startsWith("vnd.ms-") || saidBase.getSubtype().equals("msword"));
    }
}
