package dev.daybook.terraform.platform;

import com.hashicorp.cdktf.providers.google.container_cluster.ContainerCluster;
import com.hashicorp.cdktf.providers.google.service_account.ServiceAccount;
import com.hashicorp.cdktf.providers.google.service_account_iam_member.ServiceAccountIamMember;
import com.hashicorp.cdktf.providers.google.storage_bucket.StorageBucket;
import com.hashicorp.cdktf.providers.google.storage_bucket_iam_member.StorageBucketIamMember;
import dev.daybook.terraform.DaybookConfig;
import dev.daybook.terraform.DaybookService;
import java.util.List;
import software.constructs.Construct;

/**
 * One GCP service account per service, usable only by that service's Kubernetes service account (Workload
 * Identity), with a role on the two tier buckets and nothing else: readers get objectViewer, job-status-api
 * (deletion and tiering) objectAdmin. No project-wide storage role, no keys.
 */
final class WorkloadIdentities extends Construct {

    WorkloadIdentities(Construct scope, String id, DaybookConfig config, ContainerCluster cluster,
            List<StorageBucket> buckets) {
        super(scope, id);
        for (DaybookService service : DaybookService.values()) {
            ServiceAccount sa = ServiceAccount.Builder.create(this, service.shortName() + "-sa")
                    .accountId(config.serviceAccountId(service))
                    .displayName("Daybook " + service.serviceName())
                    .build();
            // The workload pool exists only once the cluster does.
            ServiceAccountIamMember.Builder.create(this, service.shortName() + "-wi")
                    .serviceAccountId(sa.getName())
                    .role("roles/iam.workloadIdentityUser")
                    .member("serviceAccount:" + config.project() + ".svc.id.goog["
                            + config.namespace() + "/" + service.serviceName() + "]")
                    .dependsOn(List.of(cluster))
                    .build();
            for (StorageBucket bucket : buckets) {
                StorageBucketIamMember.Builder.create(this,
                                service.shortName() + "-" + bucket.getNode().getId())
                        .bucket(bucket.getName())
                        .role(roleFor(service.bucketAccess()))
                        .member(sa.getMember())
                        .build();
            }
        }
    }

    static String roleFor(DaybookService.BucketAccess access) {
        return switch (access) {
            case READ -> "roles/storage.objectViewer";
            case READ_WRITE -> "roles/storage.objectAdmin";
        };
    }
}
