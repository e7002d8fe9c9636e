package io.musicaljourney.app.config;

import io.musicaljourney.app.identity.BearerUserArgumentResolver;
import io.musicaljourney.app.web.RequestIdFilter;
import io.musicaljourney.app.privacy.PersonalDataKeys;
import io.musicaljourney.common.UserCommand;
import io.musicaljourney.common.UserId;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Stamps every command sent while serving a request with the acting user, the request id and a coarse client name
 * ({@link ClientName}); Axon's correlation data providers copy them onto the events, where history and audit read
 * them. Nothing else about the request (address, full agent) is kept. The acting user's key for personal data is made
 * sure of here, outside the command's transaction.
 */
@Component
public class CommandMetadataInterceptor implements MessageDispatchInterceptor<CommandMessage<?>> {

    private final PersonalDataKeys keys;

    public CommandMetadataInterceptor(PersonalDataKeys keys) {
        this.keys = keys;
    }

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(
            List<? extends CommandMessage<?>> messages) {
        return (index, command) -> {
            Map<String, Object> metadata = new HashMap<>();
            RequestAttributes request = RequestContextHolder.getRequestAttributes();
            // The user a command names is the one the aggregate checks, whether a request or a job sent it.
            Object user = command.getPayload() instanceof UserCommand userCommand ? userCommand.requestedBy()
                    : request == null ? null
                    : request.getAttribute(BearerUserArgumentResolver.USER_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
            if (user instanceof UserId userId) {
                metadata.put(AxonConfiguration.USER_ID, userId.value());
                // Created and committed now, before the command's transaction encrypts with it (PersonalDataKeys).
                keys.keyOf(userId);
            }
            if (request == null) {
                return metadata.isEmpty() ? command : command.andMetaData(metadata);
            }
            Object requestId = request.getAttribute(RequestIdFilter.ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
            if (requestId != null) {
                metadata.put(AxonConfiguration.REQUEST_ID, requestId.toString());
            }
            if (request instanceof ServletRequestAttributes servlet) {
                String client = ClientName.of(servlet.getRequest().getHeader(ClientName.HEADER),
                        servlet.getRequest().getHeader(HttpHeaders.USER_AGENT));
                if (client != null) {
                    metadata.put(AxonConfiguration.CLIENT, client);
                }
            }
            return metadata.isEmpty() ? command : command.andMetaData(metadata);
        };
    }
}
