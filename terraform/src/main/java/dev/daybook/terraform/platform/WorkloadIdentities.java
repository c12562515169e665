package dev.daybook.terraform.platform;

import com.hashicorp.cdktf.providers.google.container_cluster.ContainerCluster;
import com.hashicorp.cdktf.providers.google.service_account.ServiceAccount;
import com.hashicorp.cdktf.providers.google.service_account_iam_member.ServiceAccountIamMember;
import com.hashicorp.cdktf.providers.google.storage_bucket.StorageBucket;
import com.hashicorp.cdktf.providers.google.storage_bucket_iam_member.StorageBucketIamMember;
import dev.daybook.terraform.DaybookConfig;
import dev.daybook.terraform.DaybookService;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/**
 * One GCP service account per service, usable only by that service's Kubernetes service account (Workload
 * Identity), with roles on the buckets and nothing else: every service writes the hot tier (uploads,
 * transcripts, notes); on warm and cold readers get objectViewer, job-status-api (deletion and tiering)
 * objectAdmin; the transcription worker reads the models bucket. No project-wide storage role, no keys.
 */
final class WorkloadIdentities extends Construct {

    private final Map<DaybookService, ServiceAccount> accounts = new EnumMap<>(DaybookService.class);

    WorkloadIdentities(Construct scope, String id, DaybookConfig config, ContainerCluster cluster,
            List<StorageBucket> tiers, StorageBucket hot, StorageBucket models) {
        super(scope, id);
        for (DaybookService service : DaybookService.values()) {
            ServiceAccount sa = ServiceAccount.Builder.create(this, service.shortName() + "-sa")
                    .accountId(config.serviceAccountId(service))
                    .displayName("Daybook " + service.serviceName())
                    .build();
            accounts.put(service, sa);
            // The workload pool exists only once the cluster does.
            ServiceAccountIamMember.Builder.create(this, service.shortName() + "-wi")
                    .serviceAccountId(sa.getName())
                    .role("roles/iam.workloadIdentityUser")
                    .member("serviceAccount:" + config.project() + ".svc.id.goog["
                            + config.namespace() + "/" + service.serviceName() + "]")
                    .dependsOn(List.of(cluster))
                    .build();
            for (StorageBucket bucket : tiers) {
                String role = bucket == hot ? roleFor(DaybookService.BucketAccess.READ_WRITE)
                        : roleFor(service.bucketAccess());
                grant(service, bucket, role, sa);
            }
            if (service == DaybookService.TRANSCRIPTION_WORKER) {
                grant(service, models, "roles/storage.objectViewer", sa);
            }
        }
    }

    /** The GCP service account a service's pods act as (Cloud SQL logs them in under it too). */
    ServiceAccount account(DaybookService service) {
        return accounts.get(service);
    }

    private void grant(DaybookService service, StorageBucket bucket, String role, ServiceAccount sa) {
        StorageBucketIamMember.Builder.create(this, service.shortName() + "-" + bucket.getNode().getId())
                .bucket(bucket.getName())
                .role(role)
                .member(sa.getMember())
                .build();
    }

    static String roleFor(DaybookService.BucketAccess access) {
        return switch (access) {
            case READ -> "roles/storage.objectViewer";
            case READ_WRITE -> "roles/storage.objectAdmin";
        };
    }
}
