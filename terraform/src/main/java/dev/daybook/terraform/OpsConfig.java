package dev.daybook.terraform;

import java.util.Map;

/**
 * The operator's settings for running Daybook rather than for its resources: where alerts go and which GitHub
 * repository's CI may publish images. Both optional; apart from {@link DaybookConfig} so the two can grow apart.
 *
 * @param alerts           receiver of the managed Alertmanager ({@code DAYBOOK_ALERT_*})
 * @param githubRepository {@code owner/name} whose GitHub Actions may push images to the Artifact Registry
 *                         repository through Workload Identity Federation ({@code DAYBOOK_GITHUB_REPOSITORY});
 *                         null: no federation is created
 */
public record OpsConfig(AlertReceiver alerts, String githubRepository) {

    public static final OpsConfig NONE = new OpsConfig(AlertReceiver.NONE, null);

    public OpsConfig {
        alerts = alerts == null ? AlertReceiver.NONE : alerts;
        githubRepository = githubRepository == null || githubRepository.isBlank() ? null : githubRepository.trim();
        if (githubRepository != null && !githubRepository.matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("DAYBOOK_GITHUB_REPOSITORY must be owner/name: " + githubRepository);
        }
    }

    public static OpsConfig fromEnv(Map<String, String> env) {
        return new OpsConfig(AlertReceiver.fromEnv(env), env.get("DAYBOOK_GITHUB_REPOSITORY"));
    }
}
