package org.shahed.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code shahed verify PACKET.zip}: checks a dossier packet offline, printing every check. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Checks a dossier packet (GET /api/v1/incidents/{id}/dossier/packet) without contacting the suite:"
                + " every file against the signed manifest, the signature, the manifest's time-stamp if any, and each media"
                + " evidence packet's SHA256SUMS and chain of custody. Prints each check; exits 1 naming what failed.")
public class VerifyCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PACKET", description = "The packet (ZIP)")
    Path packet;

    @Option(names = "--key", paramLabel = "FILE",
            description = "The organisation's public key (JWKS from GET /api/v1/dossier-signing-keys, a JWK, or PEM),"
                    + " obtained separately. Without it the packet's own key is used and its thumbprint printed, to be"
                    + " compared with the one the organisation publishes.")
    Path key;

    @Option(names = "--tsa-cert", paramLabel = "FILE",
            description = "The time-stamping authority's certificate (PEM), to check the manifest's time-stamp against"
                    + " it rather than against the certificate the time-stamp carries.")
    Path tsaCertificate;

    @Option(names = { "-q", "--quiet" }, description = "Print failures and the verdict only")
    boolean quiet;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PacketVerification.Result result;
        try {
            result = PacketVerification.verify(packet, key == null ? null : Files.readString(key),
                    tsaCertificate == null ? null : Files.readString(tsaCertificate));
        } catch (IOException e) {
            err.println("cannot read " + e.getMessage());
            return 2;
        }
        for (PacketVerification.Check check : result.checks()) {
            if (!quiet || !check.ok()) {
                out.println((check.ok() ? "OK    " : "FAIL  ") + check.subject() + ": " + check.detail());
            }
        }
        if (result.keyThumbprint() != null && result.keyFromPacket()) {
            out.println("NOTE  signed with the key inside the packet, thumbprint " + result.keyThumbprint()
                    + ": compare it with the one the organisation publishes, or pass --key");
        }
        if (result.ok()) {
            out.println("VERIFIED  " + packet + ": " + result.checks().size() + " checks held");
            return 0;
        }
        out.println("FAILED  " + packet + ": " + result.failures().size() + " of " + result.checks().size()
                + " checks failed");
        return 1;
    }
}
