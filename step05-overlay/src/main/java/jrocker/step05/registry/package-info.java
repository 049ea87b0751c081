/**
 * Chapter 5, pulling images from a registry: the OCI distribution API (docker's "registry v2") asked for a
 * manifest, a config and layer blobs, with the token handshake and the credentials of {@code jrocker login};
 * the image store keeps what it fetches, verified like a loaded archive.
 */
package jrocker.step05.registry;
