/**
 * What a run did to the cluster, on disk: one append-only JSON-lines file per run in the state
 * directory, each line fsync'd before the API call it announces, so that a run killed at any point
 * leaves a record the next run can read ({@link dev.nixpve.journal.JournalFile}); the OS lock each
 * live run holds ({@link dev.nixpve.journal.RunLock}), which tells a dead run's journal from a
 * live one's; and the run id that also goes into every VM's tags.
 */
package dev.nixpve.journal;
