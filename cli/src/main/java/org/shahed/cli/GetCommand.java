package org.shahed.cli;

import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code shahed get incident|dossier|counts ID}, {@code shahed get aggregates --query ...}: the common reads. */
@Command(name = "get", mixinStandardHelpOptions = true,
        description = "Reads one thing as the API answers it: an incident, its whole dossier, its casualty counts (with"
                + " its ID), or casualty aggregates (with --query groupBy=sex --query outcome=killed ...). JSON by"
                + " default; --output table or csv lays the items (or the object) out in columns.")
class GetCommand extends ApiCommand {
    enum What { incident, dossier, counts, aggregates, signing_keys }

    @Parameters(index = "0", paramLabel = "WHAT", description = "incident, dossier, counts, aggregates or signing_keys"
            + " (the public keys that verify dossier packets)")
    What what;

    @Parameters(index = "1", arity = "0..1", paramLabel = "ID", description = "The incident's id (not for aggregates)")
    UUID id;

    @Option(names = "--query", paramLabel = "NAME=VALUE", description = "A parameter of the read (repeatable)")
    Map<String, String> query = Map.of();

    @Option(names = "--packet", paramLabel = "FILE", description = "With dossier: save its signed packet (ZIP) to FILE instead")
    java.nio.file.Path packet;

    @Override
    int run(Gateway gateway) throws Exception {
        boolean needsId = what != What.aggregates && what != What.signing_keys;
        if (needsId != (id != null)) {
            throw new Connection.Misconfigured(needsId ? what + " needs the incident's ID" : what + " takes no ID");
        }
        if (packet != null) {
            if (what != What.dossier) {
                throw new Connection.Misconfigured("--packet goes with get dossier");
            }
            var answer = gateway.send(gateway.request("/api/v1/incidents/" + id + "/dossier/packet").setHeader("Accept", "application/zip")
                    .GET(), true, java.net.http.HttpResponse.BodyHandlers.ofInputStream());
            try (var in = answer.body()) {
                WholeFiles.copy(in, packet);
            }
            if (!connection.quiet) {
                out().println("dossier packet saved to " + packet + "; check it with: shahed verify " + packet);
                out().flush();
            }
            return ExitCodes.OK;
        }
        String path = switch (what) {
        case incident -> "/api/v1/incidents/" + id;
        case dossier -> "/api/v1/incidents/" + id + "/dossier";
        case counts -> "/api/v1/casualty-counts/" + id;
        case aggregates -> "/api/v1/casualty-aggregates";
        case signing_keys -> "/api/v1/dossier-signing-keys";
        };
        connection.json();
        JsonNode answer = gateway.get(path + Gateway.query(query));
        if ("table".equals(connection.output) || "csv".equals(connection.output)) {
            Tables.print(answer, connection.output, out());
        } else {
            printJson(answer);
        }
        return ExitCodes.OK;
    }
}
