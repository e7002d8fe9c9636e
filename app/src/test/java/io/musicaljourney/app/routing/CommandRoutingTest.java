package io.musicaljourney.app.routing;

import io.musicaljourney.command.routing.MemoizedCommandTargetResolver;
import io.musicaljourney.support.IntegrationTest;
import org.axonframework.config.Configuration;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The aggregates find their commands' targets through the resolver that looks annotations up once per class. */
class CommandRoutingTest extends IntegrationTest {

    @Autowired
    private Configuration axon;

    @Test
    void aggregatesResolveCommandTargetsWithTheMemoizedResolver() {
        assertThat(axon.getComponent(CommandTargetResolver.class)).isInstanceOf(MemoizedCommandTargetResolver.class);
    }
}
