package io.msbmcp.devserver.sandbox;

import io.msbmcp.devserver.repl.ReplLanguage;
import java.util.Optional;

/** The two images the dev server can "pull": what REPL they carry and where their work directory is. */
public enum SandboxImage {
    PYTHON("microsandbox/python", ReplLanguage.PYTHON, "/home/python-user/work"),
    NODE("microsandbox/node", ReplLanguage.NODE, "/home/node/work");

    private final String reference;
    private final ReplLanguage language;
    private final String workDir;

    SandboxImage(String reference, ReplLanguage language, String workDir) {
        this.reference = reference;
        this.language = language;
        this.workDir = workDir;
    }

    public String reference() {
        return reference;
    }

    public ReplLanguage language() {
        return language;
    }

    /** The image's WORKDIR, where the work directory appears inside an isolated sandbox. */
    public String workDir() {
        return workDir;
    }

    /**
     * The image an image reference names: {@code microsandbox/python}, optionally prefixed with {@code docker.io/} or
     * {@code registry-1.docker.io/} and suffixed with {@code :latest}. Anything else cannot be pulled.
     */
    public static Optional<SandboxImage> parse(String image) {
        String name = image.trim();
        for (String registry : new String[] {"docker.io/", "registry-1.docker.io/", "index.docker.io/"}) {
            if (name.startsWith(registry)) {
                name = name.substring(registry.length());
            }
        }
        if (name.endsWith(":latest")) {
            name = name.substring(0, name.length() - ":latest".length());
        }
        for (SandboxImage candidate : values()) {
            if (candidate.reference.equals(name)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
