-- Limits of users and buckets (README "Limits"): one row per limit that is set; a limit that is not set (or is
-- set to 0) is unlimited and has no row. ops values are requests per second, bandwidth values KB/s.
create table limits (
    subject_kind varchar(8)   not null check (subject_kind in ('user', 'bucket')),
    subject_id   varchar(63)  not null,
    limit_key    varchar(32)  not null
        check (limit_key in ('ops:default', 'ops:get', 'ops:put', 'ops:list', 'ops:delete', 'bandwidth:out')),
    value        numeric      not null check (value > 0),
    updated_at   timestamptz  not null default now(),
    primary key (subject_kind, subject_id, limit_key)
);

-- A user's limits go with the user; a bucket's limits go with the bucket (by name), and a new bucket of the same
-- name (a new epoch) starts without limits.
create function drop_subject_limits() returns trigger language plpgsql as $$
begin
    if tg_table_name = 'users' then
        delete from limits where subject_kind = 'user' and subject_id = old.id;
    elsif tg_op = 'DELETE' then
        delete from limits where subject_kind = 'bucket' and subject_id = old.name;
    elsif old.epoch <> new.epoch or old.name <> new.name then
        delete from limits where subject_kind = 'bucket' and subject_id = old.name;
    end if;
    return null;
end
$$;

create trigger users_drop_limits after delete on users
    for each row execute function drop_subject_limits();
create trigger buckets_drop_limits after delete or update on buckets
    for each row execute function drop_subject_limits();

-- Every change to a limit, by the gateway, by a trigger above or by hand, notifies "kind:id" on commit; each
-- gateway LISTENs on stowage_limits and reloads that subject's limits into its cache.
create function notify_limit_change() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        perform pg_notify('stowage_limits', old.subject_kind || ':' || old.subject_id);
    else
        perform pg_notify('stowage_limits', new.subject_kind || ':' || new.subject_id);
        if tg_op = 'UPDATE' then
            if old.subject_kind <> new.subject_kind or old.subject_id <> new.subject_id then
                perform pg_notify('stowage_limits', old.subject_kind || ':' || old.subject_id);
            end if;
        end if;
    end if;
    return null;
end
$$;

create trigger limits_changed after insert or update or delete on limits
    for each row execute function notify_limit_change();
