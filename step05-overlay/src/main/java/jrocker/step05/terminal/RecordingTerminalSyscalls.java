package jrocker.step05.terminal;

import jrocker.step01.linux.CallText;
import jrocker.step04.linux.RecordingPivotRootSyscalls;

/** The test double of step04, plus {@link #attachTerminal}, spelled as the real call traces it. */
public class RecordingTerminalSyscalls extends RecordingPivotRootSyscalls implements TerminalSyscalls {

    @Override
    public void attachTerminal(String slavePath) {
        record(CallText.call("attachTerminal", slavePath));
    }
}
