package dev.daybook.terraform;

import com.hashicorp.cdktf.App;

/** Entry point of the CDKTF app: `cdktf synth` runs this. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        App app = new App();
        new DaybookStack(app, "daybook");
        app.synth();
    }
}
