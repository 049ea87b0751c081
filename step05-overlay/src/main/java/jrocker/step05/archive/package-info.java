/**
 * Chapter 5, reading image archives: a {@code docker save} tar and an OCI image layout (a directory or its
 * tar), each turned into one {@link jrocker.step05.archive.Image}, its config and its layers, found by the
 * name a user gives.
 */
package jrocker.step05.archive;
