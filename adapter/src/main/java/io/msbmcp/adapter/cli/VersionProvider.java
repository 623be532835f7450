package io.msbmcp.adapter.cli;

import io.msbmcp.adapter.ServerVersion;
import picocli.CommandLine;

/** {@code --version}: the implementation name and version. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {ServerVersion.IMPLEMENTATION_NAME + " " + ServerVersion.version()};
    }
}
