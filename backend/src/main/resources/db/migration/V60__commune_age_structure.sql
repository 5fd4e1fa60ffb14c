-- Population by age band per commune and census year, from INSEE's « Évolution et structure de la population »
-- (base-cc-evol-struct-pop-YYYY), loaded by the territory importer's AGE_STRUCTURE dataset. INSEE publishes
-- these counts as weighted estimates with decimals, so they are kept as such. The broad bands (0-14 … 90+) and
-- the two bands that make the 65+ total (65-79, 80+) are stored.
CREATE TABLE commune_age_structure (
    insee_code   text             NOT NULL,
    year         smallint         NOT NULL,
    population   double precision NOT NULL,
    aged_0_14    double precision NOT NULL,
    aged_15_29   double precision NOT NULL,
    aged_30_44   double precision NOT NULL,
    aged_45_59   double precision NOT NULL,
    aged_60_74   double precision NOT NULL,
    aged_75_89   double precision NOT NULL,
    aged_90_plus double precision NOT NULL,
    aged_65_79   double precision NOT NULL,
    aged_80_plus double precision NOT NULL,
    updated_at   timestamptz      NOT NULL,
    PRIMARY KEY (insee_code, year)
);
