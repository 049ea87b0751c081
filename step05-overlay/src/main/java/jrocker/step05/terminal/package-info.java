/**
 * {@code run -it}: the container's command gets a terminal of its own, a pseudo-terminal (pty) from the
 * container's own devpts, so that {@code tty} names a device inside ({@code /dev/pts/0}), the shell has job
 * control, Ctrl-C interrupts the container's foreground program, and the window size follows the user's.
 *
 * <p>Who does what, in order:
 * <ol>
 *   <li>The plan jrocker sends ends its after-Go stages with {@link jrocker.step05.terminal.AttachTerminal}
 *       naming {@link jrocker.step05.terminal.PtyMaster#FIRST_SLAVE}: the pty does not exist yet, but in a fresh
 *       devpts the first one is number 0.</li>
 *   <li>The init mounts the container's /dev, with its devpts, and says Ready.</li>
 *   <li>Between Ready and Go, jrocker creates the pty from the host, through the init's root:
 *       {@link jrocker.step05.terminal.PtyMaster#openFirstInContainer}, and gives it the user's window size
 *       ({@link jrocker.step05.terminal.TerminalRelay#resizeToUserTerminal}).</li>
 *   <li>After Go, the init runs {@code AttachTerminal}: a new session, the slave as its controlling terminal and
 *       as stdin, stdout and stderr; then it execs the command, which inherits all of it.</li>
 *   <li>jrocker relays its own terminal, in raw mode, to the pty's master until the container exits
 *       ({@link jrocker.step05.terminal.TerminalRelay#relayUserTerminal}).</li>
 * </ol>
 */
package jrocker.step05.terminal;
