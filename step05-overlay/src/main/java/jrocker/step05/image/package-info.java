/**
 * Chapter 5, the image model: what an OCI or docker image says about itself, read from its JSON documents.
 * Image references ({@code busybox:1.36}), content digests, descriptors, manifests, indexes, the image config
 * and platforms, the media types that name them, and the JSON mapping they all go through.
 */
package jrocker.step05.image;
