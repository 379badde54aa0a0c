package org.shahed.cli;

import java.nio.file.Path;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code shahed jobs watch ID}: re-attaches to an import started with --detach (or by anyone). */
@Command(name = "jobs", description = "Import jobs.", subcommands = { JobsCommand.Watch.class }, mixinStandardHelpOptions = true)
class JobsCommand {

    @Command(name = "watch", mixinStandardHelpOptions = true,
            description = "Follows an import job to its end, as shahed import does; rejected rows go to --errors.")
    static class Watch extends ApiCommand {
        @Parameters(paramLabel = "ID", description = "The job's id")
        String id;

        @Option(names = "--errors", paramLabel = "FILE", description = "Where rejected rows go (default: import-ID.errors.csv)")
        Path errors;

        @Option(names = "--accept-rejected", description = "Exit 0 even when rows were rejected")
        boolean acceptRejected;

        @Option(names = "--progress", description = "Report progress even when the output is not a terminal (plain lines)")
        boolean progress;

        @Override
        int run(Gateway gateway) throws Exception {
            return ImportCommand.finish(this, gateway, id, errors != null ? errors : Path.of("import-" + id + ".errors.csv"),
                    acceptRejected, progress);
        }
    }
}
