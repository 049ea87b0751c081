/**
 * Chapter 7, the last walls: the user a container's command runs as, its capabilities, its seccomp filter and
 * the devices its cgroup allows, put up by the init right before it execs the command.
 */
package jrocker.step05.walls;
