package dev.nixpve.sim.api;

import java.util.Optional;

/**
 * Who a request runs as: a user ({@code root@pam}) and, for API tokens, the token id. Tasks carry
 * {@code user@realm!tokenid} as their owner.
 */
public record Principal(String userid, Optional<String> tokenid, Grants grants, boolean viaTicket) {

    /** The owner as written in a UPID. */
    public String taskOwner() {
        return tokenid.map(t -> userid + "!" + t).orElse(userid);
    }
}
