package org.shahed.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that talks to the gateway: its connection options, and its failures turned into the exit codes. */
abstract class ApiCommand implements Callable<Integer> {
    @Mixin
    Connection connection;

    @Spec
    CommandSpec spec;

    /** The work; answers the exit code. */
    abstract int run(Gateway gateway) throws Exception;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        try {
            return run(connection.gateway(err));
        } catch (Connection.Misconfigured e) {
            err.println(e.getMessage());
            return ExitCodes.USAGE;
        } catch (Gateway.Refused e) {
            err.println(e.getMessage());
            return ExitCodes.REFUSED;
        } catch (Gateway.Unavailable e) {
            err.println(e.getMessage());
            return ExitCodes.UNAVAILABLE;
        } finally {
            err.flush();
        }
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Prints JSON as it came, indented. */
    void printJson(Object value) throws Exception {
        out().println(Gateway.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value));
        out().flush();
    }
}
