package dev.nixpve.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The secrets of a run, so that no message can show one even when a secret ended up where it does
 * not belong (a token interpolated into image.name): the token and password from the environment
 * or the file, the token's secret part alone, and any environment variable whose name says it is a
 * secret. {@link #apply} replaces each with {@code ***}.
 */
public final class Redaction {

    /** Names of variables that hold secrets by convention, e.g. NIXPVE_TOKEN_SECRET, DB_PASSWORD. */
    private static final Pattern SECRET_NAME = Pattern.compile(".*(TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|PRIVATE"
            + "|API_?KEY).*", Pattern.CASE_INSENSITIVE);
    /** Shorter values would mask ordinary words; a secret that short protects nothing anyway. */
    private static final int MIN_LENGTH = 4;
    static final String MASK = "***";

    private final List<String> secrets;

    private Redaction(List<String> secrets) {
        this.secrets = secrets.stream().filter(s -> s.length() >= MIN_LENGTH).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    /** The secrets the environment holds: PROXMOX_VE_API_TOKEN, PROXMOX_VE_PASSWORD and the like. */
    public static Redaction of(Map<String, String> environment) {
        List<String> secrets = new ArrayList<>();
        environment.forEach((name, value) -> {
            String key = ConfigKeys.ENVIRONMENT.get(name);
            boolean secret = SECRET_NAME.matcher(name).matches() || key != null && ConfigKeys.SECRETS.contains(key);
            if (value != null && secret) {
                secrets.addAll(forms(value));
            }
        });
        return new Redaction(secrets);
    }

    /**
     * The secrets of a run: the environment's, and the token's and password's wherever they were
     * configured (nixpve.yaml holds them too), for text nixpve does not write itself, e.g. a build log.
     */
    public static Redaction of(Map<String, String> environment, ProxmoxSettings proxmox) {
        List<String> configured = new ArrayList<>();
        proxmox.apiToken().ifPresent(token -> configured.add(token.secret().reveal()));
        proxmox.password().ifPresent(password -> configured.add(password.reveal()));
        return of(environment).and(configured);
    }

    /** These secrets and {@code more}, e.g. the token written into the file. */
    Redaction and(List<String> more) {
        List<String> all = new ArrayList<>(secrets);
        more.forEach(value -> all.addAll(forms(value)));
        return new Redaction(all);
    }

    /** The value, its part after the first '=' (a token's secret), and each of its lines. */
    private static List<String> forms(String value) {
        List<String> forms = new ArrayList<>(List.of(value, value.strip()));
        int eq = value.indexOf('=');
        if (eq >= 0) {
            forms.add(value.substring(eq + 1));
            forms.add(value.substring(eq + 1).strip());
        }
        value.lines().map(String::strip).forEach(forms::add);
        return forms;
    }

    public String apply(String text) {
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, MASK);
        }
        return out;
    }

    ConfigException apply(ConfigException error) {
        String message = apply(error.getMessage());
        if (message.equals(error.getMessage())) {
            return error;
        }
        ConfigException redacted = new ConfigException(apply(error.where()), apply(error.key()),
                apply(error.problem()), error.reason(), apply(error.expected()));
        redacted.setStackTrace(error.getStackTrace());
        return redacted;
    }
}
