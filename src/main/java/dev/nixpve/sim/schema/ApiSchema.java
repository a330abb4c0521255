package dev.nixpve.sim.schema;

import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The parameter schema of the simulated endpoints for one PVE version, read from the resource
 * {@code pve-api-params.json} that {@code scripts/derive-pve-schema} derives from the official API dump.
 * Resolves request paths to endpoints and validates their parameters as that PVE version would.
 */
public final class ApiSchema {

    private static final String API_PREFIX = "/api2/json";

    private final PveVersion version;
    private final Map<String, EndpointSchema> endpoints;
    private final Map<String, PathTemplate> templates;
    private final IndexedKeys indexedKeys;
    private final NamedFormats formats;
    private final ParamValidator validator;
    private final Map<String, Directory> directories;

    /**
     * A directory index: a GET that lists its subdirectories, each as an object with one key
     * ({@code GET /cluster} answers {@code [{"name":"replication"}, ...]}).
     */
    public record Directory(String key, List<String> entries) {

        public Directory {
            entries = List.copyOf(entries);
        }
    }

    ApiSchema(PveVersion version, Map<String, EndpointSchema> endpoints, Map<String, Integer> indexMax,
              Map<String, PropertyFormat> derivedFormats, Map<String, Directory> directories) {
        this.version = version;
        this.endpoints = Map.copyOf(endpoints);
        this.directories = Map.copyOf(directories);
        this.templates = new TreeMap<>();
        endpoints.values().forEach(e -> templates.put(e.key(), PathTemplate.of(e.path())));
        this.indexedKeys = new IndexedKeys(indexMax);
        this.formats = new NamedFormats(indexedKeys, derivedFormats);
        this.validator = new ParamValidator(formats);
    }

    /** The schema of one version; the resource is read once per JVM. */
    public static ApiSchema of(PveVersion version) {
        return SchemaResource.schemas().get(version);
    }

    public PveVersion version() {
        return version;
    }

    /** "METHOD /template" of every endpoint this version has, e.g. "GET /nodes/{node}/status". */
    public Set<String> endpointKeys() {
        return new TreeSet<>(endpoints.keySet());
    }

    /** The directory indexes among this version's GET endpoints, by path template. */
    public Map<String, Directory> directories() {
        return directories;
    }

    public Optional<EndpointSchema> endpoint(String method, String template) {
        return Optional.ofNullable(endpoints.get(method + " " + template));
    }

    /**
     * Resolves a concrete, URL-decoded path (with or without the {@code /api2/json} prefix) for a
     * method. Empty when the path or the method is unknown: PVE answers 501 then.
     */
    public Optional<EndpointMatch> match(String method, String path) {
        String relative = path.startsWith(API_PREFIX + "/") || path.equals(API_PREFIX)
                ? path.substring(API_PREFIX.length()) : path;
        List<String> segments = PathTemplate.split(relative);
        return endpoints.values().stream()
                .filter(e -> e.method().equals(method))
                .sorted(Comparator.comparingInt((EndpointSchema e) -> -templates.get(e.key()).literalCount()))
                .flatMap(e -> templates.get(e.key()).match(segments).map(vars -> new EndpointMatch(e, vars)).stream())
                .findFirst();
    }

    /** Validates a request's raw parameters together with the path variables of {@code match}. */
    public Validation validate(EndpointMatch match, Map<String, List<String>> params) {
        return validator.validate(match, params);
    }

    /** Highest index of a {@code [n]} family, e.g. 30 for "scsi"; -1 if there is no such family. */
    public int indexMax(String family) {
        return indexedKeys.indexMax().getOrDefault(family, -1);
    }

    /**
     * Parses a VM config value that is a property string (scsi0, net0, ide2, boot, agent, smbios1,
     * ipconfig0, memory, ...) to its canonical keys, as PVE parses it for {@code POST /nodes/{node}/qemu}.
     *
     * @throws FormatException with PVE's message if the value does not parse
     * @throws IllegalArgumentException if {@code key} is not a property-string config key
     */
    @SuppressWarnings("unchecked")
    public Map<String, String> parseConfigValue(String key, String value) throws FormatException {
        EndpointSchema create = endpoints.get("POST /nodes/{node}/qemu");
        ParamSchema schema = create.property(key)
                .filter(s -> s.objectFormat() != null || s.format() != null && formats.hashFormat(s.format()).isPresent())
                .orElseThrow(() -> new IllegalArgumentException("'" + key + "' is not a property-string config key"));
        Object parsed = formats.check(schema, value, key, new SchemaCheck(formats));
        return Collections.unmodifiableMap(new TreeMap<>((Map<String, String>) parsed));
    }
}
