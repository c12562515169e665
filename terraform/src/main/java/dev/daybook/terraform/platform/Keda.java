package dev.daybook.terraform.platform;

import com.hashicorp.cdktf.TerraformProvider;
import dev.daybook.terraform.support.GenericResource;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/**
 * KEDA, installed from its Helm chart. It lives in the platform stack, not beside the ScaledObjects, because
 * Terraform's kubernetes_manifest needs the ScaledObject CRD to exist when the apps stack is planned.
 * KEDA 2.12+ is needed for the redis-streams {@code lagCount} trigger.
 */
final class Keda extends Construct {

    static final String CHART_VERSION = "2.14.2";

    Keda(Construct scope, String id, TerraformProvider helm, List<? extends com.hashicorp.cdktf.ITerraformDependable> after) {
        super(scope, id);
        GenericResource.create(this, "release", "helm_release", helm, Map.of(
                "name", "keda",
                "repository", "https://kedacore.github.io/charts",
                "chart", "keda",
                "version", CHART_VERSION,
                "namespace", "keda",
                "create_namespace", true,
                "atomic", true), after);
    }
}
