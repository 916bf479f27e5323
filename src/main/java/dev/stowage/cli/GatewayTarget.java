package dev.stowage.cli;

import java.net.URI;

/** Where the CLI sends its requests and the system user's key pair it signs them with. */
record GatewayTarget(URI endpoint, String accessKey, String secretKey) {}
