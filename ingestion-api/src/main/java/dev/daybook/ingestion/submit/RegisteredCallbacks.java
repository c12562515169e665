package dev.daybook.ingestion.submit;

import java.util.Map;

import dev.daybook.ingestion.web.ApiException;
import dev.daybook.shared.auth.Caller;
import dev.daybook.shared.webhooks.WebhookEndpoint;
import dev.daybook.shared.webhooks.WebhookEndpoints;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * A job's {@code callback_url} must be an enabled webhook endpoint the caller registered (job-status-api's
 * {@code POST /v1/webhooks}), so its deliveries are signed with that user's own secret and no one else's: a URL
 * anyone could name would otherwise be called with a signature its owner never agreed to.
 */
@Component
class RegisteredCallbacks {

    private final WebhookEndpoints endpoints;

    RegisteredCallbacks(WebhookEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    void require(Caller caller, SubmissionForm form) {
        if (form.callbackUrl() != null && endpoints.forUrl(caller.userId(), form.callbackUrl())
                .filter(WebhookEndpoint::enabled).isEmpty()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "callback_url_not_registered",
                    "callback_url must be one of your enabled webhook endpoints (register it with POST /v1/webhooks "
                            + "on the status API)", Map.of());
        }
    }
}
