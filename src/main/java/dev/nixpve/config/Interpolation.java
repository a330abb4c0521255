package dev.nixpve.config;

import java.util.Map;

/**
 * {@code ${VAR}} and {@code ${VAR:-default}} in YAML values, so secrets stay in the environment;
 * {@code $${} writes a literal {@code ${}. A variable that is not set (or empty) and has no default
 * is an error naming it.
 */
final class Interpolation {

    private Interpolation() {
    }

    static String apply(String text, Map<String, String> environment, Origin origin, String key)
            throws ConfigException {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (text.startsWith("${", i)) {
                int end = text.indexOf('}', i);
                if (end < 0) {
                    throw ConfigException.at(origin, key, "'${' without a closing '}'",
                            "write ${VARIABLE}, or $${ for a literal ${");
                }
                out.append(resolve(text.substring(i + 2, end), environment, origin, key));
                i = end + 1;
            } else {
                out.append(text.charAt(i++));
            }
        }
        return out.toString();
    }

    private static String resolve(String expression, Map<String, String> environment, Origin origin, String key)
            throws ConfigException {
        int dash = expression.indexOf(":-");
        String name = dash < 0 ? expression : expression.substring(0, dash);
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw ConfigException.at(origin, key, "'${" + name + "}' is not a variable name",
                    "variable names are letters, digits and '_', e.g. ${PROXMOX_VE_API_TOKEN}");
        }
        String value = environment.get(name);
        if (value != null && !value.isEmpty()) {
            return value;
        }
        if (dash >= 0) {
            return expression.substring(dash + 2);
        }
        throw ConfigException.at(origin, key, "the environment variable " + name + " is not set",
                "export " + name + " before running nixpve, or give a default: ${" + name + ":-value}");
    }
}
