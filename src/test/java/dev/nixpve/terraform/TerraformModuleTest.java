package dev.nixpve.terraform;

import static dev.nixpve.terraform.TerraformFiles.LOOKUP_EXAMPLE;
import static dev.nixpve.terraform.TerraformFiles.MODULE;
import static dev.nixpve.terraform.TerraformFiles.ROOT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nixpve.emit.PublishedTemplate;
import dev.nixpve.emit.TfvarsWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * terraform/ fits together without a provider or a cluster: every file parses, the variables
 * nixpve writes are declared with matching types, and module calls match the module.
 */
class TerraformModuleTest {

    private static final Instant CREATED = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void everyTerraformFileParses() {
        List<Path> files = TerraformFiles.tfFiles();
        assertTrue(files.containsAll(List.of(ROOT.resolve("versions.tf"), ROOT.resolve("providers.tf"),
                ROOT.resolve("variables.tf"), ROOT.resolve("main.tf"), ROOT.resolve("outputs.tf"),
                MODULE.resolve("main.tf"), MODULE.resolve("variables.tf"), MODULE.resolve("outputs.tf"),
                MODULE.resolve("versions.tf"), LOOKUP_EXAMPLE.resolve("main.tf"))), files.toString());
        files.forEach(file -> assertFalse(TerraformFiles.parse(file).isEmpty(), file + " parsed to nothing"));
    }

    @Test
    void everyVariableNixpveWritesIsDeclaredWithAMatchingType() throws Exception {
        Map<String, Map<String, Object>> declared = TerraformFiles.variables(ROOT);
        JsonNode tfvars = new ObjectMapper().readTree(new TfvarsWriter().render(List.of(
                template("pve1", 9104), template("pve2", 9105))));
        List<String> problems = new ArrayList<>();
        tfvars.fields().forEachRemaining(variable -> {
            String name = variable.getKey();
            if (!declared.containsKey(name)) {
                problems.add(name + " is not declared in terraform/variables.tf");
                return;
            }
            String expected = jsonType(variable.getValue());
            String actual = TerraformFiles.type(ROOT, name, declared.get(name));
            if (!expected.equals(actual)) {
                problems.add(name + " is " + expected + " in the tfvars but declared " + actual);
            }
        });
        assertEquals(List.of(), problems);
        assertTrue(tfvars.has("image_name") && tfvars.has("templates"), "both variables were checked");
    }

    @Test
    void everyRequiredVariableIsSetByNixpveOrInTheExampleTfvars() throws Exception {
        Set<String> fromNixpve = new HashSet<>();
        new ObjectMapper().readTree(new TfvarsWriter().render(List.of(template("pve1", 9104))))
                .fieldNames().forEachRemaining(fromNixpve::add);
        Set<String> fromUser = TerraformFiles.parse(ROOT.resolve("terraform.tfvars.example")).keySet();
        Map<String, Map<String, Object>> declared = TerraformFiles.variables(ROOT);
        List<String> unset = declared.entrySet().stream().filter(v -> !v.getValue().containsKey("default"))
                .map(Map.Entry::getKey).filter(name -> !fromNixpve.contains(name) && !fromUser.contains(name)).toList();
        assertEquals(List.of(), unset, "required variables nobody sets");
        assertEquals(Set.of(), difference(fromUser, declared.keySet()), "the example sets undeclared variables");
        assertEquals(Set.of("proxmox_node", "ssh_public_keys"), difference(fromUser, fromNixpve),
                "the user's required settings: where the VMs run (never nixpve's choice) and who logs in");
    }

