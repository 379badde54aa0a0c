package org.shahed.platform.inbox;

import java.util.Set;

import org.eclipse.microprofile.config.ConfigProvider;

import io.cloudevents.CloudEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * A consumer of one producer's events, read as the producer's typed record: subclass it in the consuming
 * service's {@code projection} package, name the consumer group, the topic's setting ({@code shahed.topics.*}),
 * the event types and the record, and apply each event. It starts with the application unless
 * {@code shahed.consumers.enabled} is false; {@link EventSubscriptions} applies each event once.
 */
public abstract class EventConsumer<T> {
    private final String group;
    private final String topicSetting;
    private final Set<String> types;
    private final Class<T> dataType;

    @Inject
    EventSubscriptions subscriptions;

    protected EventConsumer(String group, String topicSetting, Set<String> types, Class<T> dataType) {
        this.group = group;
        this.topicSetting = topicSetting;
        this.types = types;
        this.dataType = dataType;
    }

    void start(@Observes StartupEvent startup) {
        var config = ConfigProvider.getConfig();
        if (config.getOptionalValue("shahed.consumers.enabled", Boolean.class).orElse(true)) {
            subscriptions.subscribe(group, config.getValue(topicSetting, String.class), types, dataType, this::apply);
        }
    }

    /** Applies one event, in the transaction that records it as processed. */
    protected abstract void apply(CloudEvent event, T data);
}
