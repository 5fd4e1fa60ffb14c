-- Territory reference data, loaded from the open-data formats by fr.maillage.territory.importer. Every table is
-- keyed by its natural key so a re-import (a new year, a new extraction) updates rows in place.

-- EPCI à fiscalité propre (CC, CA, CU, métropole), by SIREN. Populations are the DGCL figures of the EPCI file.
CREATE TABLE epci (
    siren                 text PRIMARY KEY,
    name                  text        NOT NULL,
    kind                  text        NOT NULL,
    population_municipale integer,
    departements          text[]      NOT NULL,
    updated_at            timestamptz NOT NULL
);

-- Current communes (COG). geometry is a GeoJSON Polygon/MultiPolygon in WGS84, loaded by the polygon import.
CREATE TABLE commune (
    insee_code   text PRIMARY KEY,
    name         text             NOT NULL,
    departement  text             NOT NULL,
    region       text,
    epci_siren   text,
    population   integer          NOT NULL,
    postcodes    text[]           NOT NULL,
    centroid_lat double precision,
    centroid_lon double precision,
    geometry     jsonb,
    updated_at   timestamptz      NOT NULL
);

CREATE INDEX commune_departement ON commune (departement);
CREATE INDEX commune_epci ON commune (epci_siren);

-- Communes déléguées / associées and other former codes, mapped to the current commune (chef-lieu), so that
-- old codes still found in patient data resolve. No foreign key: the chef-lieu may lie in a département
-- that was not imported.
CREATE TABLE commune_former_code (
    former_code text PRIMARY KEY,
    name        text        NOT NULL,
    kind        text        NOT NULL,
    insee_code  text        NOT NULL,
    updated_at  timestamptz NOT NULL
);

CREATE INDEX commune_former_code_target ON commune_former_code (insee_code);

-- DREES APL to general practitioners, per commune and year (millésime).
CREATE TABLE commune_apl (
    insee_code              text             NOT NULL,
    year                    smallint         NOT NULL,
    apl                     double precision NOT NULL,
    apl_under_65            double precision,
    standardised_population double precision,
    total_population        integer,
    updated_at              timestamptz      NOT NULL,
    PRIMARY KEY (insee_code, year)
);

-- Health professionals per commune of practice and profession: distinct RPPS identifiers, all modes of
-- practice and libéral only.
CREATE TABLE care_supply (
    insee_code            text        NOT NULL,
    profession            text        NOT NULL,
    practitioners         integer     NOT NULL,
    liberal_practitioners integer     NOT NULL,
    updated_at            timestamptz NOT NULL,
    PRIMARY KEY (insee_code, profession)
);

-- One row per import run: what was read, written and skipped, and why.
CREATE TABLE territory_import (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    dataset      text        NOT NULL,
    source       text        NOT NULL,
    started_at   timestamptz NOT NULL,
    duration_ms  bigint      NOT NULL,
    read         integer     NOT NULL,
    inserted     integer     NOT NULL,
    updated      integer     NOT NULL,
    unchanged    integer     NOT NULL,
    deleted      integer     NOT NULL,
    skipped      integer     NOT NULL,
    skip_reasons jsonb       NOT NULL
);
