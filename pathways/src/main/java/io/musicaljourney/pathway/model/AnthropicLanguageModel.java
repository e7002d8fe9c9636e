package io.musicaljourney.pathway.model;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.errors.AnthropicIoException;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.TextBlock;

import java.time.Clock;
import java.util.stream.Collectors;

/** Claude through Anthropic's official Java SDK (Messages API). */
public final class AnthropicLanguageModel implements LanguageModel {

    public static final String NAME = "anthropic";

    private final AnthropicClient client;
    private final PathwayModelProperties.Anthropic settings;
    private final UpstreamGuard guard;
    private final Clock clock;

    public AnthropicLanguageModel(PathwayModelProperties.Anthropic settings, UpstreamGuard guard, Clock clock) {
        this.settings = settings;
        this.guard = guard;
        this.clock = clock;
        // The SDK's own retries are off: UpstreamGuard retries, and two layers would multiply the attempts.
        this.client = AnthropicOkHttpClient.builder()
                .baseUrl(settings.baseUrl())
                .apiKey(settings.apiKey())
                .timeout(settings.timeout())
                .maxRetries(0)
                .build();
    }

    @Override
    public String complete(String systemPrompt, String userPrompt) {
        MessageCreateParams params = MessageCreateParams.builder()
                .model(settings.model())
                .maxTokens(settings.maxTokens())
                .system(systemPrompt)
                .addUserMessage(userPrompt)
                .build();
        return guard.call(() -> text(send(params)));
    }

    private Message send(MessageCreateParams params) {
        try {
            return client.messages().create(params);
        } catch (AnthropicServiceException failure) {
            var headers = failure.headers();
            throw new LanguageModelException(NAME, failure.statusCode(),
                    RetryAfter.parse(RetryAfter.first(headers.values("retry-after-ms")).orElse(null),
                            RetryAfter.first(headers.values("retry-after")).orElse(null), clock.instant()),
                    "status " + failure.statusCode() + failure.apiMessage().map(m -> " (" + m + ")").orElse(""),
                    failure);
        } catch (AnthropicIoException failure) {
            throw new LanguageModelException(NAME, 0, null, "no response: " + failure.getMessage(), failure);
        }
    }

    private static String text(Message message) {
        return message.content().stream()
                .map(ContentBlock::text)
                .flatMap(java.util.Optional::stream)
                .map(TextBlock::text)
                .collect(Collectors.joining());
    }

    @Override
    public String name() {
        return NAME;
    }
}
