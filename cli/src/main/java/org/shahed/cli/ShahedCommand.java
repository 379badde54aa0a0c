package org.shahed.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code shahed}: the suite's command-line client. */
@Command(name = "shahed", mixinStandardHelpOptions = true, version = "shahed 0.1.0",
        description = "The Shahed suite from the command line.",
        subcommands = { VerifyCommand.class },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = { "0:everything checked held", "1:a check failed (the output says which)",
                "2:bad usage or an unreadable file" })
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
