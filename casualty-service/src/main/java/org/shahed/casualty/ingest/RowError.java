package org.shahed.casualty.ingest;

/** Why a row was rejected: the field (column for CSV) and the reason. */
record RowError(String field, String reason) {
}
