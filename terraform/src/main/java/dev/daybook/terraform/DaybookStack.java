package dev.daybook.terraform;

import com.hashicorp.cdktf.TerraformStack;
import software.constructs.Construct;

/** The GKE deployment of Daybook. */
public class DaybookStack extends TerraformStack {

    public DaybookStack(Construct scope, String id) {
        super(scope, id);
    }
}
