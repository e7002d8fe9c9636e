package io.musicaljourney.app.web.limits;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import java.io.IOException;

/**
 * Unknown fields are ignored by default (the frontend's exploration bodies carry more than the service reads), but
 * a request type that declares {@code @JsonIgnoreProperties(ignoreUnknown = false)} gets a 400 for them. Jackson
 * itself treats that declaration as "no opinion" when the mapper ignores unknown fields, hence this handler.
 */
final class DeclaredFieldsOnly extends DeserializationProblemHandler {

    @Override
    public boolean handleUnknownProperty(DeserializationContext context, JsonParser parser,
                                         JsonDeserializer<?> deserializer, Object beanOrClass, String propertyName)
            throws IOException {
        Class<?> type = beanOrClass instanceof Class<?> c ? c : beanOrClass.getClass();
        JsonIgnoreProperties declared = type.getAnnotation(JsonIgnoreProperties.class);
        if (declared != null && !declared.ignoreUnknown()) {
            throw UnrecognizedPropertyException.from(parser, beanOrClass, propertyName,
                    deserializer == null ? null : deserializer.getKnownPropertyNames());
        }
        return false;
    }
}
