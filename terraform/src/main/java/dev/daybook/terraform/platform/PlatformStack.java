package dev.daybook.terraform.platform;

import com.hashicorp.cdktf.Fn;
import com.hashicorp.cdktf.TerraformOutput;
import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.providers.google.data_google_client_config.DataGoogleClientConfig;
import com.hashicorp.cdktf.providers.google.provider.GoogleProvider;
import dev.daybook.terraform.DaybookConfig;
import dev.daybook.terraform.OpsConfig;
import dev.daybook.terraform.support.GenericProvider;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/**
 * The GCP side: network, GKE with a CPU and a GPU pool, Memorystore (AUTH + TLS), Cloud SQL for PostgreSQL (private,
 * regional, IAM logins), the hot, warm, cold and models buckets, Workload Identity service accounts, the Gateway's
 * address and certificate, KEDA, the Artifact Registry repository of the images and the trace collector's identity.
 * The apps stack finds what it needs here by name (see {@link DaybookConfig})
 * rather than through cross-stack references, so each stack plans and tests on its own.
 */
public final class PlatformStack extends TerraformStack {

    /** The google provider both stacks use: 5.x from 5.24 on (soft delete, Certificate Manager, Gateway API). */
    public static final String GOOGLE_PROVIDER_VERSION = "~> 5.24";

    public PlatformStack(Construct scope, String id, DaybookConfig config) {
        this(scope, id, config, OpsConfig.NONE);
    }

    public PlatformStack(Construct scope, String id, DaybookConfig config, OpsConfig ops) {
        super(scope, id);
        GoogleProvider.Builder.create(this, "google")
                .project(config.project())
                .region(config.region())
                .build();
        // Bucket soft_delete_policy needs a newer google provider than the one these bindings were made from.
        addOverride("terraform.required_providers.google.version", GOOGLE_PROVIDER_VERSION);
        Network network = new Network(this, "network", config);
        Cluster cluster = new Cluster(this, "gke", config, network);
        Memorystore memorystore = new Memorystore(this, "memorystore", config, network.vpc());
        Buckets buckets = new Buckets(this, "buckets", config);
        WorkloadIdentities identities = new WorkloadIdentities(this, "identities", config, cluster.cluster(),
                buckets.tiers(), buckets.hot(), buckets.models());
        CloudSql sql = new CloudSql(this, "cloudsql", config, network.vpc(), identities::account);
        Certificates certificates = new Certificates(this, "certificates", config);
        new Keda(this, "keda", helm(cluster), List.of(cluster.cpuPool()));
        Registry registry = new Registry(this, "registry", config, ops, cluster.nodes());
        TraceWriter traceWriter = new TraceWriter(this, "trace-writer", config, cluster.cluster());

        output("cluster_name", cluster.cluster().getName());
        output("redis_host", memorystore.redis().getHost());
        output("sql_connection_name", sql.instance().getConnectionName());
        output("sql_private_ip", sql.instance().getPrivateIpAddress());
        buckets.tiers().forEach(b -> output(b.getNode().getId() + "_bucket", b.getName()));
        output("models_bucket", buckets.models().getName());
        output("image_registry", config.imageRegistry());
        output("trace_writer_service_account", traceWriter.account().getEmail());
        registry.githubProvider().ifPresent(p -> output("github_workload_identity_provider", p.getName()));
        registry.publisher().ifPresent(p -> output("github_publisher_service_account", p.getEmail()));
        // Point both DNS names (A records) here; the managed certificate is issued once they resolve.
        output("gateway_ip", certificates.address().getAddress());
    }

    /** Helm talks to the new cluster with the deploying identity's own access token. */
    private GenericProvider helm(Cluster cluster) {
        DataGoogleClientConfig client = DataGoogleClientConfig.Builder.create(this, "client").build();
        return new GenericProvider(this, "helm", "hashicorp/helm", "~> 2.12", Map.of(
                "kubernetes", Map.of(
                        "host", "https://" + cluster.cluster().getEndpoint(),
                        "token", client.getAccessToken(),
                        "cluster_ca_certificate",
                        Fn.base64decode(cluster.cluster().getMasterAuth().getClusterCaCertificate()))));
    }

    private void output(String name, String value) {
        TerraformOutput.Builder.create(this, name).value(value).build();
    }
}
