package dev.stowage.usage;

/**
 * Where the usage rollup sends each closed period's metering rows (the metering ledger's tables; see
 * {@code dev.stowage.metering.db.DbMeteringSink}). Blocking; called from the rollup's thread, never an event loop.
 */
public interface MeteringSink {
    /**
     * Writes a batch's rows, replacing any rows of the same batch written before (same service id and period
     * start), all or nothing. Batches of one service id arrive in order of their start. Throws when the rows could
     * not be written; the caller keeps the batch and sends it again later.
     */
    void write(MeteringBatch batch);
}
