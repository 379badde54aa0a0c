package org.shahed.media.custody;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.shahed.media.inspect.Sha256;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Each asset's chain of custody: an append-only log in which every entry carries the hash of the one before, so
 * that an entry changed, removed or inserted afterwards is detected by {@link #verify}. Appending requires the
 * asset's row to be locked by the caller's transaction, which keeps positions gap-free and in order.
 */
@ApplicationScoped
public class CustodyLog {
    static final String GENESIS = "0".repeat(64);

    @Inject
    ObjectMapper json;

    /** Appends an entry (the asset row must be locked in this transaction). */
    @Transactional(Transactional.TxType.MANDATORY)
    public CustodyEntry append(UUID assetId, String action, String actor, Map<String, ?> details) {
        CustodyEntry last = CustodyEntry.<CustodyEntry>find("assetId = ?1 order by position desc", assetId).firstResult();
        CustodyEntry entry = new CustodyEntry();
        entry.assetId = assetId;
        entry.position = last == null ? 1 : last.position + 1;
        entry.action = action;
        entry.actor = actor;
        entry.at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        entry.details = canonical(details);
        entry.previousHash = last == null ? GENESIS : last.entryHash;
        entry.entryHash = hash(entry);
        entry.persist();
        return entry;
    }

    public List<CustodyEntry> of(UUID assetId) {
        return CustodyEntry.list("assetId = ?1 order by position", assetId);
    }

    /** The result of checking a chain: intact, or the first position where it breaks and why. */
    public record Check(boolean intact, int entries, Integer brokenAt, String reason) {
    }

    public Check verify(UUID assetId) {
        List<CustodyEntry> entries = of(assetId);
        String previous = GENESIS;
        for (int i = 0; i < entries.size(); i++) {
            CustodyEntry entry = entries.get(i);
            if (entry.position != i + 1) {
                return new Check(false, entries.size(), i + 1, "entry " + (i + 1) + " is missing");
            }
            if (!entry.previousHash.equals(previous)) {
                return new Check(false, entries.size(), entry.position, "does not follow the entry before it");
            }
            if (!hash(entry).equals(entry.entryHash)) {
                return new Check(false, entries.size(), entry.position, "its content does not match its hash");
            }
            previous = entry.entryHash;
        }
        return new Check(true, entries.size(), null, null);
    }

    /** SHA-256 over the previous hash and every field of the entry, one per line. */
    static String hash(CustodyEntry entry) {
        String content = String.join("\n", entry.previousHash, entry.assetId.toString(), Integer.toString(entry.position),
                entry.action, entry.actor, entry.at.toString(), entry.details);
        return Sha256.of(content);
    }

    /** Details as JSON with keys in order, so the same details always give the same text. */
    private String canonical(Map<String, ?> details) {
        try {
            return json.writeValueAsString(new TreeMap<>(details == null ? Map.of() : details));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
