package jrocker.step05.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.List;
import jrocker.step01.container.InitPlan;
import jrocker.step01.container.InitProcess;
import jrocker.step01.container.Message;
import jrocker.step01.container.Wire;
import jrocker.step05.linux.RecordingTerminalSyscalls;
import org.junit.jupiter.api.Test;

class AttachTerminalTest {
    @Test
    void itAsksForTheTerminalOnceWithItsPath() {
        RecordingTerminalSyscalls syscalls = new RecordingTerminalSyscalls();

        new AttachTerminal("/dev/pts/0").run(syscalls);

        assertEquals(List.of("attachTerminal(/dev/pts/0)"), syscalls.calls());
    }

    @Test
    void theInitBindsTheTerminalsFunctionsBeforeReadyAndOnlyWithATerminal() {
        InitPlan.Command sh = new InitPlan.Command(List.of("/bin/sh"), List.of());
        RecordingTerminalSyscalls withTerminal = new RecordingTerminalSyscalls();
        InitProcess init = new InitProcess(withTerminal);

        init.prepare(new InitPlan(List.of(), List.of(new AttachTerminal(PtyMaster.FIRST_SLAVE)), sh)); // until Ready
        assertEquals(List.of("prepareTerminal()"), withTerminal.calls(), "bound before Ready, attached only after Go");
        init.runStages(List.of(new AttachTerminal(PtyMaster.FIRST_SLAVE))); // after Go
        assertEquals(List.of("prepareTerminal()", "attachTerminal(/dev/pts/0)"), withTerminal.calls());

        RecordingTerminalSyscalls withoutTerminal = new RecordingTerminalSyscalls();
        new InitProcess(withoutTerminal).prepare(new InitPlan(List.of(), List.of(), sh));
        assertEquals(List.of(), withoutTerminal.calls(), "an init without -t binds nothing for a terminal");
    }

    @Test
    void itTravelsToTheInitAsAnAfterGoStage() throws Exception {
        Message.Start start = new Message.Start(new InitPlan(List.of(), List.of(new AttachTerminal(PtyMaster.FIRST_SLAVE)),
                new InitPlan.Command(List.of("sh"), List.of())));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Wire.write(new DataOutputStream(bytes), start);

        assertEquals(start, Wire.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))));
    }

    @Test
    void onlyAPtySlaveCanBeAttached() {
        // The init opens this path as root and hands it to the command: nothing else may arrive here.
        for (String path : List.of("/dev/sda", "/dev/pts/", "/dev/pts/ptmx", "/dev/pts/../sda", "/dev/pts/1/x", "dev/pts/1", "")) {
            assertThrows(IllegalArgumentException.class, () -> new AttachTerminal(path), path);
        }
        assertThrows(IllegalArgumentException.class, () -> new AttachTerminal(null));
        assertEquals("/dev/pts/12", new AttachTerminal("/dev/pts/12").slavePath());
    }
}
