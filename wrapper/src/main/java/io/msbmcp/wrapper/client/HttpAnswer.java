package io.msbmcp.wrapper.client;

/**
 * One HTTP answer of the Microsandbox server: status and body bytes (empty when the body was empty). The bytes are
 * parsed as they are, without a String of them first: an answer carries the run's whole output.
 */
record HttpAnswer(int status, byte[] body) {}
