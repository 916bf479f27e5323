/**
 * What happened to each request, told once after its response is on the wire: {@link RequestTrace} is filled
 * in along the request's one-way path (operation, principal, bucket), then turned into an immutable
 * {@link RequestRecord} handed to every {@link RequestObserver} (usage counters, metrics, the access log).
 */
package dev.stowage.observe;
