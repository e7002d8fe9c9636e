package io.musicaljourney.app.web.limits;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.springframework.http.HttpStatus;

/**
 * Why a request body could not be read, in the words a client can act on: a JSON limit that was hit is named (and
 * an over-long document is a 413 like an over-long body); anything else is plain malformed JSON.
 */
public record UnreadableBody(HttpStatus status, String message) {

    public static final String MALFORMED = "Malformed JSON request body";

    public static UnreadableBody of(Throwable failure, RequestLimitsProperties limits) {
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof StreamConstraintsException exceeded) {
                return ofConstraint(String.valueOf(exceeded.getMessage()), limits);
            }
            if (cause instanceof UnrecognizedPropertyException unknown) {
                return new UnreadableBody(HttpStatus.BAD_REQUEST,
                        "\"" + unknown.getPropertyName() + "\" is not a field of this request");
            }
            if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
                return new UnreadableBody(HttpStatus.BAD_REQUEST, "\"" + path(mismatch) + "\" has the wrong type");
            }
            if (cause instanceof JsonParseException parse && String.valueOf(parse.getOriginalMessage())
                    .startsWith("Duplicate field")) {
                return new UnreadableBody(HttpStatus.BAD_REQUEST, "A field appears twice in the JSON body");
            }
        }
        return new UnreadableBody(HttpStatus.BAD_REQUEST, MALFORMED);
    }

    private static String path(MismatchedInputException mismatch) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference step : mismatch.getPath()) {
            if (step.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(step.getFieldName());
            } else if (step.getIndex() >= 0) {
                path.append('[').append(step.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    // Jackson names the constraint only in its message ("Document nesting depth (65) exceeds ...").
    private static UnreadableBody ofConstraint(String message, RequestLimitsProperties limits) {
        if (message.contains("nesting depth")) {
            return new UnreadableBody(HttpStatus.BAD_REQUEST,
                    "JSON is nested deeper than " + limits.maxJsonNestingDepth() + " levels");
        }
        if (message.contains("String value length") || message.contains("Name length")) {
            return new UnreadableBody(HttpStatus.BAD_REQUEST,
                    "A JSON string is longer than " + limits.maxJsonStringLength() + " characters");
        }
        if (message.contains("Number value length")) {
            return new UnreadableBody(HttpStatus.BAD_REQUEST,
                    "A JSON number is longer than " + limits.maxJsonNumberLength() + " digits");
        }
        if (message.contains("Document length")) {
            return new UnreadableBody(HttpStatus.PAYLOAD_TOO_LARGE,
                    "Request body is larger than " + RequestBodyFilter.describe(limits.maxBodySize().toBytes()));
        }
        return new UnreadableBody(HttpStatus.BAD_REQUEST, MALFORMED);
    }
}
