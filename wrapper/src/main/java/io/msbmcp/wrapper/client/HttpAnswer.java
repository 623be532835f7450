package io.msbmcp.wrapper.client;

/** One HTTP answer of the Microsandbox server: status and body text (empty when the body was empty). */
record HttpAnswer(int status, String body) {}
