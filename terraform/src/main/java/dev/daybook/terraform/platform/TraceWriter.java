package dev.daybook.terraform.platform;

import com.hashicorp.cdktf.providers.google.container_cluster.ContainerCluster;
import com.hashicorp.cdktf.providers.google.project_iam_member.ProjectIamMember;
import com.hashicorp.cdktf.providers.google.service_account.ServiceAccount;
import com.hashicorp.cdktf.providers.google.service_account_iam_member.ServiceAccountIamMember;
import dev.daybook.terraform.DaybookConfig;
import java.util.List;
import software.constructs.Construct;

/**
 * The identity the OpenTelemetry collector (apps stack) writes spans to Cloud Trace as: its own service account
 * with {@code roles/cloudtrace.agent} only, usable only by the collector's Kubernetes service account. The services
 * themselves hold no Cloud Trace role; they send OTLP to the collector inside the cluster.
 */
final class TraceWriter extends Construct {

    private final ServiceAccount account;

    TraceWriter(Construct scope, String id, DaybookConfig config, ContainerCluster cluster) {
        super(scope, id);
        account = ServiceAccount.Builder.create(this, "otel-sa")
                .accountId(config.traceCollectorAccountId())
                .displayName("Daybook OpenTelemetry collector")
                .build();
        ProjectIamMember.Builder.create(this, "otel-trace-agent")
                .project(config.project())
                .role("roles/cloudtrace.agent")
                .member(account.getMember())
                .build();
        ServiceAccountIamMember.Builder.create(this, "otel-wi")
                .serviceAccountId(account.getName())
                .role("roles/iam.workloadIdentityUser")
                .member("serviceAccount:" + config.project() + ".svc.id.goog["
                        + config.namespace() + "/" + DaybookConfig.TRACE_COLLECTOR + "]")
                .dependsOn(List.of(cluster))
                .build();
    }

    ServiceAccount account() {
        return account;
    }
}
