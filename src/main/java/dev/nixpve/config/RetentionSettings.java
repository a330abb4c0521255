package dev.nixpve.config;

/** How many templates of this name and how many nixpve ISOs to keep on the cluster. */
public record RetentionSettings(int templates, int isos) {
}
