package jrocker.step05.store;

import jrocker.step05.blob.Layer;

/**
 * Told how each layer of a pull (or load) gets on: docker's per-layer lines ({@code Pulling fs layer},
 * {@code Downloading}, {@code Pull complete}, {@code Already exists}). Called from several threads at once
 * when layers are downloaded in parallel.
 */
public interface LayerProgress {
    /** Ignores everything. */
    LayerProgress NONE = new LayerProgress() {
        @Override
        public void status(Layer layer, Status status) {
        }

        @Override
        public void bytes(Layer layer, long read) {
        }
    };

    /** Where a layer is, in docker's words. */
    enum Status {
        ALREADY_EXISTS("Already exists"), WAITING("Pulling fs layer"), DOWNLOADING("Downloading"),
        RETRYING("Retrying"), COMPLETE("Pull complete");

        private final String words;

        Status(String words) {
            this.words = words;
        }

        @Override
        public String toString() {
            return words;
        }
    }

    void status(Layer layer, Status status);

    /** {@code read} more bytes of the layer's blob arrived. */
    void bytes(Layer layer, long read);
}
