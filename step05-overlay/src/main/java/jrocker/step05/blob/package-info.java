/**
 * Chapter 5, never trust a blob: a layer as a blob of bytes, read through streams that check its digest, its
 * size and, once decompressed (gzip or zstd), its diff ID. What these streams hand on is verified when they
 * end, so a reader treats it as untrusted until then.
 */
package jrocker.step05.blob;
