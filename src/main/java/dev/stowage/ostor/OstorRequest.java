package dev.stowage.ostor;

import dev.stowage.auth.Principal;
import dev.stowage.http.RequestHead;

/** An ostor request that has been parsed, authenticated and authorized (its principal is a system user). */
public record OstorRequest(RequestHead head, Principal principal) {}
