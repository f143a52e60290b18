package dev.chatwar.base;

/** Durations the chat measures as it works, handed to whoever keeps metrics; by default, to nobody. */
public interface Timings {

    Timings NONE = new Timings() {
    };

    /** A transaction of the store's writer committed {@code appends} appends in {@code nanos}. */
    default void committed(long nanos, int appends) {
    }

    /** A message stored by another node reached this one {@code millis} after it was sent (clocks permitting). */
    default void peerLag(long millis) {
    }
}
