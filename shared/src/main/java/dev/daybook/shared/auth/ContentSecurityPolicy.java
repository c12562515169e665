package dev.daybook.shared.auth;

/**
 * The {@code Content-Security-Policy} every response of a service carries. Without a bean of this type it is
 * {@link #API}: an API answers JSON and files, never a page, so nothing may load, run or frame it. A service
 * that serves pages declares a bean naming exactly what its pages load.
 */
@FunctionalInterface
public interface ContentSecurityPolicy {

    String API = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    String directives();
}
