-- Accounts, users, access keys and bucket ownership (Flyway owns the schema; Hibernate only maps it).

-- The owner tree: the provider (the root row) -> partners -> customers. Users hang off an account through
-- users.owner_id; today every user belongs to the root. Later tenants are rows here, not a new schema.
create table accounts (
    id          char(16)     primary key,
    parent_id   char(16)     references accounts (id),
    kind        varchar(16)  not null check (kind in ('provider', 'partner', 'customer')),
    name        varchar(254) not null,
    created_at  timestamptz  not null default now(),
    check ((kind = 'provider') = (parent_id is null))
);
insert into accounts (id, parent_id, kind, name) values ('0000000000000000', null, 'provider', 'provider');

create table users (
    id          char(16)     primary key check (id ~ '^[0-9a-f]{16}$'),
    email       varchar(254) not null,
    state       varchar(16)  not null default 'enabled' check (state in ('enabled', 'disabled')),
    owner_id    char(16)     not null default '0000000000000000' references accounts (id),
    is_system   boolean      not null default false,
    created_at  timestamptz  not null default now()
);
-- emails are kept as given but unique whatever their case
create unique index users_email_unique on users (lower(email));
create index users_owner on users (owner_id);

create table access_keys (
    access_key_id varchar(128) primary key,
    user_id       char(16)     not null references users (id) on delete cascade,
    secret        varchar(128) not null,
    created_at    timestamptz  not null default now()
);
create index access_keys_user on access_keys (user_id, created_at);

-- One row per existing bucket; epoch is new for every creation of a name. Versioning and quotas come as
-- columns of their own in later migrations.
create table buckets (
    name        varchar(63)  primary key,
    owner_id    char(16)     not null references users (id),
    created_at  timestamptz  not null,
    epoch       bigint       not null
);
create index buckets_owner on buckets (owner_id);

-- Every change to a user or its keys, by the gateway or by hand, notifies the user id on commit; each gateway
-- LISTENs on stowage_accounts and reloads that user's keys into its credential cache.
create function notify_account_change() returns trigger language plpgsql as $$
declare
    changed text;
begin
    if tg_op = 'DELETE' and tg_table_name = 'users' then
        changed := old.id;
    elsif tg_op = 'DELETE' then
        changed := old.user_id;
    elsif tg_table_name = 'users' then
        changed := new.id;
    else
        changed := new.user_id;
    end if;
    perform pg_notify('stowage_accounts', changed);
    return null;
end
$$;

create trigger users_changed after insert or update or delete on users
    for each row execute function notify_account_change();
create trigger access_keys_changed after insert or update or delete on access_keys
    for each row execute function notify_account_change();
