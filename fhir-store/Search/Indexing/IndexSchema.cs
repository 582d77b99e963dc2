namespace Sandbox.FhirStore.Search.Indexing;

/// <summary>
/// The search index tables. Each row points at <c>resource.resource_key</c>; the first
/// index of each table serves searches, the <c>_by_resource</c> one serves re-indexing and
/// the correlated checks of the second and later search conditions.
/// </summary>
/// <remarks>
/// The script runs at every start, so an index change reaches existing data folders without
/// a reindex. A changed index gets a new name, and the script drops the index it replaces.
/// Building the new index at the first start after an upgrade takes time in proportion to
/// the table's rows.
/// </remarks>
internal static class IndexSchema
{
    public const string Tables =
        """
        CREATE TABLE IF NOT EXISTS search_string (
            resource_key INTEGER NOT NULL, resource_type TEXT NOT NULL, param TEXT NOT NULL,
            value_normalized TEXT NOT NULL, value_exact TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS search_string_by_value ON search_string (param, value_normalized, resource_type);
        CREATE INDEX IF NOT EXISTS search_string_by_resource ON search_string (resource_key, param);

        CREATE TABLE IF NOT EXISTS search_token (
            resource_key INTEGER NOT NULL, resource_type TEXT NOT NULL, param TEXT NOT NULL,
            system TEXT, code TEXT, text TEXT, type_system TEXT, type_code TEXT);
        CREATE INDEX IF NOT EXISTS search_token_by_code ON search_token (param, code, resource_type, system);
        CREATE INDEX IF NOT EXISTS search_token_by_resource ON search_token (resource_key, param);
        -- Older versions stored the FHIRPath boolean of Patient deceased as "True" or "False".
        -- It is the only R4 token parameter whose expression returns a boolean.
        UPDATE search_token SET code = lower(code)
            WHERE param = 'deceased' AND code IN ('True', 'False') AND resource_type = 'Patient';

        CREATE TABLE IF NOT EXISTS search_reference (
            resource_key INTEGER NOT NULL, resource_type TEXT NOT NULL, param TEXT NOT NULL,
            target_type TEXT, target_id TEXT, url TEXT, identifier_system TEXT, identifier_value TEXT);
        -- resource_key before target_type: the keys of a search by reference target come from
        -- one range of this index, in key order, without reading the table's rows.
        CREATE INDEX IF NOT EXISTS search_reference_by_target_key ON search_reference (target_id, param, resource_type, resource_key, target_type);
        DROP INDEX IF EXISTS search_reference_by_target;
        CREATE INDEX IF NOT EXISTS search_reference_by_url ON search_reference (url) WHERE url IS NOT NULL;
        CREATE INDEX IF NOT EXISTS search_reference_by_resource ON search_reference (resource_key, param);

        CREATE TABLE IF NOT EXISTS search_date (
            resource_key INTEGER NOT NULL, resource_type TEXT NOT NULL, param TEXT NOT NULL,
            low INTEGER NOT NULL, high INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS search_date_by_low ON search_date (param, resource_type, low);
        CREATE INDEX IF NOT EXISTS search_date_by_resource ON search_date (resource_key, param);

        CREATE TABLE IF NOT EXISTS search_number (
            resource_key INTEGER NOT NULL, resource_type TEXT NOT NULL, param TEXT NOT NULL,
            low REAL NOT NULL, high REAL NOT NULL);
        CREATE INDEX IF NOT EXISTS search_number_by_resource ON search_number (resource_key, param);

        CREATE TABLE IF NOT EXISTS search_quantity (
            resource_key INTEGER NOT NULL, resource_type TEXT NOT NULL, param TEXT NOT NULL,
            system TEXT, code TEXT, unit TEXT, low REAL NOT NULL, high REAL NOT NULL);
        CREATE INDEX IF NOT EXISTS search_quantity_by_resource ON search_quantity (resource_key, param);

        CREATE TABLE IF NOT EXISTS search_quantity_canonical (
            resource_key INTEGER NOT NULL, resource_type TEXT NOT NULL, param TEXT NOT NULL,
            code TEXT NOT NULL, low REAL NOT NULL, high REAL NOT NULL);
        CREATE INDEX IF NOT EXISTS search_quantity_canonical_by_resource ON search_quantity_canonical (resource_key, param);

        CREATE TABLE IF NOT EXISTS search_uri (
            resource_key INTEGER NOT NULL, resource_type TEXT NOT NULL, param TEXT NOT NULL,
            value TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS search_uri_by_value ON search_uri (param, value, resource_type);
        CREATE INDEX IF NOT EXISTS search_uri_by_resource ON search_uri (resource_key, param);

        CREATE TABLE IF NOT EXISTS search_composite (
            resource_key INTEGER NOT NULL, resource_type TEXT NOT NULL, param TEXT NOT NULL,
            system1 TEXT, code1 TEXT, system2 TEXT, code2 TEXT, low2 REAL, high2 REAL, text2 TEXT);
        CREATE INDEX IF NOT EXISTS search_composite_by_code ON search_composite (param, code1, resource_type);
        CREATE INDEX IF NOT EXISTS search_composite_by_resource ON search_composite (resource_key, param);

        CREATE TABLE IF NOT EXISTS search_compartment (
            resource_key INTEGER NOT NULL, patient_id TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS search_compartment_by_patient ON search_compartment (patient_id, resource_key);
        CREATE INDEX IF NOT EXISTS search_compartment_by_resource ON search_compartment (resource_key);
        """;

    /// <summary>The tables that hold per-resource rows, which indexing replaces on every write.</summary>
    public static readonly string[] ResourceTables =
    [
        "search_string", "search_token", "search_reference", "search_date", "search_number",
        "search_quantity", "search_quantity_canonical", "search_uri", "search_composite", "search_compartment",
    ];
}
