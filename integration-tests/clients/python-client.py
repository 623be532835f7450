"""Drives msb-mcp with the official Python client (`mcp` 2.3.0) over streamable HTTP, with its default negotiation
(mode='auto': probe server/discover, fall back to initialize). Reports the era it ended up in and runs code twice in
one session.

Usage: python python-client.py <mcp-url> <session-id>
Prints one JSON object with what the client saw; exits 1 on an unexpected error.
"""

import asyncio
import json
import sys
import time
import traceback

from mcp import Client


def summary(result):
    structured = result.structured_content or {}
    return {
        "isError": bool(result.is_error),
        "sessionId": structured.get("session_id"),
        "created": structured.get("session_created"),
        "stdout": structured.get("stdout"),
        "stderr": structured.get("stderr"),
        "sessionReset": structured.get("session_reset"),
    }


async def main(url, session):
    report = {}
    try:
        start = time.monotonic()
        async with Client(url, read_timeout_seconds=60) as client:
            report["connectMs"] = round((time.monotonic() - start) * 1000)
            report["protocolVersion"] = client.protocol_version
            discover = client.session.discover_result
            report["discovered"] = discover is not None
            report["supportedVersions"] = list(discover.supported_versions) if discover is not None else None
            report["handshake"] = client.session.initialize_result is not None
            info = client.server_info
            report["serverName"] = info.name if info is not None else None
            tools = await client.list_tools()
            report["tools"] = sorted(tool.name for tool in tools.tools)
            first = await client.call_tool("execute_code", {"code": "x = 6 * 7", "session_id": session})
            report["first"] = summary(first)
            second = await client.call_tool("execute_code", {"code": "print(x)", "session_id": session})
            report["second"] = summary(second)
            stopped = await client.call_tool("stop_session", {"session_id": session})
            report["stopped"] = (stopped.structured_content or {}).get("stopped")
        print(json.dumps(report))
        return 0
    except BaseException:  # noqa: BLE001 - the report must carry whatever went wrong, task-group errors included
        report["unexpected"] = traceback.format_exc()
        print(json.dumps(report))
        return 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv[1], sys.argv[2])))
