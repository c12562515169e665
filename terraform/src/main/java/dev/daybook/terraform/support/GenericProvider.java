package dev.daybook.terraform.support;

import com.hashicorp.cdktf.TerraformProvider;
import com.hashicorp.cdktf.TerraformProviderConfig;
import com.hashicorp.cdktf.TerraformProviderGeneratorMetadata;
import java.util.Map;
import software.constructs.Construct;

/**
 * A provider without Java bindings (kubernetes, helm). cdktf writes its {@code required_providers} entry from
 * the source and version given here; its configuration is written as raw overrides, like {@link GenericResource}.
 */
public final class GenericProvider extends TerraformProvider {

    public GenericProvider(Construct scope, String name, String source, String version, Map<String, ?> settings) {
        super(scope, name, TerraformProviderConfig.builder()
                .terraformResourceType(name)
                .terraformProviderSource(source)
                .terraformGeneratorMetadata(TerraformProviderGeneratorMetadata.builder()
                        .providerName(name)
                        .providerVersionConstraint(version)
                        .build())
                .build());
        settings.forEach(this::addOverride);
    }
}
