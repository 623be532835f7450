/** Configuration from the environment: {@link io.msbmcp.wrapper.config.WrapperConfig} and its loader. */
@NullMarked
package io.msbmcp.wrapper.config;

import org.jspecify.annotations.NullMarked;
