package jrocker.step03.linux;

import jrocker.step01.linux.CallText;
import jrocker.step01.linux.RecordingSyscalls;

/** The test double of step01, plus chroot and chdir. */
public class RecordingRootfsSyscalls extends RecordingSyscalls implements RootfsSyscalls {

    @Override
    public void chroot(String path) {
        record(CallText.call("chroot", path));
    }

    @Override
    public void chdir(String path) {
        record(CallText.call("chdir", path));
    }
}