    @Test
    void moduleCallsPassOnlyDeclaredVariablesAndEveryRequiredOne() {
        Map<String, Map<String, Object>> accepted = TerraformFiles.variables(MODULE);
        Set<String> required = new TreeSet<>();
        accepted.forEach((name, body) -> {
            if (!body.containsKey("default")) {
                required.add(name);
            }
        });
        assertEquals(Set.of("node_name", "templates", "ssh_public_keys"), required);
        for (Path caller : List.of(ROOT.resolve("main.tf"), LOOKUP_EXAMPLE.resolve("main.tf"))) {
            Set<String> passed = new TreeSet<>(TerraformFiles.moduleCall(caller, "cluster").keySet());
            passed.remove("source");
            assertEquals(Set.of(), difference(passed, accepted.keySet()), caller + " passes unknown variables");
            assertEquals(Set.of(), difference(required, passed), caller + " leaves required variables out");
        }
        assertEquals(Set.of(), difference(new TreeSet<>(accepted.keySet()),
                new TreeSet<>(TerraformFiles.moduleCall(ROOT.resolve("main.tf"), "cluster").keySet())),
                "the root module hands every setting through");
    }

    @Test
    void everyReferencedVariableIsDeclaredAndEveryDeclaredOneIsUsed() {
        for (Path module : List.of(ROOT, MODULE, LOOKUP_EXAMPLE)) {
            Set<String> declared = TerraformFiles.variables(module).keySet();
            Set<String> referenced = TerraformFiles.variableReferences(module);
            assertEquals(Set.of(), difference(referenced, declared), module + ": undeclared var.* references");
            assertEquals(Set.of(), difference(declared, referenced), module + ": variables nothing uses");
        }
    }

    @Test
    void theProviderIsBpgPinnedBelowOneAndConfiguredWithoutSecrets() {
        for (Path versions : List.of(ROOT.resolve("versions.tf"), LOOKUP_EXAMPLE.resolve("main.tf"))) {
            Map<String, Object> proxmox = requiredProvider(versions);
            assertEquals("bpg/proxmox", proxmox.get("source"), versions.toString());
            assertEquals("~> 0.89", proxmox.get("version"), versions.toString());
        }
        assertEquals("bpg/proxmox", requiredProvider(MODULE.resolve("versions.tf")).get("source"),
                "a module must name a non-hashicorp provider itself");
        for (Path file : TerraformFiles.tfFiles()) {
            Object providers = TerraformFiles.parse(file).get("provider");
            if (providers instanceof Map<?, ?> map && map.get("proxmox") instanceof Map<?, ?> proxmox) {
                assertEquals(Set.of(), difference(stringKeys(proxmox), Set.of("insecure")),
                        file + ": credentials belong in PROXMOX_VE_* variables, not in the provider block");
            }
            for (String secret : List.of("api_token", "password", "private_key")) {
                assertFalse(TerraformFiles.text(file).matches("(?s).*\\n\\s*" + secret + "\\s*=.*"),
                        file + " sets " + secret);
            }
        }
    }

    private static Set<String> stringKeys(Map<?, ?> map) {
        Set<String> keys = new TreeSet<>();
        map.keySet().forEach(k -> keys.add(String.valueOf(k)));
        return keys;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> requiredProvider(Path file) {
        Map<String, Object> terraform = (Map<String, Object>) TerraformFiles.parse(file).get("terraform");
        return (Map<String, Object>) ((Map<String, Object>) terraform.get("required_providers")).get("proxmox");
    }

    private static String jsonType(JsonNode value) {
        if (value.isNumber()) {
            return "number";
        }
        if (value.isTextual()) {
            return "string";
        }
        if (value.isBoolean()) {
            return "bool";
        }
        if (value.isObject() && value.elements().hasNext() && value.elements().next().isObject()) {
            return "map(object)";
        }
        if (value.isObject()) {
            Set<String> inner = new TreeSet<>();
            value.elements().forEachRemaining(element -> inner.add(jsonType(element)));
            return "map(" + String.join("|", inner) + ")";
        }
        return "list";
    }

    private static Set<String> difference(Set<String> all, Set<String> minus) {
        Set<String> rest = new TreeSet<>(all);
        rest.removeAll(minus);
        return rest;
    }

    private static PublishedTemplate template(String node, int vmid) {
        return new PublishedTemplate(node, vmid, "nixos-k8s-01234567", "nixos-k8s", "local-lvm", "scsi0",
                "0123456789abcdef", "a1b2c3d4e5f6", CREATED, 20);
    }
}
