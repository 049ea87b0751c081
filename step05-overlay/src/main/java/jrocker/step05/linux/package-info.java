/**
 * The kernel and C library calls step05 adds, behind interfaces with recording doubles for tests: overlayfs's
 * extended attributes (chapter 5), namespaces, signals and terminals (chapter 6), capabilities, seccomp and
 * cgroup device programs (chapter 7). The only package that binds native code.
 */
package jrocker.step05.linux;
