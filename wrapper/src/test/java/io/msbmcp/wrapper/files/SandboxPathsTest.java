package io.msbmcp.wrapper.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msbmcp.errors.InvalidArgumentException;
import org.junit.jupiter.api.Test;

final class SandboxPathsTest {
    @Test
    void resolve_relative_startsInWorkdirAndNormalizes() {
        assertThat(SandboxPaths.resolve("a/./b/../c.txt", "path", "/home/u/work"))
                .isEqualTo("/home/u/work/a/c.txt");
    }

    @Test
    void resolve_relativeClimbingOutOfWorkdirButNotRoot_isAllowed() {
        assertThat(SandboxPaths.resolve("../../tmp/x", "path", "/home/u")).isEqualTo("/tmp/x");
    }

    @Test
    void resolve_absoluteWithDoubleSlashes_normalized() {
        assertThat(SandboxPaths.resolve("//etc///hosts/", "path", "/w")).isEqualTo("/etc/hosts");
    }

    @Test
    void resolve_climbsAboveRoot_invalidArgumentNamingField() {
        assertThatThrownBy(() -> SandboxPaths.resolve("/a/../../b", "uri", "/w"))
                .isInstanceOf(InvalidArgumentException.class)
                .satisfies(
                        e -> assertThat(((InvalidArgumentException) e).field()).isEqualTo("uri"))
                .hasMessageContaining("climbs above '/'");
    }

    @Test
    void check_nul_invalidArgument() {
        assertThatThrownBy(() -> SandboxPaths.check("a\0b", "path"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("NUL");
    }

    @Test
    void check_empty_invalidArgument() {
        assertThatThrownBy(() -> SandboxPaths.check("", "path"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("'path'");
    }

    @Test
    void check_tooLong_invalidArgument() {
        assertThatThrownBy(() -> SandboxPaths.check("a".repeat(4097), "path"))
                .isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void parentAndName_topLevelAndNested() {
        assertThat(SandboxPaths.parent("/x")).isEqualTo("/");
        assertThat(SandboxPaths.parent("/a/b/c")).isEqualTo("/a/b");
        assertThat(SandboxPaths.name("/a/b/c.png")).isEqualTo("c.png");
    }
}
