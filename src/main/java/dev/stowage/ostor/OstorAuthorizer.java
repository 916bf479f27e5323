package dev.stowage.ostor;

import dev.stowage.auth.Principal;
import dev.stowage.ostor.error.OstorError;
import dev.stowage.ostor.error.OstorException;

/** The ostor admin services answer system users only: anyone else, anonymous included, gets AccessDenied. */
public final class OstorAuthorizer {
    private OstorAuthorizer() {}

    public static void requireSystem(Principal principal) {
        if (principal.isAnonymous() || !principal.system()) {
            throw new OstorException(OstorError.ACCESS_DENIED);
        }
    }
}
