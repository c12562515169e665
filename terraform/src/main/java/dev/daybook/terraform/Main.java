package dev.daybook.terraform;

import com.hashicorp.cdktf.App;
import dev.daybook.terraform.apps.AppsStack;
import dev.daybook.terraform.platform.PlatformStack;

/**
 * Entry point of the CDKTF app ({@code cdktf synth} runs it through cdktf.json). Two stacks, deployed in order:
 * {@code daybook-platform} (GCP resources and KEDA), then {@code daybook-apps} (the services on Kubernetes).
 */
public final class Main {

    public static final String PLATFORM_STACK = "daybook-platform";
    public static final String APPS_STACK = "daybook-apps";

    private Main() {
    }

    public static void main(String[] args) {
        App app = new App();
        build(app, DaybookConfig.fromEnv(System.getenv()), OpsConfig.fromEnv(System.getenv()));
        app.synth();
    }

    /** Adds both stacks to {@code app}; the apps stack is deployed after the platform it runs on. */
    public static void build(App app, DaybookConfig config) {
        build(app, config, OpsConfig.NONE);
    }

    /** As {@link #build(App, DaybookConfig)}, with where alerts go and which CI may publish images. */
    public static void build(App app, DaybookConfig config, OpsConfig ops) {
        PlatformStack platform = new PlatformStack(app, PLATFORM_STACK, config, ops);
        AppsStack apps = new AppsStack(app, APPS_STACK, config, ops);
        apps.addDependency(platform);
    }
}
