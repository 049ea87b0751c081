/**
 * Chapter 5, layers on disk for overlayfs: unpacking a layer into its own directory, with its whiteouts
 * turned into what overlayfs understands, and, for {@code commit} and {@code export}, the way back, from a
 * container's upper directory to a layer tar.
 */
package jrocker.step05.layer;
