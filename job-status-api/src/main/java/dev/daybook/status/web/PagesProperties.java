package dev.daybook.status.web;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the web pages need to know about the rest of the stack.
 *
 * @param ingestionBaseUrl where the diary page submits recordings (the ingestion API allows CORS from here)
 */
@ConfigurationProperties("daybook.pages")
record PagesProperties(@DefaultValue("http://localhost:8080") URI ingestionBaseUrl) {

    PagesProperties {
        if (!"http".equals(ingestionBaseUrl.getScheme()) && !"https".equals(ingestionBaseUrl.getScheme())) {
            throw new IllegalArgumentException("daybook.pages.ingestion-base-url must be http(s): " + ingestionBaseUrl);
        }
    }
}
