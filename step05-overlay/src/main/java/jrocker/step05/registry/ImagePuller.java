package jrocker.step05.registry;

import java.io.IOException;
import java.util.List;
import jrocker.step05.archive.Image;
import jrocker.step05.image.Descriptor;
import jrocker.step05.image.Digest;
import jrocker.step05.image.ImageIndex;
import jrocker.step05.image.ImageReference;
import jrocker.step05.image.Manifest;
import jrocker.step05.image.MediaTypes;
import jrocker.step05.image.Platform;
import jrocker.step05.image.UnsupportedMediaTypeException;
import jrocker.step05.store.ImageStore;
import jrocker.step05.store.LayerProgress;
import jrocker.step05.store.StoredImage;

/**
 * {@code docker pull}: from a reference to an image in the store. The registry is asked for the
 * manifest of the tag (or digest); an index ("manifest list") leads to the manifest for the platform; the
 * manifest names the config (whose digest is the image ID) and the layers. An image already in the store
 * (same ID) is only tagged; otherwise its config is downloaded, and its missing layers are streamed from
 * the registry straight into the store's layer unpacking, {@value #PARALLEL_DOWNLOADS} at a time.
 */
public final class ImagePuller {
    /** docker's default ({@code max-concurrent-downloads}). */
    public static final int PARALLEL_DOWNLOADS = 3;

    /** Told what a pull does, layer by layer (see {@link LayerProgress}), and of retried downloads. */
    public interface Listener extends LayerProgress {
        /** A download broke off; it is asked for again from byte {@code offset}. */
        default void retrying(Digest blob, int attempt, long offset, IOException cause) {
        }
    }

    /**
     * What a pull did.
     *
     * @param digest   the digest of the manifest (or index) the reference named: docker's "Digest:"
     * @param upToDate true if the image was in the store already and nothing was downloaded
     */
    public record Result(StoredImage image, Digest digest, boolean upToDate) {
    }

    private final ImageStore store;
    private final CredentialStore credentials;
    private final long retryPauseMillis;

    public ImagePuller(ImageStore store, CredentialStore credentials) {
        this(store, credentials, RegistryClient.FIRST_RETRY_PAUSE_MILLIS);
    }

    ImagePuller(ImageStore store, CredentialStore credentials, long retryPauseMillis) {
        this.store = store;
        this.credentials = credentials;
        this.retryPauseMillis = retryPauseMillis;
    }

    // tag::pull-image[]
    public Result pull(ImageReference reference, Platform platform, boolean tlsVerify, Listener listener)
            throws IOException {
        Registry registry = Registry.of(reference.domain(), tlsVerify);
        RegistryClient client = new RegistryClient(registry, reference.path(), credentials.find(reference.domain()),
                retryPauseMillis);
        client.ping();
        String asked = reference.digest() != null ? reference.digest().toString() : reference.tag();
        RegistryClient.Fetched named = client.manifest(asked);
        RegistryClient.Fetched chosen = named;
        if (MediaTypes.isIndex(named.mediaType())) {
            ImageIndex index = ImageIndex.parse(named.content(), "the image index " + named.digest() + " of "
                    + reference.familiar());
            Descriptor forPlatform = index.forPlatform(platform, "the image index of " + reference.familiar());
            if (!MediaTypes.isManifest(forPlatform.mediaType())) {
                throw new UnsupportedMediaTypeException("the image index of " + reference.familiar() + " lists a "
                        + forPlatform.mediaType() + " for " + platform + ", not an image manifest");
            }
            chosen = client.manifest(forPlatform.digest().toString());
        }
        if (!MediaTypes.isManifest(chosen.mediaType())) {
            throw new UnsupportedMediaTypeException("the registry sent " + reference.familiar() + " as "
                    + (chosen.mediaType().isEmpty() ? "no media type" : chosen.mediaType())
                    + ", not as an OCI or Docker schema 2 manifest or index");
        }
        String document = "the manifest " + chosen.digest() + " of " + reference.familiar();
        Manifest manifest = Manifest.parse(chosen.content(), document);
        List<ImageReference> names = reference.digest() != null ? List.of()
                : List.of(new ImageReference(reference.domain(), reference.path(), reference.tag(), null));
        ImageReference repoDigest = new ImageReference(reference.domain(), reference.path(), null, named.digest());
        Digest id = manifest.config().digest(); // the image ID: if the store has it, there is nothing to download
        if (store.has(id)) {
            return new Result(store.tag(id, names, repoDigest), named.digest(), true);
        }
        Image.checkConfigType(manifest.config(), document);
        byte[] configJson = client.smallBlob(manifest.config(), "config", (attempt, offset, cause) ->
                listener.retrying(manifest.config().digest(), attempt, offset, cause));
        Image image = Image.of(manifest, document, configJson, reference.name(), List.of(), (number, layer) ->
                () -> client.blob(layer.digest(), layer.size(),
                        (attempt, offset, cause) -> listener.retrying(layer.digest(), attempt, offset, cause)));
        return new Result(store.pull(image, names, repoDigest, listener, PARALLEL_DOWNLOADS), named.digest(), false);
    }
    // end::pull-image[]
}
