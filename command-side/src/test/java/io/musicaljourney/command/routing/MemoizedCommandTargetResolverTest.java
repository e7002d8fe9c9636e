package io.musicaljourney.command.routing;

import io.musicaljourney.common.UserId;
import io.musicaljourney.journey.JourneyId;
import io.musicaljourney.journey.command.DeleteJourneyCommand;
import io.musicaljourney.journey.command.RenameJourneyCommand;
import io.musicaljourney.sharing.command.ShareJourneyCommand;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MemoizedCommandTargetResolverTest {

    private static final JourneyId JOURNEY = new JourneyId(UUID.fromString("6f1c1a4e-2d3b-4c5d-8e9f-0a1b2c3d4e5f"));
    private static final UserId OWNER = new UserId("owner");

    private final MemoizedCommandTargetResolver resolver = new MemoizedCommandTargetResolver();
    private final AnnotationCommandTargetResolver axons = AnnotationCommandTargetResolver.builder().build();

    record VersionedCommand(@TargetAggregateIdentifier String id, @TargetAggregateVersion String version) {
    }

    record UntargetedCommand(String id) {
    }

    static final class FieldTargetedCommand {
        @TargetAggregateIdentifier
        private final String target = "by-field";
        @TargetAggregateVersion
        private final int version = 7;
    }

    @Test
    void findsTheSameTargetAsAxonsResolverForJourneyCommands() {
        for (Object command : List.of(new RenameJourneyCommand(JOURNEY, OWNER, "Title", 3L),
                new DeleteJourneyCommand(JOURNEY, OWNER, null), new ShareJourneyCommand(JOURNEY, OWNER, 2L))) {
            var message = GenericCommandMessage.asCommandMessage(command);

            assertThat(resolver.resolveTarget(message)).as(command.getClass().getSimpleName())
                    .isEqualTo(axons.resolveTarget(message));
            assertThat(resolver.resolveTarget(message).getIdentifier()).isEqualTo(JOURNEY.toString());
        }
    }

    @Test
    void readsTheVersionFromTheMemberAnnotatedAsTheTargetVersion() {
        var message = GenericCommandMessage.asCommandMessage(new VersionedCommand("j-1", "12"));

        assertThat(resolver.resolveTarget(message).getVersion()).isEqualTo(12L);
        assertThat(resolver.resolveTarget(message)).isEqualTo(axons.resolveTarget(message));
    }

    @Test
    void readsAnnotatedFieldsWhenNoMethodIsAnnotated() {
        var message = GenericCommandMessage.asCommandMessage(new FieldTargetedCommand());

        assertThat(resolver.resolveTarget(message)).isEqualTo(axons.resolveTarget(message));
        assertThat(resolver.resolveTarget(message).getVersion()).isEqualTo(7L);
    }

    @Test
    void refusesACommandThatNamesNoTargetAsAxonDoes() {
        var untargeted = GenericCommandMessage.asCommandMessage(new UntargetedCommand("x"));
        var withoutId = GenericCommandMessage.asCommandMessage(new VersionedCommand(null, "1"));
        var notANumber = GenericCommandMessage.asCommandMessage(new VersionedCommand("j-1", "twelve"));

        assertThatThrownBy(() -> resolver.resolveTarget(untargeted)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[UntargetedCommand]");
        assertThatThrownBy(() -> resolver.resolveTarget(withoutId)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not identify the target aggregate");
        assertThatThrownBy(() -> resolver.resolveTarget(notANumber)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a number");
    }
}
