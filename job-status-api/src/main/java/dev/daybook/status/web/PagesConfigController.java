package dev.daybook.status.web;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Hands the static pages their configuration, so the same files work in every environment. */
@RestController
@EnableConfigurationProperties(PagesProperties.class)
class PagesConfigController {

    private final PagesProperties properties;

    PagesConfigController(PagesProperties properties) {
        this.properties = properties;
    }

    record PagesConfig(String ingestionBaseUrl) {
    }

    @GetMapping("/pages/config.json")
    PagesConfig config() {
        String base = properties.ingestionBaseUrl().toString();
        return new PagesConfig(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    }
}
