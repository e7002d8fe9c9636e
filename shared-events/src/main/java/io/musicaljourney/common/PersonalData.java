package io.musicaljourney.common;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an event field that holds personal data: a user id, or free text or client fields that may identify a
 * person. The event store keeps such fields only encrypted with the key of the user whose command caused the event,
 * and deleting that user destroys the key (crypto-shredding, see docs/reliability.md). The field's name must not
 * change without an upcaster, like any other.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface PersonalData {
}
