package dev.nixpve.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

// Stand-in until the real loader lands.
public final class ConfigLoader {
    private final Map<String, String> env;
    public ConfigLoader(Map<String, String> env) { this.env = env; }
    public NixpveConfig load(Optional<Path> file, List<ConfigOverride> flags, Path workingDirectory)
            throws ConfigException {
        Map<String, String> v = new java.util.HashMap<>();
        env.forEach((k, val) -> { if (!val.isEmpty()) v.put(k, val); });
        for (ConfigOverride o : flags) {
            v.put(o.keyPath(), o.value());
        }
        String ep = v.getOrDefault("proxmox.endpoint", v.get("PROXMOX_VE_ENDPOINT"));
        String fp = v.getOrDefault("proxmox.fingerprint", v.get("PROXMOX_VE_FINGERPRINT"));
        ProxmoxSettings p = new ProxmoxSettings(Optional.ofNullable(ep).map(URI::create),
                Optional.ofNullable(v.get("PROXMOX_VE_API_TOKEN")).map(ApiToken::parse),
                Optional.ofNullable(v.get("PROXMOX_VE_USERNAME")),
                Optional.ofNullable(v.get("PROXMOX_VE_PASSWORD")).map(Secret::new),
                Optional.ofNullable(fp).map(Fingerprint::parse), Optional.empty(),
                "true".equals(v.getOrDefault("proxmox.insecure", v.get("PROXMOX_VE_INSECURE"))), Duration.ofSeconds(60));
        return new NixpveConfig(file, p, new TargetSettings(v.getOrDefault("target.node", "pve1"), "local",
                "local-lvm", "vmbr0", new VmidRange(9100, 9199)));
    }
}
