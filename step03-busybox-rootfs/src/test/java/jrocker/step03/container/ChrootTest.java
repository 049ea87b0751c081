package jrocker.step03.container;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import jrocker.step01.container.InitPlan;
import jrocker.step01.container.InitProcess;
import java.nio.file.Path;
import java.util.Optional;
import jrocker.step01.cli.NamespaceOptions;
import jrocker.step02.cgroup.ResourceLimits;
import jrocker.step03.cli.Rootfs;
import jrocker.step03.cli.RunCommand;
import jrocker.step03.cli.RunCommand.RunSpec;
import jrocker.step03.linux.RecordingRootfsSyscalls;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class ChrootTest {
    @Tag("chroot")
    @Test
    void theInitChrootsThenMovesInsideThenMountsTheNewRootsProc() {
        RecordingRootfsSyscalls syscalls = new RecordingRootfsSyscalls();
        RunSpec run = new RunSpec(new NamespaceOptions.Settings(false, false, null), ResourceLimits.NONE,
                new Rootfs.Tar(Path.of("x.tar")), List.of("/bin/sh"));
        InitPlan plan = RunCommand.initPlan(run, "box", Optional.of(Path.of("/var/lib/jrocker/x/rootfs")));

        new InitProcess(syscalls).runStages(plan.stages());

        assertEquals(List.of(
                "mount(null, /, null, MS_REC|MS_PRIVATE, null)",
                "sethostname(box)",
                "chroot(/var/lib/jrocker/x/rootfs)",
                "chdir(/)",
                "mount(proc, /proc, proc, MS_NOSUID|MS_NODEV|MS_NOEXEC, null)"), syscalls.calls());
    }

    @Test
    void containerDirectoriesLiveUnderTheDataRoot() {
        DataRoot root = new DataRoot(java.nio.file.Path.of("/data"));
        assertEquals(java.nio.file.Path.of("/data/containers/abc"), root.container("abc"));
    }
}
