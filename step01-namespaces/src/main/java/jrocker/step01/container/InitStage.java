package jrocker.step01.container;

import jrocker.step01.linux.Syscalls;

/**
 * One step of what the container's init does before it runs the user's command, such as
 * "make all mounts private" or "set the hostname". jrocker (the parent) decides the list of stages,
 * the {@link InitPlan}; the init, already inside the new namespaces, runs them in order.
 *
 * <p>Stages are records: their components are their settings, and they travel to the init with
 * {@link Wire}. Later steps add stages (step03 {@code Chroot}) or replace them (step04 {@code PivotRoot}),
 * and may need more system calls: {@code S} is the {@link Syscalls} interface a stage needs.
 *
 * @param <S> the system calls this stage uses
 */
public interface InitStage<S extends Syscalls> {

    /** Do this stage's work; a failing call throws {@link jrocker.step01.linux.SyscallException}. */
    void run(S syscalls);

    /**
     * What an after-Go stage ({@link InitPlan#afterGo()}) needs, allocated before Ready: after Ready the init
     * may be in a cgroup with a tiny memory and pids limit (step02), so a stage that must load or allocate
     * something to run does it here. The init calls this for every after-Go stage once the other stages
     * have run. Most stages need nothing.
     */
    default void prepare(S syscalls) {
    }
}
