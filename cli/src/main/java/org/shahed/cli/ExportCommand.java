package org.shahed.cli;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code shahed export casualties|incidents}: a whole export streamed from the gateway to a file (written whole or
 * not at all) or to standard output, filtered as the API filters it.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Streams an export: casualties as csv or ndjson, incidents as csv or geojson, filtered with"
                + " --filter name=value (the list endpoint's parameters, e.g. incidentId=..., governorate=SY09).")
class ExportCommand extends ApiCommand {
    private static final Map<String, List<String>> FORMATS = Map.of("casualties", List.of("csv", "ndjson"),
            "incidents", List.of("csv", "geojson"));

    @Parameters(paramLabel = "KIND", description = "casualties or incidents")
    String kind;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "csv", description = "csv (default), ndjson, geojson")
    String format;

    @Option(names = "--hxl", description = "CSV: add the HXL hashtag row under the header")
    boolean hxl;

    @Option(names = "--filter", paramLabel = "NAME=VALUE", description = "A filter of the export (repeatable)")
    Map<String, String> filters = Map.of();

    @Option(names = "--to", paramLabel = "FILE", description = "Write to this file (default: standard output)")
    Path to;

    @Override
    int run(Gateway gateway) throws Exception {
        if (!FORMATS.containsKey(kind) || !FORMATS.get(kind).contains(format)) {
            throw new Connection.Misconfigured("exports are casualties as csv or ndjson, incidents as csv or geojson");
        }
        Map<String, String> parameters = new java.util.LinkedHashMap<>(filters);
        if (hxl) {
            parameters.put("hxl", "true");
        }
        HttpResponse<InputStream> answer = gateway.send(gateway.request("/api/v1/" + kind + "/export." + format
                + Gateway.query(parameters)).setHeader("Accept", "*/*").GET(), true, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = answer.body()) {
            if (to == null) {
                OutputStream out = System.out;
                in.transferTo(out);
                out.flush();
            } else {
                WholeFiles.copy(in, to);
            }
        }
        return ExitCodes.OK;
    }
}
