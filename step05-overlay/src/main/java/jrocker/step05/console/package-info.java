/**
 * Chapter 6, living with containers: a container's output and input after {@code run} has shown them. Every
 * container has a log ({@link jrocker.step05.console.ContainerLog}), which {@code logs} reads; a foreground
 * {@code run} copies the output to your terminal and the log ({@link jrocker.step05.console.ForegroundOutput});
 * a detached container has a console, a small JVM of its own ({@link jrocker.step05.console.ConsoleMain}), that
 * writes its log and serves {@code attach} ({@link jrocker.step05.console.ConsoleKeeper},
 * {@link jrocker.step05.console.Attacher}).
 */
package jrocker.step05.console;
