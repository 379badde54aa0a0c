package org.shahed.media.inspect;

import java.io.IOException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TimeZone;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.lang.GeoLocation;
import com.drew.lang.Rational;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;
import com.drew.metadata.jpeg.JpegDirectory;
import com.drew.metadata.mov.QuickTimeDirectory;
import com.drew.metadata.mp4.Mp4Directory;
import com.drew.metadata.mp4.media.Mp4VideoDirectory;
import com.drew.metadata.png.PngDirectory;

/**
 * What the file says of itself (EXIF, XMP, QuickTime/MP4 boxes): capture time, device, GPS position, dimensions,
 * duration. Read with metadata-extractor; a file it cannot read simply has none, with the reason noted.
 *
 * <p>An EXIF capture time is the device clock's local time; only EXIF 2.31's offset tag says which zone it was.
 * With the offset the instant is known; without it the local time is kept as it is ({@code capturedLocal}) and
 * the zone said to be unknown, never guessed as UTC.
 */
public record EmbeddedMetadata(Instant capturedAt, LocalDateTime capturedLocal, Double latitude, Double longitude,
        Map<String, Object> fields) {

    public static EmbeddedMetadata read(Path file) {
        Metadata metadata;
        try {
            metadata = ImageMetadataReader.readMetadata(file.toFile());
        } catch (ImageProcessingException | IOException | RuntimeException e) {
            return new EmbeddedMetadata(null, null, null, null, Map.of("unreadable", String.valueOf(e.getMessage())));
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        Instant captured = null;
        LocalDateTime capturedLocal = null;
        ExifSubIFDDirectory exif = metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
        if (exif != null) {
            // Parsed as if UTC only to read the wall-clock fields back: the result is a local time.
            Date original = exif.getDate(ExifSubIFDDirectory.TAG_DATETIME_ORIGINAL, TimeZone.getTimeZone("UTC"));
            if (original != null) {
                capturedLocal = LocalDateTime.ofInstant(original.toInstant(), ZoneOffset.UTC);
                ZoneOffset offset = offset(exif.getString(ExifSubIFDDirectory.TAG_TIME_ZONE_ORIGINAL));
                if (offset != null) {
                    captured = capturedLocal.toInstant(offset);
                    fields.put("captureTimeZone", offset.getId());
                } else {
                    fields.put("captureTimeZone", "unknown");
                }
            }
        }
        ExifIFD0Directory camera = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
        if (camera != null) {
            put(fields, "make", camera.getString(ExifIFD0Directory.TAG_MAKE));
            put(fields, "model", camera.getString(ExifIFD0Directory.TAG_MODEL));
            put(fields, "software", camera.getString(ExifIFD0Directory.TAG_SOFTWARE));
        }
        JpegDirectory jpeg = metadata.getFirstDirectoryOfType(JpegDirectory.class);
        PngDirectory png = metadata.getFirstDirectoryOfType(PngDirectory.class);
        Mp4VideoDirectory video = metadata.getFirstDirectoryOfType(Mp4VideoDirectory.class);
        if (jpeg != null) {
            dimensions(fields, jpeg, JpegDirectory.TAG_IMAGE_WIDTH, JpegDirectory.TAG_IMAGE_HEIGHT);
        } else if (png != null) {
            dimensions(fields, png, PngDirectory.TAG_IMAGE_WIDTH, PngDirectory.TAG_IMAGE_HEIGHT);
        } else if (video != null) {
            dimensions(fields, video, Mp4VideoDirectory.TAG_WIDTH, Mp4VideoDirectory.TAG_HEIGHT);
        }
        duration(fields, metadata.getFirstDirectoryOfType(Mp4Directory.class), Mp4Directory.TAG_DURATION_SECONDS);
        duration(fields, metadata.getFirstDirectoryOfType(QuickTimeDirectory.class), QuickTimeDirectory.TAG_DURATION_SECONDS);
        Double latitude = null;
        Double longitude = null;
        GpsDirectory gps = metadata.getFirstDirectoryOfType(GpsDirectory.class);
        if (gps != null) {
            GeoLocation location = gps.getGeoLocation();
            if (location != null && !location.isZero()) {
                latitude = location.getLatitude();
                longitude = location.getLongitude();
            }
        }
        return new EmbeddedMetadata(captured, capturedLocal, latitude, longitude, fields);
    }

    /** An EXIF offset such as {@code +03:00}; absent or malformed (devices write blanks): unknown. */
    private static ZoneOffset offset(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return ZoneOffset.of(value.strip());
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static void put(Map<String, Object> fields, String name, String value) {
        if (value != null && !value.isBlank()) {
            fields.put(name, value.strip());
        }
    }

    private static void dimensions(Map<String, Object> fields, Directory directory, int widthTag, int heightTag) {
        Integer width = directory.getInteger(widthTag);
        Integer height = directory.getInteger(heightTag);
        if (width != null && height != null && width > 0 && height > 0) {
            fields.put("width", width);
            fields.put("height", height);
        }
    }

    private static void duration(Map<String, Object> fields, Directory directory, int tag) {
        if (directory != null && !fields.containsKey("durationSeconds")) {
            Rational seconds = directory.getRational(tag);
            if (seconds != null && seconds.doubleValue() > 0) {
                fields.put("durationSeconds", Math.round(seconds.doubleValue() * 1000) / 1000.0);
            }
        }
    }
}
