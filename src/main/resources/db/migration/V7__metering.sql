-- Metering and billing (README "Metering and billing"). Numbered after the issue (7) so that migrations of
-- features built at the same time (usage statistics) keep lower numbers of their own.

-- Permissions granted to users beyond owning buckets: today 'utapi:ListMetrics' (UTAPI ListMetrics access).
create table user_permissions (
    user_id     char(16)    not null references users (id) on delete cascade,
    permission  varchar(64) not null check (permission in ('utapi:ListMetrics')),
    granted_at  timestamptz not null default now(),
    primary key (user_id, permission)
);

-- Traffic per 15-minute slot, bucket (name and epoch), requesting user and S3 action: written by the usage
-- rollup from the same closed snapshot as the ostor usage object, idempotently (a rerun of a rollup writes the
-- same rows again). owner_id is the bucket's owner when the slot was written.
create table metering_traffic (
    service_id  char(16)    not null,
    slot_start  timestamptz not null,
    bucket      varchar(63) not null,
    epoch       bigint      not null,
    user_id     varchar(16) not null,
    action      varchar(64) not null,
    owner_id    char(16),
    ops         bigint      not null check (ops >= 0),
    bytes_in    bigint      not null check (bytes_in >= 0),
    bytes_out   bigint      not null check (bytes_out >= 0),
    primary key (service_id, slot_start, bucket, epoch, user_id, action)
);
create index metering_traffic_slot on metering_traffic (slot_start);

-- Each bucket's storage at slot boundaries: bytes, objects and the byte×seconds integral since the bucket's
-- creation, as the storage accounting had them at slot_start. A bucket's value at any instant is its latest row at
-- or before it (the integral extended by bytes × the seconds since).
create table metering_storage (
    slot_start   timestamptz not null,
    bucket       varchar(63) not null,
    epoch        bigint      not null,
    owner_id     char(16),
    bytes        bigint      not null check (bytes >= 0),
    objects      bigint      not null check (objects >= 0),
    byte_seconds numeric     not null check (byte_seconds >= 0),
    deleted      boolean     not null default false,
    primary key (bucket, epoch, slot_start)
);
create index metering_storage_slot on metering_storage (slot_start);

-- One row per exported billing period: which replica runs it (a lease, so one replica exports) and whether it is
-- done (the scheduled run skips done periods; a run on demand exports again and replaces the files).
create table billing_exports (
    period_start date        primary key,
    state        varchar(8)  not null check (state in ('running', 'done', 'failed')),
    runner       varchar(64) not null,
    lease_until  timestamptz not null,
    attempts     int         not null default 0,
    finished_at  timestamptz,
    last_error   text
);
