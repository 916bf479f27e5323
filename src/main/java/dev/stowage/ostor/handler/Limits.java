package dev.stowage.ostor.handler;

import dev.stowage.accounts.Accounts;
import dev.stowage.limits.LimitSubject;
import dev.stowage.limits.LimitsAdmin;
import dev.stowage.ostor.LimitTarget;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What the ostor-limits handlers share: the subject a request names (a user found by email or id, 404 when there
 * is none; a bucket by name, which {@link LimitsAdmin} checks, 404 too) and the durable limits.
 */
@ApplicationScoped
public class Limits {
    private final Accounts accounts;
    private final LimitsAdmin admin;

    public Limits(Accounts accounts, LimitsAdmin admin) {
        this.accounts = accounts;
        this.admin = admin;
    }

    public LimitSubject subject(LimitTarget target) {
        return switch (target) {
            case LimitTarget.User u -> LimitSubject.user(Users.require(accounts, u.user()).id());
            case LimitTarget.Bucket b -> LimitSubject.bucket(b.name());
        };
    }

    public LimitsAdmin admin() {
        return admin;
    }
}
