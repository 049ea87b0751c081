package jrocker.step05;

import jrocker.step01.cli.Cli;
import jrocker.step05.linux.LinuxLifecycleSyscalls;
import jrocker.step05.cli.JrockerCommand;

/** {@code jrocker} of step05: containers from images, on overlayfs. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(Cli.execute(args, new JrockerCommand(), new LinuxLifecycleSyscalls()));
    }
}
