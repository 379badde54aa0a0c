package org.shahed.casualty;

import java.util.UUID;

/**
 * The Al Qouriyah figures as named records: 62 killed (30 children, 20 women, 12 men) and 30 injured. The report
 * publishes no names, so the names here are clearly synthetic.
 */
final class SeedVictims {
    static final String HEADER = "source_system,external_id,incident_id,full_name_ar,full_name_latin,family_name,"
            + "sex,age_years,age_group,outcome,status,roles,date,date_precision,place_name_en,place_name_ar,"
            + "admin_pcodes,cause,documentation_level,consent_publish_name,source_type,source_reference";

    private SeedVictims() {
    }

    /** The 92 rows of one incident's victims as CSV, with external ids unique to {@code batch}. */
    static String csv(UUID incident, String batch) {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        int n = 0;
        for (int i = 1; i <= 30; i++) {
            csv.append(row(incident, batch, ++n, i % 2 == 0 ? "female" : "male",
                    String.valueOf(2 + i % 15), "", "killed", i % 3 == 0 ? "true" : "false"));
        }
        for (int i = 1; i <= 20; i++) {
            csv.append(row(incident, batch, ++n, "female", String.valueOf(20 + i), "", "killed", "false"));
        }
        for (int i = 1; i <= 12; i++) {
            csv.append(row(incident, batch, ++n, "male", String.valueOf(25 + i), "", "killed",
                    i <= 3 ? "true" : "false"));
        }
        for (int i = 1; i <= 30; i++) {
            csv.append(row(incident, batch, ++n, i % 2 == 0 ? "female" : "male", "", "adult", "injured", "false"));
        }
        return csv.toString();
    }

    static String row(UUID incident, String batch, int n, String sex, String years, String group, String outcome,
            String consent) {
        return String.join(",", "snhr-victims-db", batch + "-" + n, incident.toString(),
                "ضحية تجريبية " + n, "Synthetic Victim " + n, "Example-" + n, sex, years, group, outcome,
                "civilian", n == 55 ? "medical-worker" : "", "2016-06-25", "day", "Al Qouriyah", "القورية",
                "SY09;SY0903", "airstrike", "corroborated", consent, "family-member", "SNHR interview")
                + "\n";
    }
}
