package dev.nixpve.proxmox;

import dev.nixpve.proxmox.model.ProxmoxException;
import dev.nixpve.proxmox.model.PveApiException;
import dev.nixpve.proxmox.model.PveConnectionException;
import dev.nixpve.proxmox.model.PveTimeoutException;

/**
 * What a failed guest-agent call means to a poller. qemu-server answers "no news yet" with a 500
 * ("QEMU guest agent is not running", "No QEMU guest agent configured", "VM N is not running",
 * "Agent error: ... No such file or directory" while the file is not written yet, a QGA timeout),
 * and a node that does not answer at the moment is no news either. A refusal of the token (401),
 * of a privilege (403, e.g. VM.GuestAgent.FileRead) or of the call itself (400, 501) will not heal
 * by waiting: those fail the poll at once. The one place that decides it, for every agent poller.
 */
public final class AgentAnswers {

    private AgentAnswers() {
    }

    public static boolean isNoNews(ProxmoxException failure) {
        if (failure instanceof PveApiException api) {
            return switch (api.kind()) {
                case AUTHENTICATION, PERMISSION, INVALID_PARAMETER, NOT_IMPLEMENTED -> false;
                case NOT_FOUND, ALREADY_EXISTS, LOCKED, DIGEST_MISMATCH, TRANSIENT, PROXY, SERVER -> true;
            };
        }
        return failure instanceof PveConnectionException || failure instanceof PveTimeoutException;
    }
}
