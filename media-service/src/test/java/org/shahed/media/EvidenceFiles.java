package org.shahed.media;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import javax.imageio.ImageIO;

import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.tiff.constants.ExifTagConstants;
import org.apache.commons.imaging.formats.tiff.constants.TiffDirectoryType;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;
import org.apache.commons.imaging.formats.tiff.taginfos.TagInfoAscii;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputDirectory;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;

/** The kinds of evidence of the Al Qouriyah report, made in memory: a photo with EXIF GPS, a short video, a PDF. */
final class EvidenceFiles {
    /** Al Qouriyah, Deir ez-Zor governorate (approximately). */
    static final double LATITUDE = 35.0236;
    static final double LONGITUDE = 40.4470;

    private EvidenceFiles() {
    }

    /** EXIF 2.31's OffsetTimeOriginal, which commons-imaging does not name. */
    private static final TagInfoAscii OFFSET_TIME_ORIGINAL = new TagInfoAscii("OffsetTimeOriginal", 0x9011, 7,
            TiffDirectoryType.EXIF_DIRECTORY_EXIF_IFD);

    /**
     * A JPEG photo (unique per seed) whose EXIF carries the capture time (local, as cameras write it, with no zone),
     * the camera and a GPS position.
     */
    static byte[] photoWithGps(long seed) throws Exception {
        return photoWithGps(seed, null);
    }

    /** The same, with the capture time's UTC offset (e.g. {@code +03:00}) as recent phones write it. */
    static byte[] photoWithGps(long seed, String offset) throws Exception {
        BufferedImage image = new BufferedImage(1600, 1200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        Random random = new Random(seed);
        g.setPaint(new GradientPaint(0, 0, new Color(random.nextInt(0xFFFFFF)), 1600, 1200, new Color(random.nextInt(0xFFFFFF))));
        g.fillRect(0, 0, 1600, 1200);
        g.dispose();
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", plain);
        TiffOutputSet exif = new TiffOutputSet();
        TiffOutputDirectory root = exif.getOrCreateRootDirectory();
        root.add(TiffTagConstants.TIFF_TAG_MAKE, "Shahed Test Camera");
        TiffOutputDirectory sub = exif.getOrCreateExifDirectory();
        sub.add(ExifTagConstants.EXIF_TAG_DATE_TIME_ORIGINAL, "2016:06:25 09:42:10");
        if (offset != null) {
            sub.add(OFFSET_TIME_ORIGINAL, offset);
        }
        exif.setGpsInDegrees(LONGITUDE, LATITUDE);
        ByteArrayOutputStream tagged = new ByteArrayOutputStream();
        new ExifRewriter().updateExifMetadataLossless(plain.toByteArray(), tagged, exif);
        return tagged.toByteArray();
    }

    /** The start of an MP4 file (ftyp box, brand mp42 as phones write) and media data: recognised as video/mp4. */
    static byte[] shortVideo(long seed) throws IOException {
        return video(seed, "mp42");
    }

    static byte[] video(long seed, String brand) throws IOException {
        return video(seed, brand, 200_000);
    }

    static byte[] video(long seed, String brand, int mediaBytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] { 0, 0, 0, 0x18, 'f', 't', 'y', 'p' });
        out.write(brand.getBytes(StandardCharsets.US_ASCII));
        out.write(new byte[] { 0, 0, 2, 0, 'i', 's', 'o', 'm', 'm', 'p', '4', '2' });
        byte[] payload = new byte[mediaBytes];
        new Random(seed).nextBytes(payload);
        out.write(new byte[] { 0, 3, 0x0d, 0x48, 'm', 'd', 'a', 't' });
        out.write(payload);
        return out.toByteArray();
    }

    /** A one-page PDF (a witness statement's scan, say). */
    static byte[] pdf(String text) {
        String content = "BT /F1 12 Tf 72 720 Td (" + text + ") Tj ET";
        String pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                + "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
                + "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >> endobj\n"
                + "4 0 obj << /Length " + content.length() + " >> stream\n" + content + "\nendstream endobj\n"
                + "trailer << /Root 1 0 R >>\n%%EOF\n";
        return pdf.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** An ELF executable's first bytes. */
    static byte[] executable() {
        byte[] bytes = new byte[4096];
        new Random(7).nextBytes(bytes);
        bytes[0] = 0x7f;
        bytes[1] = 'E';
        bytes[2] = 'L';
        bytes[3] = 'F';
        bytes[4] = 2;
        bytes[5] = 1;
        bytes[6] = 1;
        return bytes;
    }
}
