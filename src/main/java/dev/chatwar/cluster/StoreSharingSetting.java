package dev.chatwar.cluster;

import dev.chatwar.history.StoreSharing;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;

/** Tells the event store whether other nodes share its database: they do once {@value ClusterSettings#BROKER} is set. */
@Dependent
public class StoreSharingSetting {

    @Produces
    static StoreSharing storeSharing() {
        return ClusterSettings.configured() ? StoreSharing.NODES : StoreSharing.ALONE;
    }
}
