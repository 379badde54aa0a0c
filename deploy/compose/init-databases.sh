#!/bin/sh
# Runs once, when the PostgreSQL volume is new; passwords come from the environment (.env), never from files here.
set -e
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" \
  -v incident_password="$INCIDENT_DB_PASSWORD" -v casualty_password="$CASUALTY_DB_PASSWORD" \
  -v media_password="$MEDIA_DB_PASSWORD" -v gateway_password="$GATEWAY_DB_PASSWORD" \
  -f /docker-entrypoint-initdb.d/init-databases.sql.in
