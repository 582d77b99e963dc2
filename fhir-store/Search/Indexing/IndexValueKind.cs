namespace Sandbox.FhirStore.Search.Indexing;

/// <summary>The SQLite storage class of an <see cref="IndexValue"/>. The default is NULL.</summary>
internal enum IndexValueKind
{
    Null,
    Text,
    Integer,
    Real,
}
