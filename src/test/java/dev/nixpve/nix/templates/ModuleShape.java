package dev.nixpve.nix.templates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nixpve.nix.BuildIdentity;
import dev.nixpve.nix.ImageData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Applies one shipped NixOS module to the rendered data without nixpkgs: {@code lib} is a stub
 * with the property constructors exactly as nixpkgs' lib/modules.nix defines them (mkIf, mkMerge,
 * mkOverride, mkForce = mkOverride 50, mkDefault = mkOverride 1000) plus the few helpers the
 * modules call; {@code pkgs} maps package names to fake store paths. {@link #resolved} then drops
 * false mkIfs, unwraps overrides and merges mkMerge contents, so a test reads what the module
 * defines; {@link #raw} keeps the properties (to see a mkForce).
 */
final class ModuleShape {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String HARNESS = """
            { module, select }:
            let
              lib = rec {
                mkOverride = priority: content: { _type = "override"; inherit priority content; };
                mkForce = mkOverride 50;
                mkDefault = mkOverride 1000;
                mkIf = condition: content: { _type = "if"; inherit condition content; };
                mkMerge = contents: { _type = "merge"; inherit contents; };
                optionalAttrs = cond: attrs: if cond then attrs else { };
                escapeShellArg = s: "'" + builtins.replaceStrings [ "'" ] [ "'\\\\''" ] s + "'";
                attrByPath = path: default: set:
                  if path == [ ] then set
                  else if set ? ${builtins.head path} then attrByPath (builtins.tail path) default set.${builtins.head path}
                  else default;
              };
              stub = name: "/nix/store/00000000000000000000000000000000-" + name;
              pkgs = builtins.listToAttrs (map (n: { name = n; value = stub n; }) [
                "bash" "coreutils" "util-linux" "parted" "lvm2" "e2fsprogs" "dosfstools" "jq" "htop"
              ]) // {
                cloud-utils.guest = stub "cloud-utils-guest";
                python3Packages.requests = stub "python3-requests";
                writeText = name: text: stub name;
              };
              config = {
                system.build.nixos-install = stub "nixos-install";
                nix.package = stub "nix";
                systemd.package = stub "systemd";
              };
              args = {
                inherit lib pkgs config;
                modulesPath = "/nixpkgs/nixos/modules";
                data = builtins.fromJSON (builtins.readFile ./nixpve-config.json);
                build = builtins.fromJSON (builtins.readFile ./nixpve-build.json);
                nixpkgsRev = "0000000000000000000000000000000000000000";
                nixpve = import ./lib/nixpve.nix;
                templateSystem = stub "nixos-system-template";
              };
              isProperty = v: builtins.isAttrs v && v ? _type;
              merge = a: b:
                if builtins.isAttrs a && builtins.isAttrs b then
                  builtins.foldl' (acc: n: acc // { ${n} = if acc ? ${n} then merge acc.${n} b.${n} else b.${n}; })
                    a (builtins.attrNames b)
                else if builtins.isList a && builtins.isList b then a ++ b
                else b;
              dropped = { _type = "nixpve-dropped"; };
              isDropped = v: builtins.isAttrs v && (v._type or null) == "nixpve-dropped";
              resolve = v:
                if isProperty v then
                  (if v._type == "if" then (if v.condition then resolve v.content else dropped)
                   else if v._type == "override" then resolve v.content
                   else if v._type == "merge" then
                     builtins.foldl' merge { } (builtins.filter (c: !(isDropped c)) (map resolve v.contents))
                   else v)
                else if builtins.isAttrs v then
                  builtins.removeAttrs (builtins.mapAttrs (_: resolve) v)
                    (builtins.filter (n: isDropped (resolve v.${n})) (builtins.attrNames v))
                else v;
              defined = import module args;
            in
            select { raw = defined; resolved = resolve defined; }
            """;

    private final NixInstantiate nix;
    private final Path tree;

    private ModuleShape(NixInstantiate nix, Path tree) {
        this.nix = nix;
        this.tree = tree;
    }

    /** A rendered tree for {@code data}; skips (or fails under NIXPVE_REQUIRE_TOOLS=1) without nix-instantiate. */
    static ModuleShape of(Path scratch, ImageData data) throws IOException {
        NixInstantiate nix = NixInstantiate.require(scratch);
        Path tree = Files.createTempDirectory(scratch, "tree");
        NixTemplates.copyInto(tree);
        Files.writeString(tree.resolve(ImageData.FILE_NAME), SampleData.json(data), StandardCharsets.UTF_8);
        Files.writeString(tree.resolve(BuildIdentity.FILE_NAME), SampleData.json(SampleData.build()),
                StandardCharsets.UTF_8);
        Files.writeString(tree.resolve("module-shape.nix"), HARNESS, StandardCharsets.UTF_8);
        return new ModuleShape(nix, tree);
    }

    /** {@code attrPath} (e.g. {@code networking.hostName}) of what {@code module} defines, properties resolved. */
    JsonNode resolved(String module, String attrPath) throws Exception {
        return eval(module, "(m: m.resolved." + attrPath + ")");
    }

    /** Whether the resolved module defines {@code attrPath} at all. */
    boolean defines(String module, String attrPath) throws Exception {
        return eval(module, "(m: m.resolved ? " + attrPath + ")").asBoolean();
    }

    /** {@code attrPath} as the module wrote it, mkForce and mkIf included. */
    JsonNode raw(String module, String attrPath) throws Exception {
        return eval(module, "(m: m.raw." + attrPath + ")");
    }

    private JsonNode eval(String module, String select) throws Exception {
        NixInstantiate.Result result = nix.evalJson(tree,
                "import ./module-shape.nix { module = ./" + module + "; select = " + select + "; }");
        if (result.exitCode() != 0) {
            throw new AssertionError(module + " " + select + ":\n" + result.stderr());
        }
        return JSON.readTree(result.stdout());
    }
}
