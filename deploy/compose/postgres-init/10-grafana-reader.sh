#!/bin/bash
# Run once by the postgres image on an empty data directory: the login Grafana reads with. Its SELECT grants, on
# the tables the dashboards query only, come with the backend's migration V50 (the tables do not exist yet).
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    -v reader_password="$GRAFANA_DB_PASSWORD" <<'SQL'
CREATE ROLE grafana_ro LOGIN PASSWORD :'reader_password';
GRANT CONNECT ON DATABASE maillage TO grafana_ro;
GRANT USAGE ON SCHEMA public TO grafana_ro;
SQL
