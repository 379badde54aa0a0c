package org.shahed.gateway.routing;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * A request body of undeclared length (chunked) passed on as it streams, counted: past {@code limit} bytes it
 * stops and fails with {@link TooLarge}, so that the backend request is reset (the service keeps nothing of a
 * body it did not receive whole) and the client is answered 413.
 */
final class LimitedBody implements ReadStream<Buffer> {
    /** The failure of a body that went past its route's limit. */
    static final class TooLarge extends RuntimeException {
        TooLarge(long limit) {
            super("more than " + limit + " bytes", null, false, false);
        }
    }

    private final ReadStream<Buffer> source;
    private final long limit;
    private long received;
    private boolean failed;
    private Handler<Throwable> exceptionHandler;

    LimitedBody(ReadStream<Buffer> source, long limit) {
        this.source = source;
        this.limit = limit;
    }

    /** Whether the body went past the limit (and was cut). */
    boolean exceeded() {
        return failed;
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        exceptionHandler = handler;
        source.exceptionHandler(handler);
        return this;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> handler) {
        if (handler == null) {
            source.handler(null);
            return this;
        }
        source.handler(chunk -> {
            if (failed) {
                return;
            }
            received += chunk.length();
            if (received > limit) {
                failed = true;
                source.handler(null);
                if (exceptionHandler != null) {
                    exceptionHandler.handle(new TooLarge(limit));
                }
                return;
            }
            handler.handle(chunk);
        });
        return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
        source.pause();
        return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
        source.resume();
        return this;
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
        source.fetch(amount);
        return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
        source.endHandler(endHandler == null ? null : done -> {
            if (!failed) {
                endHandler.handle(done);
            }
        });
        return this;
    }
}
