package dev.daybook.terraform.platform;

import com.hashicorp.cdktf.providers.google.container_cluster.ContainerCluster;
import com.hashicorp.cdktf.providers.google.container_cluster.ContainerClusterGatewayApiConfig;
import com.hashicorp.cdktf.providers.google.container_cluster.ContainerClusterIpAllocationPolicy;
import com.hashicorp.cdktf.providers.google.container_cluster.ContainerClusterMasterAuthorizedNetworksConfig;
import com.hashicorp.cdktf.providers.google.container_cluster.ContainerClusterMasterAuthorizedNetworksConfigCidrBlocks;
import com.hashicorp.cdktf.providers.google.container_cluster.ContainerClusterMonitoringConfig;
import com.hashicorp.cdktf.providers.google.container_cluster.ContainerClusterMonitoringConfigManagedPrometheus;
import com.hashicorp.cdktf.providers.google.container_cluster.ContainerClusterPrivateClusterConfig;
import com.hashicorp.cdktf.providers.google.container_cluster.ContainerClusterReleaseChannel;
import com.hashicorp.cdktf.providers.google.container_cluster.ContainerClusterWorkloadIdentityConfig;
import com.hashicorp.cdktf.providers.google.container_node_pool.ContainerNodePool;
import com.hashicorp.cdktf.providers.google.container_node_pool.ContainerNodePoolAutoscaling;
import com.hashicorp.cdktf.providers.google.container_node_pool.ContainerNodePoolManagement;
import com.hashicorp.cdktf.providers.google.container_node_pool.ContainerNodePoolNodeConfig;
import com.hashicorp.cdktf.providers.google.container_node_pool.ContainerNodePoolNodeConfigGuestAccelerator;
import com.hashicorp.cdktf.providers.google.container_node_pool.ContainerNodePoolNodeConfigGuestAcceleratorGpuDriverInstallationConfig;
import com.hashicorp.cdktf.providers.google.container_node_pool.ContainerNodePoolNodeConfigTaint;
import com.hashicorp.cdktf.providers.google.container_node_pool.ContainerNodePoolNodeConfigWorkloadMetadataConfig;
import com.hashicorp.cdktf.providers.google.project_iam_member.ProjectIamMember;
import com.hashicorp.cdktf.providers.google.service_account.ServiceAccount;
import dev.daybook.terraform.DaybookConfig;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/**
 * A regional GKE Standard cluster with private nodes, a control plane reachable only from the authorized
 * networks, Workload Identity, Dataplane V2 (which enforces NetworkPolicies), the Gateway API and Managed
 * Prometheus. No shared file system: every storage tier is a GCS bucket. Two node pools: CPU for the APIs, the LLM worker and Vosk, and an
 * NVIDIA L4 pool for Whisper that is tainted so nothing else lands there and that scales to and from zero, so
 * an idle install pays for no GPU.
 */
final class Cluster extends Construct {

    /** Taint of the GPU pool; GKE adds the same key itself, naming it here keeps the toleration in step. */
    static final String GPU_TAINT_KEY = "nvidia.com/gpu";
    static final String GPU_TYPE = "nvidia-l4";
    static final String GPU_MACHINE_TYPE = "g2-standard-8";
    static final String CPU_MACHINE_TYPE = "e2-standard-4";

    private static final List<String> NODE_ROLES = List.of(
            "roles/logging.logWriter", "roles/monitoring.metricWriter", "roles/monitoring.viewer",
            "roles/stackdriver.resourceMetadata.writer");

    private final ContainerCluster cluster;
    private final ContainerNodePool cpuPool;
    private final ServiceAccount nodes;

    Cluster(Construct scope, String id, DaybookConfig config, Network network) {
        super(scope, id);
        nodes = nodeServiceAccount(config);
        cluster = ContainerCluster.Builder.create(this, "cluster")
                .name(config.clusterName())
                .location(config.region())
                .network(network.vpc().getId())
                .subnetwork(network.subnet().getId())
                // Node pools are separate resources: GKE insists on a default pool at creation, we drop it.
                .removeDefaultNodePool(true)
                .initialNodeCount(1)
                .deletionProtection(config.deletionProtection())
                .releaseChannel(ContainerClusterReleaseChannel.builder().channel("REGULAR").build())
                .ipAllocationPolicy(ContainerClusterIpAllocationPolicy.builder()
                        .clusterSecondaryRangeName(Network.PODS_RANGE)
                        .servicesSecondaryRangeName(Network.SERVICES_RANGE)
                        .build())
                .privateClusterConfig(ContainerClusterPrivateClusterConfig.builder()
                        .enablePrivateNodes(true)
                        .enablePrivateEndpoint(false)
                        .masterIpv4CidrBlock("172.16.0.0/28")
                        .build())
                .masterAuthorizedNetworksConfig(ContainerClusterMasterAuthorizedNetworksConfig.builder()
                        .cidrBlocks(config.authorizedNetworks().stream()
                                .map(cidr -> ContainerClusterMasterAuthorizedNetworksConfigCidrBlocks.builder()
                                        .cidrBlock(cidr).displayName("operator " + cidr).build())
                                .toList())
                        .build())
                .workloadIdentityConfig(ContainerClusterWorkloadIdentityConfig.builder()
                        .workloadPool(config.project() + ".svc.id.goog")
                        .build())
                .datapathProvider("ADVANCED_DATAPATH")
                .gatewayApiConfig(ContainerClusterGatewayApiConfig.builder().channel("CHANNEL_STANDARD").build())
                .monitoringConfig(ContainerClusterMonitoringConfig.builder()
                        .enableComponents(java.util.List.of("SYSTEM_COMPONENTS"))
                        .managedPrometheus(ContainerClusterMonitoringConfigManagedPrometheus.builder()
                                .enabled(true).build())
                        .build())
                .build();
        cpuPool = cpuPool(config, nodes);
        gpuPool(config, nodes);
    }

