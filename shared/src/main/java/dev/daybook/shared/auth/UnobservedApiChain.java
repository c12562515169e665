package dev.daybook.shared.auth;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Spring Security's filter-chain observations everywhere except on the bearer API chain ({@code /v1/**}).
 *
 * <p>Each observed chain adds two observations (spans "security filterchain before/after") and an event per filter
 * to every request. On a status poll that was about a fifth of its CPU, for nothing the request's own server
 * observation ({@code http.server.requests}, its span and timer) and the authorization observation (kept: the
 * decision and the authorities) do not already record. Pages, documents and actuator endpoints keep them as Spring
 * configures them; so does everything when the application declares its own chains.
 */
final class UnobservedApiChain implements FilterChainProxy.FilterChainDecorator {

    private final RequestMatcher api;
    private final FilterChainProxy.FilterChainDecorator observed;
    private final FilterChainProxy.FilterChainDecorator plain;

    UnobservedApiChain(RequestMatcher api, FilterChainProxy.FilterChainDecorator observed,
                       FilterChainProxy.FilterChainDecorator plain) {
        this.api = api;
        this.observed = observed;
        this.plain = plain;
    }

    /** A request no chain matches: observed, as Spring does it. */
    @Override
    public FilterChain decorate(FilterChain original) {
        return observed.decorate(original);
    }

    /** Called per request by {@link FilterChainProxy}; only the chain this request takes is built. */
    @Override
    public FilterChain decorate(FilterChain original, List<Filter> filters) {
        return (request, response) -> (api.matches((HttpServletRequest) request) ? plain : observed)
                .decorate(original, filters).doFilter(request, response);
    }
}
