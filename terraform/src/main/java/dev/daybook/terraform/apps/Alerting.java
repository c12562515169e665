package dev.daybook.terraform.apps;

import dev.daybook.terraform.AlertReceiver;
import dev.daybook.terraform.DaybookConfig;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Alerting on GKE with Managed Service for Prometheus: its rule-evaluator runs the groups of
 * {@code deploy/observability/prometheus/daybook.rules.yml} (the file {@code make rules-test} checks with promtool
 * and compose's Prometheus loads), read at synth time into one {@code Rules} resource in the services' namespace,
 * so the rules query only this install's series; the managed Alertmanager routes what fires by its configuration
 * in the {@code alertmanager} secret of {@code gmp-public}, with the receiver the operator gives
 * ({@link AlertReceiver}).
 *
 * <p>Routing: grouped by alert and by what it is about (job, stage, provider); pages repeat hourly, tickets every
 * 12 hours; a fast budget burn silences the slow alert of the same SLO and job, which fires along with it.
 */
final class Alerting {

    /** Where the rules live, relative to the repository root. */
    static final String RULES_FILE = "deploy/observability/prometheus/daybook.rules.yml";
    static final String RULES_NAME = "daybook";
    /** Where GMP's managed Alertmanager reads its configuration (the OperatorConfig's default). */
    static final String ALERTMANAGER_NAMESPACE = "gmp-public";
    static final String ALERTMANAGER_SECRET = "alertmanager";
    static final String ALERTMANAGER_KEY = "alertmanager.yaml";
    static final String RECEIVER = "daybook";

    private final DaybookConfig config;
    private final AlertReceiver receiver;
    private final Path rulesFile;

    Alerting(DaybookConfig config, AlertReceiver receiver, Path rulesFile) {
        this.config = config;
        this.receiver = receiver;
        this.rulesFile = rulesFile;
    }

    /** The rules file of the repository this runs in: found upwards from the working directory (cdktf runs in terraform/). */
    static Path findRulesFile() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(RULES_FILE);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no " + RULES_FILE + " above " + Path.of("").toAbsolutePath()
                + ": synthesize from inside the Daybook repository");
    }

    /** The {@code Rules} manifest: the file's groups as they are, strings escaped for Terraform. */
    Map<String, Object> rules() {
        return Map.of("apiVersion", "monitoring.googleapis.com/v1", "kind", "Rules",
                "metadata", Map.of("name", RULES_NAME, "namespace", config.namespace(),
                        "labels", Map.of("app.kubernetes.io/part-of", "daybook")),
                "spec", Map.of("groups", escaped(groups(rulesFile))));
    }

    /** The rule groups of a Prometheus rules file, as parsed YAML. */
    static List<Object> groups(Path rulesFile) {
        try (Reader in = Files.newBufferedReader(rulesFile)) {
            Map<String, Object> doc = new Yaml().load(in);
            @SuppressWarnings("unchecked")
            List<Object> groups = (List<Object>) doc.get("groups");
            if (groups == null || groups.isEmpty()) {
                throw new IllegalStateException(rulesFile + " has no rule groups");
            }
            return groups;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code kubernetes_secret_v1} attributes of the managed Alertmanager's configuration. */
    Map<String, Object> alertmanagerSecret() {
        return Map.of("metadata", Map.of("name", ALERTMANAGER_SECRET, "namespace", ALERTMANAGER_NAMESPACE),
                "data", Map.of(ALERTMANAGER_KEY, escape(alertmanagerYaml())));
    }

    String alertmanagerYaml() {
        Map<String, Object> am = new LinkedHashMap<>();
        am.put("route", Map.of(
                "receiver", RECEIVER,
                "group_by", List.of("alertname", "job", "stage", "provider"),
                "group_wait", "30s",
                "group_interval", "5m",
                "repeat_interval", "12h",
                "routes", List.of(Map.of("receiver", RECEIVER, "matchers", List.of("severity=\"page\""),
                        "repeat_interval", "1h"))));
        am.put("inhibit_rules", List.of(
                inhibit("DaybookApiAvailabilityBudgetBurnFast", "DaybookApiAvailabilityBudgetBurnSlow"),
                inhibit("DaybookApiLatencyBudgetBurnFast", "DaybookApiLatencyBudgetBurnSlow")));
        am.put("receivers", List.of(receiverConfig()));
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return new Yaml(options).dump(am);
    }

    private Map<String, Object> receiverConfig() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("name", RECEIVER);
        if (receiver.webhookUrl() != null) {
            r.put("webhook_configs", List.of(Map.of("url", receiver.webhookUrl(), "send_resolved", true)));
        }
        if (receiver.email() != null) {
            Map<String, Object> email = new LinkedHashMap<>();
            email.put("to", receiver.email());
            email.put("from", receiver.smtpFrom());
            email.put("smarthost", receiver.smtpSmarthost());
            if (receiver.smtpUsername() != null) {
                email.put("auth_username", receiver.smtpUsername());
                email.put("auth_password", receiver.smtpPassword());
            }
            email.put("send_resolved", true);
            r.put("email_configs", List.of(email));
        }
        return r;
    }

    private static Map<String, Object> inhibit(String fast, String slow) {
        return Map.of("source_matchers", List.of("alertname=\"" + fast + "\""),
                "target_matchers", List.of("alertname=\"" + slow + "\""),
                "equal", List.of("job"));
    }

    /**
     * Terraform reads {@code ${…}} and {@code %{…}} in any string as interpolation; a rule or template that held
     * them would be mangled, so they are escaped ({@code $${}, {@code %%{}) and reach the cluster as written.
     */
    @SuppressWarnings("unchecked")
    static Object escaped(Object node) {
        if (node instanceof String s) {
            return escape(s);
        }
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), escaped(v)));
            return copy;
        }
        if (node instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(escaped(v)));
            return copy;
        }
        return node;
    }

    static String escape(String s) {
        return s.replace("${", "$${").replace("%{", "%%{");
    }
}
