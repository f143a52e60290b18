package dev.chatwar.identity;

import java.security.Principal;

/** The principal of a handshake the gate let through: whose session it presented, and from which address. */
public record VerifiedUser(AuthSession session, String address) implements Principal {

    @Override
    public String getName() {
        return session.user().value();
    }
}
