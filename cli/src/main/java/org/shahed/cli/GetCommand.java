package org.shahed.cli;

import java.util.UUID;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code shahed get incident|dossier|counts ID}: the common reads, as JSON. */
@Command(name = "get", mixinStandardHelpOptions = true,
        description = "Reads one thing as the API answers it (JSON): an incident, its whole dossier, its casualty counts.")
class GetCommand extends ApiCommand {
    enum What { incident, dossier, counts }

    @Parameters(index = "0", paramLabel = "WHAT", description = "incident, dossier or counts")
    What what;

    @Parameters(index = "1", paramLabel = "ID", description = "The incident's id")
    UUID id;

    @Override
    int run(Gateway gateway) throws Exception {
        String path = switch (what) {
        case incident -> "/api/v1/incidents/" + id;
        case dossier -> "/api/v1/incidents/" + id + "/dossier";
        case counts -> "/api/v1/casualty-counts/" + id;
        };
        printJson(gateway.get(path));
        return ExitCodes.OK;
    }
}
