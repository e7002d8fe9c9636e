package io.musicaljourney.app.aggregate;

import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.Registration;
import org.axonframework.messaging.MessageDispatchInterceptor;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The command gateway whose blocking sends are {@link CachedDecisions}: the routes send every command this way. The
 * asynchronous sends return before the command is decided, so they cannot be decided again; they read first.
 */
final class CachedDecisionsCommandGateway implements CommandGateway {

    private final CommandGateway delegate;

    CachedDecisionsCommandGateway(CommandGateway delegate) {
        this.delegate = delegate;
    }

    @Override
    public <R> R sendAndWait(Object command) {
        return CachedDecisions.run(() -> delegate.sendAndWait(command));
    }

    @Override
    public <R> R sendAndWait(Object command, long timeout, TimeUnit unit) {
        return CachedDecisions.run(() -> delegate.sendAndWait(command, timeout, unit));
    }

    @Override
    public <C, R> void send(C command, CommandCallback<? super C, ? super R> callback) {
        delegate.send(command, callback);
    }

    @Override
    public <R> CompletableFuture<R> send(Object command) {
        return delegate.send(command);
    }

    @Override
    public Registration registerDispatchInterceptor(
            MessageDispatchInterceptor<? super CommandMessage<?>> dispatchInterceptor) {
        return delegate.registerDispatchInterceptor(dispatchInterceptor);
    }
}
