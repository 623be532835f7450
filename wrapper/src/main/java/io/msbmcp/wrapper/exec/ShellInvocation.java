package io.msbmcp.wrapper.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Builds the executable and arguments that run a whole shell line through {@code sandbox.command.run}, which spawns
 * without a shell. The line goes to {@code sh -c} as one argument; the working directory and environment go as
 * separate arguments to {@code cd} and {@code env}, so nothing the caller sends is ever spliced into shell syntax.
 *
 * <pre>
 * sh -c LINE
 * sh -c 'cd -- "$1" &amp;&amp; exec sh -c "$2"' sh WORKDIR LINE
 * env K=V ... sh -c ...
 * </pre>
 *
 * @param command the executable
 * @param args its arguments
 */
public record ShellInvocation(String command, List<String> args) {
    static final String CD_THEN_RUN = "cd -- \"$1\" && exec sh -c \"$2\"";
    /**
     * Runs the rest through {@code setsid -w} (plain when the image has no {@code setsid}) with the group script, waits,
     * removes the pid file and exits with the command's status. Arguments: group script, pid file, command, args.
     */
    static final String IN_OWN_GROUP = "i=$1 f=$2; shift 2; if command -v setsid >/dev/null 2>&1;"
            + " then setsid -w sh -c \"$i\" \"$f\" \"$@\"; else sh -c \"$i\" \"$f\" \"$@\"; fi;"
            + " s=$?; rm -f -- \"$f\"; exit $s";
    /** The new group's leader: writes its pid (the group id) to the pid file ($0), then becomes the command. */
    static final String GROUP_LEADER = "echo $$ > \"$0\"; exec \"$@\"";

    public ShellInvocation {
        args = List.copyOf(args);
    }

    /**
     * This invocation as the leader of a new process group whose id is written to {@code pidFile} while it runs, so
     * that {@link Interrupts#endCommand} can end it with everything it started.
     */
    public ShellInvocation inOwnGroup(String pidFile) {
        List<String> wrapped = new ArrayList<>(List.of("-c", IN_OWN_GROUP, "sh", GROUP_LEADER, pidFile, command));
        wrapped.addAll(args);
        return new ShellInvocation("sh", wrapped);
    }

    public static ShellInvocation of(String line, @Nullable String workdir, Map<String, String> env) {
        List<String> shell = new ArrayList<>();
        shell.add("sh");
        shell.add("-c");
        if (workdir == null) {
            shell.add(line);
        } else {
            shell.add(CD_THEN_RUN);
            shell.add("sh");
            shell.add(workdir);
            shell.add(line);
        }
        if (env.isEmpty()) {
            return new ShellInvocation(shell.get(0), shell.subList(1, shell.size()));
        }
        List<String> args = new ArrayList<>();
        new TreeMap<>(env).forEach((name, value) -> args.add(name + "=" + value));
        args.addAll(shell);
        return new ShellInvocation("env", args);
    }
}
