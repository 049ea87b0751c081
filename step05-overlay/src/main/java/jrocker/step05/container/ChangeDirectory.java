package jrocker.step05.container;

import jrocker.step01.container.InitStage;
import jrocker.step03.linux.RootfsSyscalls;

/** The image's WorkingDir (or run -w): where the command starts, inside the container's root. */
public record ChangeDirectory(String directory) implements InitStage<RootfsSyscalls> {
    @Override
    public void run(RootfsSyscalls syscalls) {
        syscalls.chdir(directory);
    }
}
