package io.msbmcp.it;

import java.util.List;

/** The tools msb-mcp serves, sorted by name: what every client's {@code tools/list} must show, whatever the era. */
final class ToolNames {
    static final List<String> SORTED = List.of(
            "download_file",
            "execute_code",
            "execute_command",
            "get_sessions",
            "get_volume_path",
            "list_files",
            "stop_session",
            "upload_file");

    private ToolNames() {}
}
