-- Grafana's dashboards read these tables through a read-only login, grafana_ro, created with the database by the
-- deployment (deploy/compose/postgres-init). Where that login does not exist (tests, other deployments), nothing
-- is granted. Nothing else is readable by it: not the dead letter's raw payloads, not the accounts.
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'grafana_ro') THEN
        GRANT SELECT ON site, site_state_interval, incident, encounter TO grafana_ro;
    END IF;
END
$$;
