package jrocker.step05.container;

import jrocker.step01.container.InitStage;
import jrocker.step04.linux.PivotRootSyscalls;

/**
 * The image's WorkingDir, or {@code -w}: where the command starts, inside the container's root. {@code run}
 * creates it when the image lacks it, as docker does; {@code exec} does not (a typo must not make
 * directories in a running container).
 */
public record ChangeDirectory(String directory, boolean createMissing) implements InitStage<PivotRootSyscalls> {
    @Override
    public void run(PivotRootSyscalls syscalls) {
        if (createMissing) {
            StringBuilder path = new StringBuilder();
            for (String component : directory.split("/")) {
                if (!component.isEmpty()) {
                    path.append('/').append(component);
                    syscalls.mkdir(path.toString(), 0755); // an existing directory is fine
                }
            }
        }
        syscalls.chdir(directory);
    }
}
