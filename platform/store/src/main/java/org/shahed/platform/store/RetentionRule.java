package org.shahed.platform.store;

import java.time.Duration;

/**
 * Rows kept for a while and then deleted by {@link Retention}: the rows of {@code table} matching {@code olderThan},
 * an SQL condition with one parameter, the cut-off time ({@code now - keep}). A service adds its own by producing
 * one as a bean.
 */
public record RetentionRule(String name, String table, String olderThan, Duration keep) {
}
