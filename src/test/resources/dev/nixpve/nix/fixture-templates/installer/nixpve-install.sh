#!/bin/sh
# Fixture installer: the real one lives in nix-templates/installer/.
echo "nixpve fixture installer"
