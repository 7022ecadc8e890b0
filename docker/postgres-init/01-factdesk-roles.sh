#!/bin/sh
# First start of the database only: the two roles Factdesk uses. The owner runs migrations
# and owns the schema (no superuser); the app role gets, from the owner, only the grants the
# app needs (no DDL, no UPDATE or DELETE on the audit log and verdict history).
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres <<SQL
CREATE ROLE factdesk_owner LOGIN NOSUPERUSER NOCREATEROLE PASSWORD '${FACTDESK_OWNER_PASSWORD}';
CREATE ROLE factdesk_app LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB PASSWORD '${FACTDESK_APP_PASSWORD}';
CREATE DATABASE factdesk OWNER factdesk_owner;
REVOKE ALL ON DATABASE factdesk FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE factdesk TO factdesk_app;
SQL