    ContainerCluster cluster() {
        return cluster;
    }

    /** Anything installed into the cluster must wait for nodes to run on. */
    ContainerNodePool cpuPool() {
        return cpuPool;
    }

    /** The nodes' service account; image pulls are granted on the Artifact Registry repository ({@link Registry}). */
    ServiceAccount nodes() {
        return nodes;
    }

    /** Nodes run as their own service account with only what logging and monitoring need. */
    private ServiceAccount nodeServiceAccount(DaybookConfig config) {
        ServiceAccount sa = ServiceAccount.Builder.create(this, "node-sa")
                .accountId(config.name("nodes"))
                .displayName("Daybook GKE nodes")
                .build();
        for (String role : NODE_ROLES) {
            ProjectIamMember.Builder.create(this, "node-" + role.substring(role.indexOf('/') + 1).replace('.', '-'))
                    .project(config.project())
                    .role(role)
                    .member(sa.getMember())
                    .build();
        }
        return sa;
    }

    private ContainerNodePool cpuPool(DaybookConfig config, ServiceAccount nodes) {
        return ContainerNodePool.Builder.create(this, "cpu-pool")
                .name("cpu")
                .cluster(cluster.getId())
                .location(config.region())
                .autoscaling(ContainerNodePoolAutoscaling.builder()
                        .totalMinNodeCount(1)
                        .totalMaxNodeCount(config.cpuMaxNodes())
                        .locationPolicy("BALANCED")
                        .build())
                .management(management())
                .nodeConfig(ContainerNodePoolNodeConfig.builder()
                        .machineType(CPU_MACHINE_TYPE)
                        .diskSizeGb(100)
                        .serviceAccount(nodes.getEmail())
                        .oauthScopes(List.of("https://www.googleapis.com/auth/cloud-platform"))
                        .workloadMetadataConfig(gkeMetadata())
                        .labels(Map.of("daybook.dev/pool", "cpu"))
                        .build())
                .build();
    }

    /**
     * One L4 per node; GKE installs the driver ({@code gpu_driver_installation_config}), so no driver DaemonSet is
     * needed. {@code ANY} location policy lets the autoscaler take whichever zone has L4 capacity.
     */
    private void gpuPool(DaybookConfig config, ServiceAccount nodes) {
        ContainerNodePool.Builder.create(this, "gpu-pool")
                .name("gpu-l4")
                .cluster(cluster.getId())
                .location(config.region())
                .nodeLocations(config.gpuZones())
                .initialNodeCount(0)
                .autoscaling(ContainerNodePoolAutoscaling.builder()
                        .totalMinNodeCount(0)
                        .totalMaxNodeCount(config.gpuMaxNodes())
                        .locationPolicy("ANY")
                        .build())
                .management(management())
                .nodeConfig(ContainerNodePoolNodeConfig.builder()
                        .machineType(GPU_MACHINE_TYPE)
                        .diskSizeGb(200)
                        .serviceAccount(nodes.getEmail())
                        .oauthScopes(List.of("https://www.googleapis.com/auth/cloud-platform"))
                        .workloadMetadataConfig(gkeMetadata())
                        .labels(Map.of("daybook.dev/pool", "gpu"))
                        .guestAccelerator(List.of(ContainerNodePoolNodeConfigGuestAccelerator.builder()
                                .type(GPU_TYPE)
                                .count(1)
                                .gpuDriverInstallationConfig(List.of(
                                        ContainerNodePoolNodeConfigGuestAcceleratorGpuDriverInstallationConfig
                                                .builder().gpuDriverVersion("LATEST").build()))
                                .build()))
                        .taint(List.of(ContainerNodePoolNodeConfigTaint.builder()
                                .key(GPU_TAINT_KEY).value("present").effect("NO_SCHEDULE").build()))
                        .build())
                .build();
    }

    private static ContainerNodePoolManagement management() {
        return ContainerNodePoolManagement.builder().autoRepair(true).autoUpgrade(true).build();
    }

    /** Pods see the GKE metadata server, which is what makes Workload Identity hand out per-pod credentials. */
    private static ContainerNodePoolNodeConfigWorkloadMetadataConfig gkeMetadata() {
        return ContainerNodePoolNodeConfigWorkloadMetadataConfig.builder().mode("GKE_METADATA").build();
    }
}
