package io.musicaljourney.pathway.cache;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class RedisAutoConfigurationFilterTest {

    private static final String[] CANDIDATES = {
            "org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration",
            "org.springframework.boot.autoconfigure.data.redis.RedisReactiveAutoConfiguration",
            "org.springframework.boot.autoconfigure.data.redis.RedisRepositoriesAutoConfiguration",
            "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
            null};

    @Test
    void withoutARedisHostBootsRedisAutoConfigurationIsLeftOut() {
        RedisAutoConfigurationFilter filter = filter(new MockEnvironment());

        assertThat(filter.match(CANDIDATES, null)).containsExactly(false, false, false, true, true);
    }

    @Test
    void aHostUrlSentinelOrClusterSwitchesRedisOn() {
        for (String setting : new String[] {"spring.data.redis.host", "spring.data.redis.url",
                "spring.data.redis.sentinel.master", "spring.data.redis.cluster.nodes"}) {
            RedisAutoConfigurationFilter filter = filter(new MockEnvironment().withProperty(setting, "redis"));

            assertThat(filter.match(CANDIDATES, null)).as(setting).containsOnly(true);
        }
    }

    @Test
    void aBlankHostIsNoRedis() {
        assertThat(RedisPresence.isConfigured(new MockEnvironment().withProperty("spring.data.redis.host", " ")))
                .isFalse();
    }

    private static RedisAutoConfigurationFilter filter(MockEnvironment environment) {
        RedisAutoConfigurationFilter filter = new RedisAutoConfigurationFilter();
        filter.setEnvironment(environment);
        return filter;
    }
}
