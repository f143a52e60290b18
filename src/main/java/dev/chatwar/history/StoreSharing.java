package dev.chatwar.history;

/** Who appends to the event store's database: this server alone, or the nodes of a cluster. */
public enum StoreSharing {
    /** This server's rooms take their seqs in memory, one event at a time: the store needs no lock. */
    ALONE,
    /** Several nodes append to the same rooms: each takes a room's next seq under a lock on its room_head row. */
    NODES
}
