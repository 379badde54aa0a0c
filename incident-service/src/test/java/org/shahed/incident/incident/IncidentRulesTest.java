package org.shahed.incident.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.shahed.incident.AlQouriyah;
import org.shahed.incident.area.AreaControl;
import org.shahed.incident.area.AreaControls;
import org.shahed.incident.thesaurus.Thesauri;
import org.shahed.platform.web.Problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.ws.rs.BadRequestException;

/**
 * The incident rules without the service: the thesauri and the area-control timeline are replaced by the terms and
 * the control periods the Al Qouriyah report names; everything else is the production code.
 */
class IncidentRulesTest {
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final Set<String> TERMS = Set.of("incident-type:airstrike", "incident-type:massacre",
            "party:russian-forces", "party:isis", "party:syrian-regime-forces", "weapon:air-launched-missile",
            "pattern-flag:indiscriminate", "pattern-flag:civilian-objects-hit", "pattern-flag:homes-hit",
            "pattern-flag:shops-hit", "pattern-flag:first-responders-hit", "pattern-flag:double-tap",
            "source-type:local-media-activist", "source-type:resident", "source-type:media-activist");

    private final List<String> areasAsked = new ArrayList<>();
    private final IncidentRules rules = new IncidentRules(new Thesauri() {
        @Override
        public boolean isActive(String vocabulary, String code) {
            return TERMS.contains(vocabulary + ":" + code);
        }
    }, new AreaControls() {
        @Override
        public Optional<AreaControl> controlling(String pcode, LocalDate date) {
            areasAsked.add(pcode);
            // ISIS held Al Mayadin district from 2014 until late 2017; nothing is recorded for the governorate.
            boolean isisHeld = pcode.equals(AlQouriyah.DISTRICT) && !date.isBefore(LocalDate.of(2014, 7, 1))
                    && !date.isAfter(LocalDate.of(2017, 10, 31));
            return isisHeld ? Optional.of(control("isis")) : Optional.empty();
        }
    });

    @Test
    void theFirstStrikePassesAndTheControllingPartyIsTakenFromTheMostSpecificArea() {
        IncidentInput checked = rules.checkAndResolve(firstStrike(incident -> { }));

        assertThat(checked.location().controllingParty()).isEqualTo("isis");
        assertThat(areasAsked).containsExactly(AlQouriyah.DISTRICT);
    }

    @Test
    void aControllingPartyTheAnalystGaveIsKeptAndAPlaceWithoutTimelineHasNone() {
        IncidentInput given = rules.checkAndResolve(firstStrike(incident ->
                ((ObjectNode) incident.path("location")).put("controllingParty", "syrian-regime-forces")));
        assertThat(given.location().controllingParty()).isEqualTo("syrian-regime-forces");
        assertThat(areasAsked).isEmpty();

        IncidentInput before = rules.checkAndResolve(firstStrike(incident ->
                ((ObjectNode) incident.path("start")).put("at", "2012-03-01T08:00:00Z")));
        assertThat(before.location().controllingParty()).isNull();
        assertThat(areasAsked).containsExactly(AlQouriyah.DISTRICT, AlQouriyah.GOVERNORATE);
    }

    @Test
    void timesInTheFutureOrOutOfOrderNameTheirField() {
        String tomorrow = OffsetDateTime.now(ZoneOffset.UTC).plusDays(1).toString();
        assertRefused(incident -> ((ObjectNode) incident.path("start")).put("at", tomorrow), "start.at");
        assertRefused(incident -> incident.putObject("end").put("at", "2016-06-25T08:00:00Z").put("precision", "approximate-time"),
                "end.at");
        assertRefused(incident -> incident.put("timeZone", "Middle/Euphrates"), "timeZone");
    }

    @Test
    void codesOutsideTheThesauriNameTheirPlaceInTheList() {
        assertRefused(incident -> ((ArrayNode) incident.path("types")).add("earthquake"), "types[2]");
        assertRefused(incident -> ((ObjectNode) incident.path("perpetrators").get(0)).put("party", "aliens"),
                "perpetrators[0].party");
    }

    @Test
    void claimsMustExistAmongTheSourcesAndIdsMustBeUnique() {
        assertRefused(incident -> ((ArrayNode) incident.path("perpetrators").get(0).path("claimIds")).add("claim-unknown"),
                "perpetrators[0].claimIds[1]");
        assertRefused(incident -> ((ObjectNode) incident.path("sources").get(1)).put("id", "src-abu-ahmad"), "sources[1].id");
        assertRefused(incident -> ((ObjectNode) incident.path("sources").get(0).path("claims").get(1)).put("id", "claim-warplanes"),
                "sources[0].claims[1].id");
    }

    @Test
    void coordinatesGoInPairsAndEachAdministrativeLevelOnce() {
        assertRefused(incident -> ((ObjectNode) incident.path("location")).remove("longitude"), "location.longitude");
        assertRefused(incident -> ((ArrayNode) incident.path("location").path("adminAreas")).addObject()
                .put("level", 2).put("pcode", "SY0904"), "location.adminAreas[2].level");
        assertRefused(incident -> ((ObjectNode) incident.path("means").path("munitions")).put("min", 8).put("max", 4),
                "means.munitions.max");
    }

    private void assertRefused(Consumer<ObjectNode> change, String field) {
        assertThatThrownBy(() -> rules.checkAndResolve(firstStrike(change)))
                .isInstanceOfSatisfying(BadRequestException.class, refused -> assertThat(
                        ((Problem) refused.getResponse().getEntity()).violations())
                        .extracting(Problem.Violation::field).containsExactly(field));
    }

    private static IncidentInput firstStrike(Consumer<ObjectNode> change) {
        try {
            ObjectNode incident = (ObjectNode) JSON.readTree(AlQouriyah.firstStrike("rules"));
            change.accept(incident);
            return JSON.treeToValue(incident, IncidentInput.class);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static AreaControl control(String party) {
        AreaControl control = new AreaControl();
        control.partyCode = party;
        return control;
    }
}
