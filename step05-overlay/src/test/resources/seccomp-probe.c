/*
 * Calls that docker's default seccomp profile denies, each made once; prints "NAME=EPERM", or "NAME=ok", or
 * "NAME=errno N" for another failure. Built static, so it runs in any container (see WallsPrivilegedIT).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/syscall.h>
#include <unistd.h>

static void report(const char *name, long result) {
    if (result >= 0) {
        printf("%s=ok\n", name);
    } else if (errno == EPERM) {
        printf("%s=EPERM\n", name);
    } else {
        printf("%s=errno %d\n", name, errno);
    }
}

int main(void) {
    /* KEYCTL_GET_KEYRING_ID of KEY_SPEC_SESSION_KEYRING: the kernel keyring is not namespaced */
    report("keyctl", syscall(SYS_keyctl, 0, -3, 0));
    /* a "user" key in KEY_SPEC_PROCESS_KEYRING */
    report("add_key", syscall(SYS_add_key, "user", "probe", "x", 1, -2));
    /* BPF_MAP_CREATE with no attributes: refused by the filter before the kernel looks at them */
    report("bpf", syscall(SYS_bpf, 0, NULL, 0));
    /* ADDR_NO_RANDOMIZE turns address space randomization off: not one of the allowed personas */
    long old = personality(0xffffffff);
    long changed = personality(ADDR_NO_RANDOMIZE);
    report("personality", changed);
    if (changed >= 0) {
        personality(old);
    }
    /* PTRACE_TRACEME: last, since it succeeds without a filter */
    report("ptrace", syscall(SYS_ptrace, 0, 0, NULL, NULL));
    return 0;
}
