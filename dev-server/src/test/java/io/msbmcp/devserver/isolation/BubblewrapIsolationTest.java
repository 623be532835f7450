package io.msbmcp.devserver.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class BubblewrapIsolationTest {
    private final BubblewrapIsolation isolation = new BubblewrapIsolation(Path.of("/usr/bin/bwrap"));

    @TempDir
    Path temp;

    private SandboxFiles files(List<VolumeMount> volumes) throws IOException {
        Path work = Files.createDirectories(temp.resolve("work"));
        Path tmp = Files.createDirectories(temp.resolve("tmp"));
        return new SandboxFiles(work, tmp, "/home/python-user/work", volumes, List.of());
    }

    @Test
    void wrap_always_jailsWithoutNetworkAndDiesWithServer() throws IOException {
        List<String> argv = isolation.wrap(files(List.of()), "box", List.of("/usr/bin/python3", "-i"));

        assertThat(argv.get(0)).isEqualTo("/usr/bin/bwrap");
        assertThat(argv).contains("--unshare-all", "--die-with-parent", "--new-session");
        assertThat(Collections.indexOfSubList(argv, List.of("--cap-drop", "ALL")))
                .isPositive();
        assertThat(Collections.indexOfSubList(argv, List.of("--hostname", "box")))
                .isPositive();
        assertThat(argv.subList(argv.size() - 7, argv.size()))
                .containsExactly(
                        "--remount-ro", "/", "--chdir", "/home/python-user/work", "--", "/usr/bin/python3", "-i");
    }

    @Test
    void wrap_mounts_bindTmpWorkAndVolumesReadWriteOutermostFirst() throws IOException {
        Path data = Files.createDirectories(temp.resolve("data"));
        SandboxFiles files = files(List.of(new VolumeMount(data, "/home/python-user/work/data")));

        List<String> argv = isolation.wrap(files, "box", List.of("/bin/true"));

        int tmp = Collections.indexOfSubList(
                argv, List.of("--bind", files.hostTmpDir().toString(), "/tmp"));
        int work = Collections.indexOfSubList(
                argv, List.of("--bind", files.hostWorkDir().toString(), "/home/python-user/work"));
        int volume =
                Collections.indexOfSubList(argv, List.of("--bind", data.toString(), "/home/python-user/work/data"));
        assertThat(tmp).isPositive().isLessThan(work);
        assertThat(work).isLessThan(volume);
    }

    @Test
    void wrap_targetUnderExistingHostDirectory_recreatesThatDirectory() throws IOException {
        List<String> argv = isolation.wrap(files(List.of()), "box", List.of("/bin/true"));

        assertThat(Collections.indexOfSubList(argv, List.of("--dir", "/home"))).isPositive();
        assertThat(Collections.indexOfSubList(argv, List.of("--ro-bind-try", "/home", "/home")))
                .isNegative();
        assertThat(Collections.indexOfSubList(argv, List.of("--ro-bind-try", "/usr", "/usr")))
                .isPositive();
        assertThat(argv).doesNotContain("/sys");
    }

    @Test
    void toHost_insideMount_mapsToHostDirectory() throws IOException {
        SandboxFiles files = files(List.of());
        Files.writeString(files.hostWorkDir().resolve("script.sh"), "echo");

        assertThat(isolation.toHost(files, "/home/python-user/work/script.sh"))
                .contains(files.hostWorkDir().resolve("script.sh"));
        assertThat(isolation.toHost(files, "/home/python-user/work/missing")).isEmpty();
        assertThat(isolation.toHost(files, "/bin/sh")).contains(Path.of("/bin/sh"));
        assertThat(isolation.toHost(files, "/proc/self/exe")).isEmpty();
    }

    @Test
    void checkMountTarget_kernelFileSystemsOrRoot_areRefused() {
        assertThatThrownBy(() -> BubblewrapIsolation.checkMountTarget("/"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BubblewrapIsolation.checkMountTarget("/proc/x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BubblewrapIsolation.checkMountTarget("/dev"))
                .isInstanceOf(IllegalArgumentException.class);
        BubblewrapIsolation.checkMountTarget("/devices");
    }

    @Test
    void volumeMount_parse_splitsHostAndContainer() {
        assertThat(VolumeMount.parse("/srv/data:/shared/../data/"))
                .isEqualTo(new VolumeMount(Path.of("/srv/data"), "/data"));
        assertThat(VolumeMount.parse("/srv/same")).isEqualTo(new VolumeMount(Path.of("/srv/same"), "/srv/same"));
        assertThatThrownBy(() -> VolumeMount.parse("relative:/x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VolumeMount.parse(":/x")).isInstanceOf(IllegalArgumentException.class);
    }
}
