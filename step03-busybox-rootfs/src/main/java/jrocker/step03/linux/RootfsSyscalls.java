package jrocker.step03.linux;

import jrocker.step01.linux.Syscalls;

/** step01's system calls, plus the two step03 needs to give a container its own root directory. */
public interface RootfsSyscalls extends Syscalls {

    /** chroot(2). */
    void chroot(String path);

    /** chdir(2). */
    void chdir(String path);
}
