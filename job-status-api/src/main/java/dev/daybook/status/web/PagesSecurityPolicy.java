package dev.daybook.status.web;

import dev.daybook.shared.auth.ContentSecurityPolicy;
import java.net.URI;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The pages' Content-Security-Policy: scripts, styles and data from this service only, uploads to the
 * ingestion API, recordings played from blob URLs, and never framed. Inline style attributes are allowed (the
 * pages use a few); inline scripts are not.
 */
@Configuration(proxyBeanMethods = false)
class PagesSecurityPolicy {

    @Bean
    ContentSecurityPolicy pagesContentSecurityPolicy(PagesProperties pages) {
        URI ingestion = pages.ingestionBaseUrl();
        String origin = ingestion.getScheme() + "://" + ingestion.getAuthority();
        String policy = "default-src 'none'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; "
                + "img-src 'self' data:; media-src 'self' blob:; connect-src 'self' " + origin + "; "
                + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
        return () -> policy;
    }
}
