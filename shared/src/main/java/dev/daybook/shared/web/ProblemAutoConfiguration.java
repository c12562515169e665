package dev.daybook.shared.web;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * problem+json for every error of every Daybook web service: the controller advice, the container's error
 * page, and the first filter, which refuses a query string that does not decode. Before Boot's error auto-configuration, so its whitelabel/JSON error controller is not created.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
public class ProblemAutoConfiguration {

    @Bean
    ProblemAdvice daybookProblemAdvice(ObjectProvider<ProblemListener> listeners) {
        return new ProblemAdvice(listeners.orderedStream().toList());
    }

    @Bean
    ProblemErrorController daybookProblemErrorController() {
        return new ProblemErrorController();
    }

    /** First of all filters, so that nothing after it (security, actuator, a controller) trips over the query. */
    @Bean
    FilterRegistrationBean<MalformedQueryFilter> daybookMalformedQueryFilter() {
        FilterRegistrationBean<MalformedQueryFilter> registration = new FilterRegistrationBean<>(new MalformedQueryFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory")
    static class Tomcat {
        @Bean
        TomcatProblems daybookTomcatProblems() {
            return new TomcatProblems();
        }
    }
}
