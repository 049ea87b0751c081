package jrocker.step05.container;

import java.util.function.IntSupplier;
import jrocker.step01.container.HostStage;
import jrocker.step05.terminal.AttachTerminal;
import jrocker.step05.terminal.PtyMaster;
import jrocker.step05.terminal.TerminalRelay;

// tag::terminal[]
/**
 * -t: the container gets a terminal of its own, a pty from its own devpts, so that {@code tty} names a
 * device inside (/dev/pts/0). jrocker opens the master side between Ready (the init has mounted /dev)
 * and Go, through the init's root; after Go, the init makes the slave its controlling terminal and its
 * stdio ({@link AttachTerminal}). jrocker then relays between your terminal and the master
 * ({@link TerminalRelay}).
 */
public final class ContainerTerminal implements HostStage {
    /** The master side of the container's terminal, from Ready on. */
    private volatile PtyMaster master;

    @Override
    public void betweenReadyAndGo(long initPid) {
        master = PtyMaster.openFirstInContainer(initPid);
        TerminalRelay.resizeToUserTerminal(master);
    }

    /** Relay your terminal (the keyboard too with {@code interactive}) and the container's until {@code waitForExit} returns. */
    public int relay(boolean interactive, IntSupplier waitForExit) {
        return TerminalRelay.relayUserTerminal(master, interactive, waitForExit);
    }

    /** The relay closed the master, unless the start failed. */
    @Override
    public void undo() {
        PtyMaster opened = master;
        if (opened != null) {
            opened.close();
        }
    }
}
// end::terminal[]
