package dev.stowage.usage;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The storage accounting, one per gateway: the store tells it of every change, the rollup persists it. */
public class UsageBeans {
    @Produces
    @Singleton
    StorageLedger storageLedger() {
        return new StorageLedger(Clock.systemUTC());
    }
}
