package dev.nixpve.proxmox;

import dev.nixpve.config.ProxmoxSettings;
import dev.nixpve.event.EventSink;
import dev.nixpve.event.LogEvent;
import dev.nixpve.wait.Sleeper;
import dev.nixpve.proxmox.wire.JerseyTransport;
import dev.nixpve.proxmox.wire.RetryPolicy;
import dev.nixpve.proxmox.wire.TicketAuthentication;
import dev.nixpve.proxmox.wire.TlsTrust;
import dev.nixpve.proxmox.wire.TokenAuthentication;
import java.net.URI;
import java.time.Clock;

/**
 * Builds a {@link ProxmoxClient} from settings: which certificate trust, which authentication.
 * A pinned fingerprint wins over a CA file, which wins over "insecure"; an API token wins over
 * user and password. Call {@link ProxmoxSettings#requireConnection()} first.
 */
public final class ProxmoxConnector {

    private final Clock clock;
    private final Sleeper sleeper;
    private final EventSink events;

    public ProxmoxConnector(Clock clock, Sleeper sleeper, EventSink events) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.events = events;
    }

    public ProxmoxClient connect(ProxmoxSettings settings) {
        URI endpoint = settings.endpoint().orElseThrow(() -> new IllegalStateException("no endpoint configured"));
        TlsTrust trust = trust(settings);
        if (trust instanceof TlsTrust.Insecure) {
            events.emit(LogEvent.warn("TLS certificate verification is OFF (proxmox.insecure): anyone on the network "
                    + "path can read the API credentials. Pin the certificate instead: set PROXMOX_VE_FINGERPRINT "
                    + "to the node's ssl_fingerprint (shown by 'nixpve pve check' and 'pvenode cert info')."));
        }
        JerseyTransport transport = new JerseyTransport(endpoint, trust, settings.requestTimeout(),
                RetryPolicy.standard(sleeper, events));
        if (settings.apiToken().isPresent()) {
            transport.authenticate(new TokenAuthentication(settings.apiToken().get()));
        } else {
            transport.authenticate(new TicketAuthentication(settings.username().orElseThrow(),
                    settings.password().orElseThrow(), transport::issueTicket, clock));
        }
        return new ProxmoxClient(transport);
    }

    static TlsTrust trust(ProxmoxSettings settings) {
        if (settings.fingerprint().isPresent()) {
            return new TlsTrust.Pinned(settings.fingerprint().get());
        }
        if (settings.caFile().isPresent()) {
            return new TlsTrust.CaFile(settings.caFile().get());
        }
        return settings.insecure() ? new TlsTrust.Insecure() : new TlsTrust.SystemStore();
    }
}
