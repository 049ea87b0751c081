package jrocker.step05;

import jrocker.step01.cli.Cli;
import jrocker.step01.cli.Step;
import jrocker.step05.cli.JrockerCommand;
import jrocker.step05.cli.WallChecks;
import jrocker.step05.linux.LifecycleSyscalls;
import jrocker.step05.linux.LinuxLifecycleSyscalls;

/** {@code jrocker} of step05: containers from images, on overlayfs. */
public final class Main {
    /** Step 5: images, overlayfs and the container lifecycle; from now on overlayfs is required (doctor says so), and
     * libseccomp for the container's walls. */
    public static final Step<LifecycleSyscalls> STEP = new Step<>(5, "step05-overlay", Main.class,
            new LinuxLifecycleSyscalls(), JrockerCommand.class, WallChecks.STEP05);

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(Cli.execute(args, STEP));
    }
}
