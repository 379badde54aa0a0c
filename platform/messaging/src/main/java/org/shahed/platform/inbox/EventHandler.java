package org.shahed.platform.inbox;

import com.fasterxml.jackson.databind.JsonNode;

import io.cloudevents.CloudEvent;

/** Applies one event; runs inside the transaction that also records the event as processed. */
@FunctionalInterface
public interface EventHandler {
    void handle(CloudEvent event, JsonNode data);
}
