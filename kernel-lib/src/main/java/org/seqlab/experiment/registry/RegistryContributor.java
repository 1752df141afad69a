package org.seqlab.experiment.registry;

/**
 * Adds entries to the registry. Implementations are found with {@link java.util.ServiceLoader}
 * (listed in {@code META-INF/services/org.seqlab.experiment.registry.RegistryContributor}), so a
 * package that defines a new model registers it where the model lives.
 */
public interface RegistryContributor {
    void contribute(Registry registry);
}
