/**
 * Waiting on something outside the process: the one poll loop ({@link dev.nixpve.wait.Poller}),
 * what a wait expects and how long it may take ({@link dev.nixpve.wait.WaitSpec}), and the one way
 * core code sleeps ({@link dev.nixpve.wait.Sleeper}), which tests replace with a fake clock.
 */
package dev.nixpve.wait;
