package dev.daybook.ingestion.submit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daybook.ingestion.web.ApiException;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** Which webhook receivers a submission may name: production https only, local development loopback too. */
class CallbackPropertiesTest {

    private static SubmissionForm submit(boolean allowPrivate, String callback) {
        return SubmissionForm.parse(null, null, null, callback, Clock.systemUTC(),
                new CallbackProperties(allowPrivate).guard());
    }

    @Test
    void byDefaultOnlyHttpsToPublicHostsIsAccepted() {
        assertThat(submit(false, "https://hooks.example.com/daybook").callbackUrl())
                .isEqualTo("https://hooks.example.com/daybook");
        assertThatThrownBy(() -> submit(false, "http://127.0.0.1:9000/hook")).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> submit(false, "https://127.0.0.1:9000/hook")).isInstanceOf(ApiException.class);
    }

    @Test
    void allowingPrivateTargetsLetsALocalReceiverBeNamedButNeverCloudMetadata() {
        assertThat(submit(true, "http://127.0.0.1:9000/hook").callbackUrl()).isEqualTo("http://127.0.0.1:9000/hook");
        assertThatThrownBy(() -> submit(true, "http://169.254.169.254/latest")).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> submit(true, "ftp://127.0.0.1/hook")).isInstanceOf(ApiException.class);
    }
}
