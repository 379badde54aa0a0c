package org.shahed.gateway.apikeys;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A key just made or rotated, with its secret: the only time the secret is shown. */
@Schema(name = "IssuedApiKey")
public record IssuedApiKey(
        @Schema(description = "The secret, sent as the X-API-Key header; shown once, store it safely",
                example = "shk_3fZq9xJ0c2WqkA1mW3bq7V4zN8rT5yL6hD0eS9uXoPk") String key,
        ApiKeyView apiKey) {
}
