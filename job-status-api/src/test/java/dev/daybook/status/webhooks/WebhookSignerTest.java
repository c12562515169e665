package dev.daybook.status.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.daybook.shared.webhooks.WebhookSecrets;

import org.junit.jupiter.api.Test;

class WebhookSignerTest {

    @Test
    void signsTheStandardWebhooksSpecificationsOwnExample() {
        // The published test vector of the Standard Webhooks reference libraries (libraries/*/tests: "sign works").
        String sig = WebhookSigner.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                1614265330L, "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8));
        assertThat(sig).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void duringARotationsGraceEverySecretSignsAndTheHeaderSpacesTheSignaturesApart() {
        byte[] body = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
        String header = WebhookSigner.sign(List.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", WebhookSecrets.generate()),
                "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, body);
        assertThat(List.of(header.split(" "))).hasSize(2).first().isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void aSecretNotInTheWhsecFormIsRefusedWithAHint() {
        assertThatThrownBy(() -> WebhookSecrets.key("plain-secret")).hasMessageContaining("whsec_");
        assertThatThrownBy(() -> WebhookSecrets.key("whsec_!!!")).hasMessageContaining("base64");
        assertThatThrownBy(() -> WebhookSecrets.key("whsec_dGVzdA==")).hasMessageContaining("16 random bytes");
    }

    @Test
    void onlyFinalRefusalsStopRetrying() {
        assertThat(WebhookSender.classify(200)).isEqualTo(dev.daybook.shared.queue.WebhookDeliveries.Result.DELIVERED);
        assertThat(WebhookSender.classify(410)).isEqualTo(dev.daybook.shared.queue.WebhookDeliveries.Result.REFUSED);
        assertThat(WebhookSender.classify(400)).isEqualTo(dev.daybook.shared.queue.WebhookDeliveries.Result.REFUSED);
        assertThat(WebhookSender.classify(408)).isEqualTo(dev.daybook.shared.queue.WebhookDeliveries.Result.RETRY_LATER);
        assertThat(WebhookSender.classify(429)).isEqualTo(dev.daybook.shared.queue.WebhookDeliveries.Result.RETRY_LATER);
        assertThat(WebhookSender.classify(503)).isEqualTo(dev.daybook.shared.queue.WebhookDeliveries.Result.RETRY_LATER);
        assertThat(WebhookSender.classify(302)).isEqualTo(dev.daybook.shared.queue.WebhookDeliveries.Result.RETRY_LATER);
    }
}
