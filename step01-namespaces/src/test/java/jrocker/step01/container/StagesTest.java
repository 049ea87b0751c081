package jrocker.step01.container;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import jrocker.step01.linux.RecordingSyscalls;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Each of step01's stages makes exactly its one system call, with the flags chapter 1 explains. */
@Tag("init-stages") // the exercise these tests check (see docs/src/course)
class StagesTest {

    private static List<String> callsOf(InitStage<jrocker.step01.linux.Syscalls> stage) {
        RecordingSyscalls syscalls = new RecordingSyscalls();
        stage.run(syscalls);
        return syscalls.calls();
    }

    @Test
    void mountsBecomePrivateRecursivelyFromTheRootDown() {
        assertEquals(List.of("mount(null, /, null, MS_REC|MS_PRIVATE, null)"), callsOf(new Stages.MakeMountsPrivate()));
    }

    @Test
    void theHostnameIsTheOneAskedFor() {
        assertEquals(List.of("sethostname(box)"), callsOf(new Stages.SetHostname("box")));
        assertEquals(List.of("sethostname(web-1)"), callsOf(new Stages.SetHostname("web-1")));
    }

    @Test
    void procIsMountedWithoutSetuidDevicesOrExecution() {
        assertEquals(List.of("mount(proc, /proc, proc, MS_NOSUID|MS_NODEV|MS_NOEXEC, null)"), callsOf(new Stages.MountProc()));
    }
}
