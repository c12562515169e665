package dev.daybook.terraform.support;

import com.hashicorp.cdktf.ITerraformDependable;
import com.hashicorp.cdktf.TerraformProvider;
import com.hashicorp.cdktf.TerraformResource;
import com.hashicorp.cdktf.TerraformResourceConfig;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/**
 * A resource of a provider that has no Java bindings here (kubernetes, helm). Its attributes are written as raw
 * overrides, i.e. exactly as Terraform's JSON syntax spells them: cdktf does not rename keys of an override, which
 * matters for manifests whose keys are camelCase ({@code scaleTargetRef}) and for labels with dots and slashes.
 */
public final class GenericResource {

    private GenericResource() {
    }

    public static TerraformResource create(Construct scope, String id, String type, TerraformProvider provider,
            Map<String, ?> attributes, List<? extends ITerraformDependable> dependsOn) {
        TerraformResource resource = new TerraformResource(scope, id, TerraformResourceConfig.builder()
                .terraformResourceType(type)
                .provider(provider)
                .dependsOn(List.copyOf(dependsOn))
                .build());
        attributes.forEach(resource::addOverride);
        return resource;
    }

    public static TerraformResource create(Construct scope, String id, String type, TerraformProvider provider,
            Map<String, ?> attributes) {
        return create(scope, id, type, provider, attributes, List.of());
    }
}
