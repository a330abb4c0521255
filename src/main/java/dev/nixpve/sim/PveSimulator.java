package dev.nixpve.sim;

import dev.nixpve.sim.api.AccessControl;
import dev.nixpve.sim.api.ApiContext;
import dev.nixpve.sim.api.Grants;
import dev.nixpve.sim.api.Privileges;
import dev.nixpve.sim.api.PveApi;
import dev.nixpve.sim.api.Schema;
import dev.nixpve.sim.fault.Faults;
import dev.nixpve.sim.http.SelfSignedCertificate;
import dev.nixpve.sim.http.SimHttpServer;
import dev.nixpve.sim.state.SimCluster;
import dev.nixpve.sim.state.Timeline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A Proxmox VE look-alike on 127.0.0.1 over HTTPS: one self-signed certificate, a root token with
 * every privilege, a cluster of nodes with {@code local} and {@code local-lvm} (and the shared storages
 * the options name). Used in-process by
 * tests and {@code --demo}, and standalone by {@code nixpve sim}.
 */
public final class PveSimulator implements AutoCloseable {

    private final List<String> requests = new java.util.ArrayList<>();

    public static final String ROOT_TOKEN_ID = "root@pam!nixpve";

    private final SimOptions options;
    private final SimCluster cluster;
    private final AccessControl access;
    private final SimHttpServer server;
    private final SelfSignedCertificate certificate;
    private final String tokenSecret = UUID.randomUUID().toString();
    private final String rootPassword = UUID.randomUUID().toString();
    private final Path workDirectory;

    private PveSimulator(SimOptions options, Schema schema, Path workDirectory) throws IOException {
        this.options = options;
        this.workDirectory = workDirectory;
        Faults faults = Faults.parse(options.faults());
        this.cluster = new SimCluster(options.nodes(), options.sharedStorages(), new Timeline(options.clock()), faults,
                workDirectory, options.installTime());
        this.access = new AccessControl();
        Grants everything = Grants.of(Map.of("/", Privileges.all(options.version().version())));
        access.addUser("root@pam", rootPassword, everything);
        access.addToken(ROOT_TOKEN_ID, tokenSecret, everything);
        this.certificate = SelfSignedCertificate.create(options.nodes().get(0), List.of("localhost"),
                List.of("127.0.0.1"));
        ApiContext context = ApiContext.of(cluster, access, options.version(), certificate.fingerprint());
        this.server = new SimHttpServer(certificate.serverContext(), InetAddress.getLoopbackAddress(), options.port(),
                recording(new PveApi(context, schema)), options.delayer(), options.log());
    }

    /** Every request as "METHOD /path", in arrival order: what tests assert a client did or did not do. */
    public List<String> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    private SimHttpServer.Handler recording(SimHttpServer.Handler api) {
        return request -> {
            synchronized (requests) {
                requests.add(request.method() + " " + request.path());
            }
            return api.handle(request);
        };
    }

    /** Starts a simulator with the schema facts of the PVE version it plays. */
    public static PveSimulator start(SimOptions options) throws IOException {
        // The pid in the name tells whose a directory is, should a killed simulator leave one.
        Path workDirectory = Files.createTempDirectory("nixpve-sim-" + ProcessHandle.current().pid() + "-");
        try {
            return new PveSimulator(options, SimSchemas.forVersion(options.version()), workDirectory);
        } catch (IOException | RuntimeException e) {
            delete(workDirectory); // e.g. the port is taken: nothing outlives a simulator that never started
            throw e;
        }
    }

    public URI endpoint() {
        return URI.create("https://127.0.0.1:" + server.port() + "/");
    }

    /** {@code root@pam!nixpve=<uuid>}: a token with every privilege. */
    public String apiToken() {
        return ROOT_TOKEN_ID + "=" + tokenSecret;
    }

    /** The SHA-256 fingerprint of the certificate served, as {@code GET /nodes} reports it. */
    public String fingerprint() {
        return certificate.fingerprint();
    }

    public java.security.cert.X509Certificate certificate() {
        return certificate.certificate();
    }

    public String rootPassword() {
        return rootPassword;
    }

    /** The three lines {@code nixpve sim} prints, for {@code eval "$(nixpve sim ...)"}-style use. */
    public List<String> exportLines() {
        return List.of("export PROXMOX_VE_ENDPOINT=" + endpoint(),
                "export PROXMOX_VE_API_TOKEN=" + apiToken(),
                "export PROXMOX_VE_FINGERPRINT=" + fingerprint());
    }

    /** The environment a client needs to reach this simulator. */
    public Map<String, String> environment() {
        return Map.of("PROXMOX_VE_ENDPOINT", endpoint().toString(), "PROXMOX_VE_API_TOKEN", apiToken(),
                "PROXMOX_VE_FINGERPRINT", fingerprint());
    }

    /** Adds an API token with exactly these privileges per ACL path (privilege separation on). */
    public void addToken(String tokenId, String secret, Map<String, Set<String>> acl) {
        access.addToken(tokenId, secret, Grants.of(acl));
    }

    /** Adds an SDN VNet in {@code zone} (applied), as {@code pvesh create /cluster/sdn/vnets} would. */
    public void addVnet(String vnet, String zone) {
        synchronized (cluster) {
            cluster.addVnet(vnet, zone);
        }
    }

    public void addUser(String userid, String password, Map<String, Set<String>> acl) {
        access.addUser(userid, password, Grants.of(acl));
    }

    public Faults faults() {
        return cluster.faults();
    }

    /** The state, for tests that look behind the API; hold its monitor while you look. */
    public SimCluster cluster() {
        return cluster;
    }

    public SimOptions options() {
        return options;
    }

    @Override
    public void close() {
        server.close();
        delete(workDirectory);
    }

    private static void delete(Path workDirectory) {
        try {
            // its own walk: the simulator uses nothing of the product but the install protocol
            if (java.nio.file.Files.exists(workDirectory)) {
                try (java.util.stream.Stream<java.nio.file.Path> paths = java.nio.file.Files.walk(workDirectory)) {
                    for (java.nio.file.Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        java.nio.file.Files.delete(path);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
