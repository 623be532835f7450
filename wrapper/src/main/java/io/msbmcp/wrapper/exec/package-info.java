/** Running code and commands in a session's sandbox: runners, output capping, dependency installs. */
@NullMarked
package io.msbmcp.wrapper.exec;

import org.jspecify.annotations.NullMarked;
