/**
 * The stages step05 adds to a container's start: chapter 5's (a container made from an image, its layers
 * stacked with overlayfs, volumes, the working directory) and chapter 6's (a terminal with {@code -t}, and
 * for {@code exec} joining a running container's namespaces and cgroup).
 */
package jrocker.step05.container;
