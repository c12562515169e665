package dev.daybook.status.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CallbackTargetsTest {

    private final CallbackTargets strict = new CallbackTargets(false, Duration.ofSeconds(1));

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1/hook", "http://localhost:8080/", "https://10.1.2.3/", "http://192.168.0.9/",
            "http://172.16.5.5/", "http://169.254.169.254/latest/meta-data", "http://[::1]/", "http://[fc00::1]/",
            "http://100.64.0.1/", "http://0.0.0.0/", "ftp://8.8.8.8/", "file:///etc/passwd", "not a url",
            "http://8.8.8.8/plain-http", "https://user:pw@8.8.8.8/"})
    void refusesInternalOrOddTargets(String url) {
        assertThat(strict.refuse(url)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://8.8.8.8/hook", "https://1.1.1.1:8443/x"})
    void acceptsPublicAddresses(String url) {
        assertThat(strict.refuse(url)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:9/hook"})
    void developmentModeAllowsLoopback(String url) {
        assertThat(new CallbackTargets(true, Duration.ofSeconds(1)).refuse(url)).isNull();
    }
}
