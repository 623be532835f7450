package io.msbmcp.devserver.sandbox;

import io.msbmcp.devserver.isolation.Isolation;
import io.msbmcp.devserver.isolation.SandboxFiles;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The complete environment of a sandbox's processes; nothing is inherited from the server. {@code HOME} is the work
 * directory, so that {@code pip install --user} and the npm cache land there; the interpreters' directories come first
 * on the {@code PATH}; pip and npm are told not to reach for the network on their own. The configuration's {@code
 * envs} ({@code KEY=VALUE}) come last and win.
 */
final class SandboxEnvironment {
    private static final List<String> SYSTEM_PATH =
            List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin");

    private SandboxEnvironment() {}

    static Map<String, String> build(
            Isolation isolation, SandboxFiles files, Interpreters interpreters, List<String> envs) {
        Set<String> path = new LinkedHashSet<>();
        for (Path interpreter : new Path[] {interpreters.python(), interpreters.node()}) {
            if (interpreter != null && interpreter.getParent() != null) {
                path.add(interpreter.getParent().toString());
            }
        }
        path.addAll(SYSTEM_PATH);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", String.join(":", path));
        env.put("HOME", isolation.workDirInside(files));
        env.put("TMPDIR", isolation.tmpDirInside(files));
        env.put("LANG", "C.UTF-8");
        env.put("PIP_BREAK_SYSTEM_PACKAGES", "1");
        env.put("PIP_DISABLE_PIP_VERSION_CHECK", "1");
        env.put("PIP_NO_INPUT", "1");
        env.put("npm_config_update_notifier", "false");
        env.put("npm_config_fund", "false");
        env.put("npm_config_audit", "false");
        for (String entry : envs) {
            int equals = entry.indexOf('=');
            if (equals > 0) {
                env.put(entry.substring(0, equals), entry.substring(equals + 1));
            }
        }
        return env;
    }
}
