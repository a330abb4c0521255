package dev.nixpve.sim.api;

import dev.nixpve.sim.guest.BootDevices;
import dev.nixpve.sim.state.PowerControl;
import dev.nixpve.sim.state.SimCluster;
import dev.nixpve.sim.state.StorageContent;
import dev.nixpve.sim.state.VmLifecycle;
import java.time.Instant;
import java.util.Optional;

/** What the endpoint handlers share: the cluster and its operations, access control, identity. */
public record ApiContext(SimCluster cluster, VmLifecycle lifecycle, PowerControl power, StorageContent content,
                         AccessControl access, SimVersion version, String sslFingerprint) {

    public static ApiContext of(SimCluster cluster, AccessControl access, SimVersion version, String fingerprint) {
        PowerControl power = new PowerControl(cluster, new BootDevices(cluster));
        return new ApiContext(cluster, new VmLifecycle(cluster, power), power, new StorageContent(cluster), access,
                version, fingerprint);
    }

    public Instant now() {
        return cluster.timeline().now();
    }

    /**
     * The token-expire fault's deadline, if one is in force; once a token-expire=after: fault has
     * struck, the earliest instant there is, which every request comes after.
     */
    public Optional<Instant> credentialsExpireAt() {
        if (cluster.faults().credentialsExpired()) {
            return Optional.of(Instant.MIN);
        }
        return cluster.faults().credentialsExpireAfter().map(cluster.bootedAt()::plus);
    }
}
