package io.musicaljourney.app.web.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * What one request may carry ({@code journey.http.*}). The largest legitimate body is a journey saved whole: a graph
 * of up to 1,000,000 characters beside its nodes and tracks, so the body limit sits above that and everything else
 * is far below it.
 *
 * @param maxBodySize          a request body larger than this is answered 413 before anything reads it as JSON
 * @param maxJsonNestingDepth  arrays and objects inside each other; the journey's own limit is 32 below its field
 * @param maxJsonStringLength  one JSON string (a key or a value), in characters
 * @param maxJsonNumberLength  digits of one JSON number
 */
@ConfigurationProperties("journey.http")
public record RequestLimitsProperties(DataSize maxBodySize, int maxJsonNestingDepth, int maxJsonStringLength,
                                      int maxJsonNumberLength) {

    public RequestLimitsProperties {
        maxBodySize = maxBodySize == null ? DataSize.ofMegabytes(2) : maxBodySize;
        maxJsonNestingDepth = maxJsonNestingDepth <= 0 ? 64 : maxJsonNestingDepth;
        maxJsonStringLength = maxJsonStringLength <= 0 ? 1_000_000 : maxJsonStringLength;
        maxJsonNumberLength = maxJsonNumberLength <= 0 ? 100 : maxJsonNumberLength;
    }
}
