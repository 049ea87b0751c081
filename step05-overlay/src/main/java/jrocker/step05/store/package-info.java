/**
 * Chapter 5, the image store: the images jrocker keeps under its data root, their names and unpacked layers,
 * and how {@code load}, {@code import}, {@code images} and {@code rmi} change and show them (progress bars,
 * sizes the way docker prints them).
 */
package jrocker.step05.store;
