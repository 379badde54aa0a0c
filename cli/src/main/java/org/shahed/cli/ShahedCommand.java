package org.shahed.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code shahed}: the suite's command-line client. */
@Command(name = "shahed", mixinStandardHelpOptions = true, version = "shahed 0.1.0",
        description = "The Shahed suite from the command line.",
        subcommands = { WhoAmICommand.class, ImportCommand.class, JobsCommand.class, UploadCommand.class, PullCommand.class, ExportCommand.class,
                GetCommand.class,
                VerifyCommand.class },
        footer = { "", "The gateway and credentials come from --url and --api-key/--token, else SHAHED_URL and"
                + " SHAHED_API_KEY/SHAHED_TOKEN, else ~/.config/shahed/<profile>.properties (url=, api-key=, token=;"
                + " chmod 600)." },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = { "0:done; everything checked held", "1:done, but a check failed: rows rejected, a packet that does not verify",
                "2:bad usage, configuration or local file", "3:the API refused the request (its problem is printed)",
                "4:the suite could not be reached or kept failing, after retries" })
public class ShahedCommand {
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with its exit codes: 2 for usage errors, as documented above. */
    public static CommandLine commandLine() {
        return new CommandLine(new ShahedCommand()).setExitCodeExceptionMapper(e -> 2)
                .setParameterExceptionHandler((e, args) -> {
                    e.getCommandLine().getErr().println(e.getMessage());
                    e.getCommandLine().usage(e.getCommandLine().getErr());
                    return 2;
                });
    }
}
