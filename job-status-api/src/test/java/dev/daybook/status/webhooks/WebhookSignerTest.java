package dev.daybook.status.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class WebhookSignerTest {

    @Test
    void matchesAnIndependentHmacOfTimestampDotBody() {
        // Expected value from: printf '%s' '1763790000.{"event":"job.completed"}' | openssl dgst -sha256 -hmac whsec_test
        String sig = new WebhookSigner("whsec_test").sign(1763790000L,
                "{\"event\":\"job.completed\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(sig).isEqualTo("t=1763790000,v1=e1c760b031d8dc9d93af3b8ffb75ba0541a0fa2a587ea442824a923344ce560f");
    }
}
