package io.musicaljourney.pathway.model;

/** A chat model asked one question at a time; implementations bring their own timeouts, retries and breaker. */
public interface LanguageModel {

    /**
     * @return the model's text answer
     * @throws LanguageModelException when the upstream cannot give one
     */
    String complete(String systemPrompt, String userPrompt);

    /** The upstream's name, as its resilience4j instances are named ({@code anthropic}, {@code openai}). */
    String name();
}
