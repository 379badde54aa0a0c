package org.shahed.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The custody chain as the verifier checks it, by the rule media-service documents (SHA-256 of the previous hash,
 * asset id, position, action, actor, time and details, one per line): a staff copy is recomputed entry by entry, a
 * partner's copy (actor and details withheld) has its links checked.
 */
class CustodyChainTest {
    private static final String ASSET = UUID.randomUUID().toString();

    @Test
    void aCompleteChainIsRecomputedAndAChangedEntryIsNamed() throws Exception {
        ArrayNode entries = chain();
        assertThat(PacketVerification.custodyChain("media/x.zip", ASSET, entries).ok()).isTrue();
        assertThat(PacketVerification.custodyChain("media/x.zip", ASSET, entries).detail()).contains("every hash recomputed");

        ((ObjectNode) entries.get(1)).put("details", "{\"sha256\":\"" + "f".repeat(64) + "\"}");
        PacketVerification.Check altered = PacketVerification.custodyChain("media/x.zip", ASSET, entries);
        assertThat(altered.ok()).isFalse();
        assertThat(altered.detail()).isEqualTo("entry 2's content does not match its hash");
    }

    @Test
    void aPartnersCopyHasItsLinksCheckedAndAMissingEntryIsNamed() throws Exception {
        ArrayNode entries = chain();
        for (var entry : entries) {
            ((ObjectNode) entry).put("actor", "redacted").putObject("details");
        }
        PacketVerification.Check links = PacketVerification.custodyChain("media/x.zip", ASSET, entries);
        assertThat(links.ok()).isTrue();
        assertThat(links.detail()).contains("hashes not recomputable");

        entries.remove(1);
        PacketVerification.Check gap = PacketVerification.custodyChain("media/x.zip", ASSET, entries);
        assertThat(gap.ok()).isFalse();
        assertThat(gap.detail()).isEqualTo("entry 2 is missing");
    }

    /** Three entries chained by the documented rule. */
    private static ArrayNode chain() throws Exception {
        ArrayNode entries = Gateway.JSON.createArrayNode();
        String previous = "0".repeat(64);
        String[][] rows = { { "uploaded", "analyst-1", "{\"sha256\":\"" + "a".repeat(64) + "\"}" },
                { "fixity-checked", "system", "{\"ok\":true}" }, { "exported", "reviewer-2", "{\"variant\":\"original\"}" } };
        for (int i = 0; i < rows.length; i++) {
            String at = "2016-06-2" + (6 + i) + "T10:00:00Z";
            String content = String.join("\n", previous, ASSET, Integer.toString(i + 1), rows[i][0], rows[i][1], at, rows[i][2]);
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
            entries.addObject().put("position", i + 1).put("action", rows[i][0]).put("actor", rows[i][1]).put("at", at)
                    .put("details", rows[i][2]).put("previousHash", previous).put("entryHash", hash);
            previous = hash;
        }
        return entries;
    }
}
