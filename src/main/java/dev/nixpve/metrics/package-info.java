/**
 * Prometheus metrics of runs, made from the pipeline's events ({@link dev.nixpve.metrics.RunMetrics}):
 * what one run measured, joined with what the runs before it left in the state directory
 * ({@link dev.nixpve.metrics.HistoryFile}), rendered in the text format
 * ({@link dev.nixpve.metrics.Exposition}) and written to a node_exporter textfile-collector file
 * or pushed to a Pushgateway. The only package that imports Micrometer.
 */
package dev.nixpve.metrics;
