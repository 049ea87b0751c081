package jrocker.step05.registry;

/** Where a pull finds the credentials for a registry, by its domain; null: pull anonymously. */
@FunctionalInterface
public interface CredentialStore {
    /** No credentials for any registry. */
    CredentialStore NONE = domain -> null;

    Credentials find(String domain) throws java.io.IOException;
}
