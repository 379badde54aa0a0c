package org.shahed.cli;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;

/** {@code shahed whoami}: the role, key and limits the gateway sees for these credentials. */
@Command(name = "whoami", mixinStandardHelpOptions = true,
        description = "Shows who the gateway takes you for: subject, roles, organisation, the API key and its expiry,"
                + " the rate limit.")
class WhoAmICommand extends ApiCommand {
    @Override
    int run(Gateway gateway) throws Exception {
        JsonNode me = gateway.get("/api/v1/me");
        if (connection.json()) {
            printJson(me);
            return ExitCodes.OK;
        }
        var out = out();
        out.println("subject:      " + me.path("subject").asText());
        out.println("roles:        " + String.join(", ", Gateway.JSON.convertValue(me.path("roles"), String[].class)));
        if (me.hasNonNull("organisation")) {
            out.println("organisation: " + me.path("organisation").asText());
        }
        if (me.has("apiKey")) {
            out.println("api key:      " + me.path("apiKey").path("keyPrefix").asText() + "… (" + me.path("apiKey").path("id").asText()
                    + "), " + (me.path("apiKey").hasNonNull("expiresAt") ? "expires " + me.path("apiKey").path("expiresAt").asText()
                            : "does not expire"));
        }
        if (me.hasNonNull("tokenExpiresAt")) {
            out.println("token:        expires " + me.path("tokenExpiresAt").asText());
        }
        out.println("rate limit:   " + me.path("rateLimit").path("capacity").asLong() + " requests per "
                + me.path("rateLimit").path("period").asText());
        out.flush();
        return ExitCodes.OK;
    }
}
