package dev.chatwar.identity;

import java.security.Principal;

/**
 * The principal of a handshake the gate let through: whose session it presented, from which address, and the
 * reservation that holds its place within the connection limits until it is registered.
 */
public record VerifiedUser(AuthSession session, String address, long reservation) implements Principal {

    @Override
    public String getName() {
        return session.user().value();
    }
}
