package io.msbmcp.devserver.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.msbmcp.devserver.repl.ReplLanguage;
import org.junit.jupiter.api.Test;

final class SandboxImageTest {
    @Test
    void parse_knownReferences_areRecognised() {
        assertThat(SandboxImage.parse("microsandbox/python")).contains(SandboxImage.PYTHON);
        assertThat(SandboxImage.parse("docker.io/microsandbox/node:latest")).contains(SandboxImage.NODE);
        assertThat(SandboxImage.parse("microsandbox/python:3.12")).isEmpty();
        assertThat(SandboxImage.parse("python:3.12")).isEmpty();
    }

    @Test
    void fromRequest_languageNames_matchThePortal() {
        assertThat(ReplLanguage.fromRequest("PYTHON")).contains(ReplLanguage.PYTHON);
        assertThat(ReplLanguage.fromRequest("javascript")).contains(ReplLanguage.NODE);
        assertThat(ReplLanguage.fromRequest("nodejs")).contains(ReplLanguage.NODE);
        assertThat(ReplLanguage.fromRequest("typescript")).isEmpty();
    }

    @Test
    void resolve_commandOnSandboxPath_isFoundByInsidePath() {
        assertThat(CommandResolver.resolve(
                        "sh", "/nowhere:/bin", "/work", inside -> java.util.Optional.of(java.nio.file.Path.of(inside))))
                .contains("/bin/sh");
        assertThat(CommandResolver.resolve(
                        "no-such-tool",
                        "/bin",
                        "/work",
                        inside -> java.util.Optional.of(java.nio.file.Path.of(inside))))
                .isEmpty();
        assertThat(CommandResolver.resolve("", "/bin", "/work", inside -> java.util.Optional.empty()))
                .isEmpty();
    }
}
