package org.shahed.incident.thesaurus;

/** The vocabularies incident-service validates codes against. */
public final class Vocabulary {
    public static final String INCIDENT_TYPE = "incident-type";
    public static final String PARTY = "party";
    public static final String WEAPON = "weapon";
    public static final String PATTERN_FLAG = "pattern-flag";
    public static final String SOURCE_TYPE = "source-type";
    public static final String LEGAL_INSTRUMENT = "legal-instrument";
    public static final String ADDRESSEE = "addressee";

    private Vocabulary() {
    }
}
