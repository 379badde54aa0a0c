package org.shahed.media.inspect;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Whether a ZIP that looks like an office document by its first bytes is one. Magic bytes only see the name of a
 * ZIP's first entry ({@code [Content_Types].xml}, or {@code mimetype}), which any archive can carry; here the
 * document's own declaration is read and its main part must be there: a Word, Excel or PowerPoint document
 * (macro-free) whose {@code [Content_Types].xml} names its main part, or an OpenDocument text whose
 * {@code mimetype} says so and which has its content. (Apache POI's detector does this and much more, at the cost
 * of a large dependency for one check.)
 */
public final class OfficeDocuments {
    private static final String OOXML = "application/x-tika-ooxml";
    private static final String ODT = "application/vnd.oasis.opendocument.text";
    /** The main parts of the documents kept (their macro-enabled variants have other content types). */
    private static final Set<String> MAIN_PARTS = Set.of(
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml");
    private static final int LARGEST_DECLARATION = 1024 * 1024;

    private OfficeDocuments() {
    }

    /** False for a file detected as an office document that does not hold one; true for anything else. */
    public static boolean whatTheySayTheyAre(Path file, String detected) {
        if (!OOXML.equals(detected) && !ODT.equals(detected)) {
            return true;
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return OOXML.equals(detected) ? isOfficeOpenXml(zip) : isOpenDocumentText(zip);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean isOfficeOpenXml(ZipFile zip) throws IOException {
        byte[] declaration = read(zip, "[Content_Types].xml");
        if (declaration == null || zip.stream().anyMatch(entry -> entry.getName().toLowerCase().endsWith("vbaproject.bin"))) {
            return false;
        }
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            NodeList overrides = factory.newDocumentBuilder().parse(new ByteArrayInputStream(declaration))
                    .getElementsByTagNameNS("*", "Override");
            for (int i = 0; i < overrides.getLength(); i++) {
                Element override = (Element) overrides.item(i);
                String part = override.getAttribute("PartName");
                if (MAIN_PARTS.contains(override.getAttribute("ContentType")) && part.startsWith("/")
                        && zip.getEntry(part.substring(1)) != null) {
                    return true;
                }
            }
            return false;
        } catch (ParserConfigurationException | SAXException e) {
            return false;
        }
    }

    private static boolean isOpenDocumentText(ZipFile zip) throws IOException {
        byte[] mimetype = read(zip, "mimetype");
        return mimetype != null && ODT.equals(new String(mimetype, StandardCharsets.US_ASCII).strip())
                && zip.getEntry("content.xml") != null;
    }

    /** An entry's bytes, or null when it is missing or larger than a declaration can be. */
    private static byte[] read(ZipFile zip, String name) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            return null;
        }
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] bytes = in.readNBytes(LARGEST_DECLARATION + 1);
            return bytes.length > LARGEST_DECLARATION ? null : bytes;
        }
    }
}
