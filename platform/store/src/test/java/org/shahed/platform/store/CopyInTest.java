package org.shahed.platform.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** COPY's text format as CopyIn encodes it, without a database (the imports' tests write it to a real one). */
class CopyInTest {
    @Test
    void valuesAreTabSeparatedUtf8WithNullsBooleansAndDates() {
        UUID id = UUID.fromString("5b6c1f0e-9d1c-4c1e-8d35-0a6f3c2b1e77");
        CopyIn.Line line = CopyIn.line(id, 62L, true, null, LocalDate.of(2016, 6, 25),
                Instant.parse("2016-06-25T10:15:00Z"), "مجزرة القورية");
        assertThat(text(line))
                .isEqualTo(id + "\t62\tt\t\\N\t2016-06-25\t2016-06-25T10:15:00Z\tمجزرة القورية");
        assertThat(line.values()).isEqualTo(7);
    }

    @Test
    void separatorsAndBackslashesAreEscapedAndCharactersOutsideTheBmpKept() {
        String tricky = "line one\nline two\ttab\\back\rslash 🕊 \"quoted\"";
        assertThat(text(CopyIn.line(tricky)))
                .isEqualTo("line one\\nline two\\ttab\\\\back\\rslash 🕊 \"quoted\"");
        // A lone surrogate cannot be UTF-8; it becomes "?" as String.getBytes would make it.
        assertThat(text(CopyIn.line("a\uD83Db"))).isEqualTo("a?b");
    }

    @Test
    void textArraysAreArrayLiteralsEscapedOnceForTheArrayAndOnceForCopy() {
        // Array literal {"n:x","say \"hi\"","a\\b",NULL}; COPY then doubles each backslash.
        assertThat(text(CopyIn.line((Object) new String[] { "n:x", "say \"hi\"", "a\\b", null })))
                .isEqualTo("{\"n:x\",\"say \\\\\"hi\\\\\"\",\"a\\\\\\\\b\",NULL}");
    }

    @Test
    void aRowNeedsAValueForEveryColumn() {
        CopyIn copy = CopyIn.into("casualty", "id", "reference", "change_seq");
        copy.add(CopyIn.line(UUID.randomUUID(), "CAS-2016-000001"), 7L);
        assertThat(copy.rows()).isEqualTo(1);
        assertThatThrownBy(() -> copy.add(CopyIn.line("only one"), 7L))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 columns, 2 values");
    }

    private static String text(CopyIn.Line line) {
        return new String(line.encoded(), StandardCharsets.UTF_8);
    }
}
