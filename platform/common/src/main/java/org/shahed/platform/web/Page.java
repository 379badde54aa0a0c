package org.shahed.platform.web;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One page of a list: {@code next} is the opaque cursor of the following page, absent on the last one.
 * Clients pass it back unchanged ({@code ?cursor=}); it stays valid however many items are added meanwhile.
 */
public record Page<T>(
        @Schema(description = "The items of this page, in the requested order") List<T> items,
        @Schema(description = "Cursor of the next page; absent when this is the last page") String next) {
}
