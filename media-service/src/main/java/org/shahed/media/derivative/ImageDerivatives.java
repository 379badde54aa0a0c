package org.shahed.media.derivative;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Thumbnails and previews of photos, re-encoded from the pixels alone: the new JPEG carries no EXIF, XMP or GPS
 * of the original, so a shared copy cannot give away where or with what device it was taken. Large photos are
 * decoded subsampled, so a 40-megapixel original never needs its full pixels in memory; a photo that declares
 * more pixels than the budget gets no copies at all (decided from its header, before decoding: a progressive JPEG
 * is decoded whole whatever the subsampling, and a forged header could claim any size).
 */
public final class ImageDerivatives {
    public static final String MEDIA_TYPE = "image/jpeg";

    /** A made copy: its kind, JPEG bytes and size in pixels. */
    public record Made(String kind, byte[] jpeg, int width, int height) {
    }

    private record Size(String kind, int longestSide) {
    }

    private static final List<Size> SIZES = List.of(new Size("thumbnail", 320), new Size("preview", 1280));

    private ImageDerivatives() {
    }

    /**
     * The copies of an image, or none when the format cannot be decoded here or the image has more than
     * {@code maxPixels} (the original stays as it is).
     */
    public static List<Made> of(Path original, long maxPixels) throws IOException {
        List<Made> made = new ArrayList<>();
        for (Size size : SIZES) {
            BufferedImage decoded = decode(original, size.longestSide(), maxPixels);
            if (decoded == null) {
                return List.of();
            }
            BufferedImage scaled = scale(decoded, size.longestSide());
            made.add(new Made(size.kind(), jpeg(scaled), scaled.getWidth(), scaled.getHeight()));
        }
        return made;
    }

    private static BufferedImage decode(Path file, int longestSide, long maxPixels) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if ((long) width * height > maxPixels) {
                    return null;
                }
                int step = Math.max(1, Math.max(width, height) / (longestSide * 2));
                ImageReadParam param = reader.getDefaultReadParam();
                param.setSourceSubsampling(step, step, 0, 0);
                return reader.read(0, param);
            } finally {
                reader.dispose();
            }
        }
    }

    private static BufferedImage scale(BufferedImage image, int longestSide) {
        double factor = Math.min(1.0, (double) longestSide / Math.max(image.getWidth(), image.getHeight()));
        int width = Math.max(1, (int) Math.round(image.getWidth() * factor));
        int height = Math.max(1, (int) Math.round(image.getHeight() * factor));
        BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scaled.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return scaled;
    }

    /** JPEG of the pixels only: no metadata is handed to the writer, so none is written. */
    private static byte[] jpeg(BufferedImage image) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.85f);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
