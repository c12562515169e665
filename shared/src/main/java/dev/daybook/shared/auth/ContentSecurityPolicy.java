package dev.daybook.shared.auth;

/**
 * The {@code Content-Security-Policy} every response of a service carries. Without a bean of this type it is
 * {@link #API}: an API answers JSON and files, never a page, so nothing may load, run or frame it. A service
 * that serves pages declares a bean naming exactly what its pages load.
 */
@FunctionalInterface
public interface ContentSecurityPolicy {

    String API = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /** Where springdoc serves the Swagger UI page and its assets (the paths {@link AuthProperties} opens). */
    String[] API_DOCS_PATHS = {"/swagger-ui/**", "/swagger-ui.html"};

    /**
     * The Swagger UI page's policy, whatever the service's: its scripts, styles, images and the API description
     * from this service only. Swagger UI sets styles from script (inline {@code <style>} elements and style
     * attributes), so styles may be inline; scripts may not, and nothing may frame the page.
     */
    String API_DOCS = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    String directives();
}
