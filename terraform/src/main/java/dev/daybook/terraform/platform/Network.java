package dev.daybook.terraform.platform;

import com.hashicorp.cdktf.providers.google.compute_network.ComputeNetwork;
import com.hashicorp.cdktf.providers.google.compute_router.ComputeRouter;
import com.hashicorp.cdktf.providers.google.compute_router_nat.ComputeRouterNat;
import com.hashicorp.cdktf.providers.google.compute_subnetwork.ComputeSubnetwork;
import com.hashicorp.cdktf.providers.google.compute_subnetwork.ComputeSubnetworkSecondaryIpRange;
import dev.daybook.terraform.DaybookConfig;
import java.util.List;
import software.constructs.Construct;

/**
 * A VPC with one subnet for the cluster (secondary ranges for pods and services, as a VPC-native cluster needs)
 * and Cloud NAT: the nodes are private, yet the LLM worker calls provider APIs on the internet.
 */
final class Network extends Construct {

    static final String PODS_RANGE = "pods";
    static final String SERVICES_RANGE = "services";

    private final ComputeNetwork vpc;
    private final ComputeSubnetwork subnet;

    Network(Construct scope, String id, DaybookConfig config) {
        super(scope, id);
        vpc = ComputeNetwork.Builder.create(this, "vpc")
                .name(config.name("vpc"))
                .autoCreateSubnetworks(false)
                .build();
        subnet = ComputeSubnetwork.Builder.create(this, "subnet")
                .name(config.name("nodes"))
                .region(config.region())
                .network(vpc.getId())
                .ipCidrRange("10.10.0.0/20")
                .privateIpGoogleAccess(true)
                .secondaryIpRange(List.of(
                        ComputeSubnetworkSecondaryIpRange.builder()
                                .rangeName(PODS_RANGE).ipCidrRange("10.20.0.0/14").build(),
                        ComputeSubnetworkSecondaryIpRange.builder()
                                .rangeName(SERVICES_RANGE).ipCidrRange("10.24.0.0/20").build()))
                .build();
        ComputeRouter router = ComputeRouter.Builder.create(this, "router")
                .name(config.name("router"))
                .region(config.region())
                .network(vpc.getId())
                .build();
        ComputeRouterNat.Builder.create(this, "nat")
                .name(config.name("nat"))
                .region(config.region())
                .router(router.getName())
                .natIpAllocateOption("AUTO_ONLY")
                .sourceSubnetworkIpRangesToNat("ALL_SUBNETWORKS_ALL_IP_RANGES")
                .build();
    }

    ComputeNetwork vpc() {
        return vpc;
    }

    ComputeSubnetwork subnet() {
        return subnet;
    }
}
