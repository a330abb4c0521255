/**
 * What nixpve hands to the tools that use its templates: the Terraform variables of the
 * published template ({@link dev.nixpve.emit.TfvarsWriter}) and an Ansible inventory of the VMs
 * cloned from it ({@link dev.nixpve.emit.InventoryBuilder}, written as YAML or INI by
 * {@link dev.nixpve.emit.InventoryFormat}).
 */
package dev.nixpve.emit;
