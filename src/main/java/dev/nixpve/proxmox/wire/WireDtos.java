package dev.nixpve.proxmox.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The shapes PVE sends, field for field, with boxed types so absent keys stay null. Numbers and
 * booleans are decoded leniently ({@link LenientScalars}); {@link WireMapper} turns these into
 * domain records. Only fields nixpve reads are declared; the rest are ignored.
 */
final class WireDtos {

    private WireDtos() {
    }

    record Version(String version, String release, @JsonProperty("repoid") String repoId) {
    }

    record Ticket(String username, String ticket, @JsonProperty("CSRFPreventionToken") String csrfToken,
                  @JsonProperty("NeedTFA") Boolean needTfa) {
    }

    record Node(String node, String status, @JsonProperty("ssl_fingerprint") String sslFingerprint, Double cpu,
                @JsonProperty("maxcpu") Integer maxCpu, Long mem, @JsonProperty("maxmem") Long maxMem,
                Long uptime) {
    }

    record Storage(String storage, String type, String content, Boolean active, Boolean enabled, Boolean shared,
                   Long total, Long used, Long avail) {
    }

    record Volume(String volid, String content, String format, Long size, Long ctime, Integer vmid, String notes) {
    }

    record Resource(String id, String type, String node, String status, String name, Integer vmid,
                    Boolean template, String tags, String lock, String storage) {
    }

    record VmCurrent(Integer vmid, String status, @JsonProperty("qmpstatus") String qmpStatus, String name,
                     Boolean template, String lock, Long uptime, Boolean agent, String tags) {
    }

    record Task(String upid, String node, String status, @JsonProperty("exitstatus") String exitStatus) {
    }

    record LogLine(Integer n, String t) {
    }

    record AgentResult(JsonNode result) {
    }

    record AgentInterface(String name, @JsonProperty("hardware-address") String hardwareAddress,
                          @JsonProperty("ip-addresses") List<AgentIp> ipAddresses) {
    }

    record AgentIp(@JsonProperty("ip-address") String address, @JsonProperty("ip-address-type") String type,
                   Integer prefix) {
    }

    record FileRead(String content, Boolean truncated) {
    }

    /** One entry of {@code GET /nodes/{node}/network}; "active" is 1/0 or absent. */
    record NetworkDevice(String iface, String type, Boolean active) {
    }
}
