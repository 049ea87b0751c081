package jrocker.step03.container;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import jrocker.step01.container.InitPlan;
import jrocker.step01.container.InitProcess;
import jrocker.step01.container.Stages;
import jrocker.step03.linux.RecordingRootfsSyscalls;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class ChrootTest {
    @Tag("chroot")
    @Test
    void theInitChrootsThenMovesInsideThenMountsTheNewRootsProc() {
        RecordingRootfsSyscalls syscalls = new RecordingRootfsSyscalls();
        InitPlan plan = new InitPlan(
                List.of(new Stages.MakeMountsPrivate(), new Stages.SetHostname("box"), new Chroot("/var/lib/jrocker/x/rootfs"),
                        new Stages.MountProc()),
                List.of(), new InitPlan.Command(List.of("/bin/sh"), List.of()));

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
